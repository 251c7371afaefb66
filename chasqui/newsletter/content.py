"""The bulletin as an email: rendered once per send, personalised per recipient by a string replace."""

import re
from dataclasses import dataclass, field
from html import unescape

import nh3
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape, strip_tags
from django.utils.text import normalize_newlines
from mjml import mjml2html
from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from chasqui.core.models import SiteSettings

from .mime import MimeTemplate, PrebuiltMessage

# Stands in for each recipient's own unsubscribe link until the message is built.
UNSUBSCRIBE_PLACEHOLDER = "https://unsubscribe.invalid/__recipient__"

EMAIL_FONT = "Helvetica, Arial, sans-serif"
SAFE_TAGS = {"p", "br", "strong", "b", "em", "i", "a", "ul", "ol", "li", "h3"}


def base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(url):
    return base_url() + url if url.startswith("/") else url


def safe_rich_text(stored_rich_text, absolute_links=False):
    """Rich text with internal links expanded and nothing but simple formatting left in."""
    html = expand_db_html(stored_rich_text or "")
    if absolute_links:
        html = re.sub(r'href="(/[^"]*)"', lambda match: f'href="{base_url()}{match.group(1)}"', html)
    return nh3.clean(
        html, tags=SAFE_TAGS, attributes={"a": {"href"}}, url_schemes={"http", "https", "mailto"}
    )


def email_safe_html(stored_rich_text):
    """For emails and feeds, read away from the site: links made absolute."""
    return safe_rich_text(stored_rich_text, absolute_links=True)


def html_to_text(html):
    """Readable plain text from simple rich text: paragraphs kept, links shown after their words."""
    html = re.sub(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', r"\2 (\1)", html)
    html = re.sub(r"</(p|h3|li)>|<br\s*/?>", "\n", html)
    html = re.sub(r"<li>", "- ", html)
    text = strip_tags(html)
    lines = [line.strip() for line in normalize_newlines(unescape(text)).split("\n")]
    return "\n".join(lines).strip()


def default_site():
    return Site.objects.filter(is_default_site=True).first() or Site.objects.first()


@dataclass
class EmailItem:
    title: str
    url: str
    lede: str
    date: object


@dataclass
class BulletinEmail:
    """Subject, HTML and text of one bulletin with a placeholder where each reader's link goes."""

    subject: str
    html: str
    text: str
    from_email: str
    reply_to: list = field(default_factory=list)
    _templates: dict = field(default_factory=dict, repr=False)

    def html_for(self, unsubscribe):
        return self.html.replace(UNSUBSCRIBE_PLACEHOLDER, escape(unsubscribe))

    def text_for(self, unsubscribe):
        return self.text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe)

    def mime_template(self, one_click_header):
        if one_click_header not in self._templates:
            self._templates[one_click_header] = MimeTemplate.build(
                self.subject, self.from_email, self.reply_to, one_click_header
            )
        return self._templates[one_click_header]

    def message(self, to, unsubscribe, one_click=None, connection=None):
        """A ready-to-send message for one address, with RFC 8058 one-click unsubscribe headers."""
        headers = {}
        if one_click:
            headers["List-Unsubscribe"] = f"<{one_click}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        fields = {
            "subject": self.subject,
            "body": self.text_for(unsubscribe),
            "from_email": self.from_email,
            "to": [to],
            "reply_to": self.reply_to,
            "headers": headers,
            "connection": connection,
        }
        html = self.html_for(unsubscribe)
        template = self.mime_template(bool(one_click)) if to.isascii() else None
        if template is not None:
            return PrebuiltMessage(**fields, template=template, html=html, one_click=one_click)
        message = EmailMultiAlternatives(**fields)
        message.attach_alternative(html, "text/html")
        return message

    def message_for(self, subscriber, connection=None):
        from chasqui.subscribers.links import one_click_unsubscribe_url, unsubscribe_url

        return self.message(
            subscriber.email,
            unsubscribe=unsubscribe_url(subscriber),
            one_click=one_click_unsubscribe_url(subscriber),
            connection=connection,
        )


def email_items(bulletin):
    items = []
    for page in bulletin.news_items():
        if page is None or not page.live:
            continue
        items.append(
            EmailItem(
                title=page.title, url=absolute_url(page.get_url() or ""), lede=page.summary, date=page.date
            )
        )
    return items


def render_bulletin_email(bulletin, preview=False):
    """Render the bulletin once: MJML to responsive HTML, plus the plain-text part."""
    site_settings = SiteSettings.for_site(default_site())
    with translation.override(bulletin.language):
        context = {
            "bulletin": bulletin,
            "title": bulletin.title,
            "items": email_items(bulletin),
            "introduction": email_safe_html(bulletin.introduction),
            "sign_off": email_safe_html(bulletin.sign_off),
            "web_url": bulletin.get_full_url(),
            "archive_url": absolute_url(_archive_path()),
            "organisation": site_settings.organisation_name,
            "postal_address": [
                line.strip() for line in site_settings.postal_address.splitlines() if line.strip()
            ],
            "contact_email": site_settings.email,
            "primary_colour": site_settings.primary_colour,
            "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
            "font": EMAIL_FONT,
            "preview": preview,
        }
        mjml_source = render_to_string("newsletter/email/bulletin.mjml", context)
        html = mjml2html(mjml_source, fonts={}, disable_comments=True)
        context["introduction_text"] = html_to_text(context["introduction"])
        context["sign_off_text"] = html_to_text(context["sign_off"])
        text = render_to_string("newsletter/email/bulletin.txt", context)
        subject = f"{bulletin.title} · {site_settings.organisation_name}"
    from_email = settings.DEFAULT_FROM_EMAIL
    return BulletinEmail(
        subject=subject,
        html=html,
        text=re.sub(r"\n{3,}", "\n\n", text).strip() + "\n",
        from_email=from_email,
        reply_to=[site_settings.email] if site_settings.email else [],
    )


def _archive_path():
    return reverse("newsletter:archive")
