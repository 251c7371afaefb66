"""Every email Chasqui sends is built here, from three templates and one shared layout.

An email named ``"app/email/welcome"`` is three templates side by side:

* ``welcome_subject.txt``: one line (whitespace is collapsed, nothing is HTML-escaped);
* ``welcome.txt``: the plain-text part, rendered with autoescape off by the template itself;
* ``welcome.mjml``: the HTML part, extending ``email/layout.mjml`` and compiled by MJML into
  HTML that mail clients lay out alike. A template without an ``.mjml`` is sent as text only.

Emails are built away from any request, so the charity's name, colours and address come from
the default site's settings (`branding()`), and each message is rendered in its reader's language.
Every email is from `sender()`: the charity's name and contact email, unless `DEFAULT_FROM_EMAIL`
is set to a real address.
"""

import logging
import re
import smtplib
from dataclasses import dataclass
from email.headerregistry import Address
from email.utils import parseaddr

from anymail.exceptions import AnymailError
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation
from mjml import mjml2html

from .models import SiteSettings
from .sites import default_site

logger = logging.getLogger(__name__)

# One web-safe stack, as custom fonts rarely load in mail clients.
EMAIL_FONT = "Helvetica, Arial, sans-serif"


def site_settings():
    """The default site's settings, or unsaved defaults while no site exists (a fresh install)."""
    site = default_site()
    return SiteSettings.for_site(site) if site is not None else SiteSettings()


def branding(settings_for_site=None):
    """What the shared layout shows of the charity, in the active language: name, colour, address
    and contact email."""
    organisation = (settings_for_site or site_settings()).localized
    return {
        "organisation_name": organisation.organisation_name,
        "primary_colour": organisation.primary_colour,
        "postal_address": [line.strip() for line in organisation.postal_address.splitlines() if line.strip()],
        "contact_email": organisation.email,
        "font": EMAIL_FONT,
    }


# Mail domains that exist only on a developer's machine or in examples (RFC 2606, RFC 6761).
DEVELOPMENT_DOMAINS = ("localhost", "example", "invalid", "test", "local")


def is_development_address(address):
    """Whether `address` ("Name <a@b>" or "a@b") could not be a real sender on the internet."""
    domain = parseaddr(address or "")[1].rpartition("@")[2].lower().rstrip(".")
    if not domain:
        return True
    labels = domain.split(".")
    return labels[-1] in DEVELOPMENT_DOMAINS or labels[0] == "example"


def sender(settings_for_site=None):
    """Who every email is from: a real `DEFAULT_FROM_EMAIL` when one is configured, else the
    charity's name and contact email from the site settings (so a fresh install needs no setting).
    """
    configured = settings.DEFAULT_FROM_EMAIL
    if configured and not is_development_address(configured):
        return configured
    organisation = settings_for_site or site_settings()
    address = organisation.email or parseaddr(configured)[1] or "noreply@localhost"
    name = " ".join((organisation.organisation_name or "").split())
    username, domain = address.rsplit("@", 1)
    return str(Address(display_name=name, username=username, domain=domain))


def mjml_to_html(source):
    """Responsive HTML from MJML; no comments, and no web fonts to fetch."""
    return mjml2html(source, fonts={}, disable_comments=True)


def tidy_text(text):
    """Plain text with no runs of blank lines left by template tags, ending in one newline."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


@dataclass
class RenderedEmail:
    subject: str
    text: str
    html: str | None


def render_email(template, context, *, language=None, organisation=None):
    """Subject, text and (when there is an .mjml template) HTML, in `language` if given.

    The context starts from `branding(organisation)` and ``language_code``; the caller's context
    wins. Pass `organisation` (SiteSettings) when building many messages, to look it up once.
    """
    with translation.override(language or translation.get_language()):
        context = {**branding(organisation), "language_code": translation.get_language(), **context}
        subject = render_to_string(f"{template}_subject.txt", context)
        text = render_to_string(f"{template}.txt", context)
        html = None
        try:
            mjml_template = get_template(f"{template}.mjml")
        except TemplateDoesNotExist:
            pass
        else:
            html = mjml_to_html(mjml_template.render(context))
    return RenderedEmail(subject=" ".join(subject.split()), text=tidy_text(text), html=html)


def build_email(
    template,
    context,
    to,
    *,
    from_email=None,
    reply_to=None,
    headers=None,
    bcc=None,
    language=None,
    organisation=None,
):
    """A message ready for `send_emails`: plain text with the HTML alternative, from `sender()`.

    `to`, `reply_to` and `bcc` take one address or a list of them.
    """
    rendered = render_email(template, context, language=language, organisation=organisation)
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=from_email or sender(organisation),
        to=_addresses(to),
        bcc=_addresses(bcc),
        reply_to=_addresses(reply_to),
        headers=headers or {},
    )
    if rendered.html is not None:
        message.attach_alternative(rendered.html, "text/html")
    return message


def _addresses(value):
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def send_emails(messages):
    """Send over one connection of the default mailer; errors propagate. Returns the number sent."""
    messages = list(messages)
    if not messages:
        return 0
    with mailers.default as connection:
        return connection.send_messages(messages)


# What a mail server or provider raises for one message it will not take.
SEND_ERRORS = (smtplib.SMTPException, OSError, ValueError, AnymailError)


def send_each(messages):
    """Send over one connection, carrying on past a message that fails; returns those not sent."""
    messages = list(messages)
    failed = []
    if not messages:
        return failed
    with mailers.default as connection:
        for message in messages:
            try:
                connection.send_messages([message])
            except SEND_ERRORS:
                logger.exception("Could not send an email to %s", message.to)
                failed.append(message)
    return failed
