"""The email that asks a new reader to confirm, built in the shared email layout."""

from django.conf import settings

from chasqui.core import mail

from . import links
from .choices import SubscriberStatus


def organisation_name():
    """The charity's name from the default site's settings (emails are sent outside any request)."""
    return mail.site_settings().organisation_name


def confirmation_message(subscriber):
    """The confirmation email, in the subscriber's language, as plain text with an HTML alternative."""
    context = {
        "subscriber": subscriber,
        "confirm_url": links.confirm_url(subscriber),
        "confirm_days": settings.CHASQUI_SUBSCRIBER_CONFIRM_DAYS,
    }
    return mail.build_email(
        "subscribers/email/confirm", context, to=subscriber.email, language=subscriber.language
    )


def send_confirmation(subscriber):
    """Sends now; returns False when there is nothing to confirm any more."""
    if subscriber.status != SubscriberStatus.PENDING:
        return False
    mail.send_emails([confirmation_message(subscriber)])
    return True
