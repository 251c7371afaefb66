"""Sending a contact message: one to the organisation's contact email, a copy to the sender."""

from chasqui.core.mail import build_email, send_emails, site_settings


class NoContactAddress(Exception):
    """Site settings have no contact email, so the message has nowhere to go."""


def send_contact_message(name, email, subject, message, language=None):
    organisation = site_settings()
    if not organisation.email:
        raise NoContactAddress
    context = {"name": name, "email": email, "subject": subject, "message": message}
    to_organisation = build_email(
        "contact/email/message",
        context,
        organisation.email,
        reply_to=email,
        language=language,
        organisation=organisation,
    )
    copy_to_sender = build_email(
        "contact/email/copy",
        context,
        email,
        reply_to=organisation.email,
        language=language,
        organisation=organisation,
    )
    return send_emails([to_organisation, copy_to_sender])
