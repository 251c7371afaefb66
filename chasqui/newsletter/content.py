"""The bulletin as an email: rendered once per send, personalised per recipient by a string replace."""

import re
from dataclasses import dataclass, field
from html import unescape

import nh3
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString
from django.utils.text import normalize_newlines
from django.utils.translation import ngettext
from wagtail.rich_text import expand_db_html

from chasqui.core import mail
from chasqui.core.bulletin_sections import bulletin_sections
from chasqui.core.sites import absolute_url, base_url
from chasqui.images.pictures import lead_image_data, prefetch_lead_images
from chasqui.subscribers.links import one_click_unsubscribe_url, unsubscribe_url

from .mime import MimeTemplate, PrebuiltMessage

# Stands in for each recipient's own unsubscribe link until the message is built.
EMAIL_IMAGE_SPEC = "fill-1200x630"  # the share size: already made for the page's og:image
EMAIL_IMAGE_WIDTH = 550  # the 600 px email column less its padding
UNSUBSCRIBE_PLACEHOLDER = "https://unsubscribe.invalid/__recipient__"

SAFE_TAGS = {"p", "br", "strong", "b", "em", "i", "a", "ul", "ol", "li", "h3"}


def safe_rich_text(stored_rich_text, absolute_links=False):
    """Rich text with internal links expanded and nothing but simple formatting left in."""
    html = expand_db_html(stored_rich_text or "")
    if absolute_links:
        html = re.sub(r'href="(/[^"]*)"', lambda match: f'href="{base_url()}{match.group(1)}"', html)
    return nh3.clean(
        html, tags=SAFE_TAGS, attributes={"a": {"href"}}, url_schemes={"http", "https", "mailto"}
    )


def rich_text_markup(stored_rich_text):
    """Rich text for a page template: nh3 has left only simple formatting, so it is shown as it is."""
    return SafeString(safe_rich_text(stored_rich_text))


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


@dataclass
class EmailItem:
    title: str
    url: str
    lede: str
    date: object
    image: dict | None = None  # the lead image on the public address, for items that have one


@dataclass
class BulletinEmail:
    """Subject, HTML and text of one bulletin with a placeholder where each reader's link goes."""

    subject: str
    html: str
    text: str
    from_email: str
    reply_to: list = field(default_factory=list)
    preheader: str = ""
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
        return self.message(
            subscriber.email,
            unsubscribe=unsubscribe_url(subscriber),
            one_click=one_click_unsubscribe_url(subscriber),
            connection=connection,
        )


def email_items(bulletin):
    pages = [page for page in bulletin.news_items() if page is not None and page.live]
    prefetch_lead_images(pages, [EMAIL_IMAGE_SPEC])
    return [
        EmailItem(
            title=page.title,
            url=absolute_url(page.get_url() or ""),
            lede=page.summary,
            date=page.date,
            image=lead_image_data(page, EMAIL_IMAGE_SPEC),
        )
        for page in pages
    ]


def section_contents(bulletin):
    """What each registered section shows in this bulletin, in its language; empty ones left out."""
    with translation.override(bulletin.language):
        contents = (section.content(bulletin) for section in bulletin_sections())
        return [content for content in contents if content is not None and content.entries]


def web_page_context(bulletin, **extra):
    """What the bulletin's web page (the archive's copy and the previews) shows."""
    return {
        "bulletin": bulletin,
        "items": bulletin.news_items(),
        "sections": section_contents(bulletin),
        **extra,
    }


def preheader_text(bulletin, items, organisation_name):
    """The inbox preview after the subject: the editor's, or how many news items there are."""
    if bulletin.preheader:
        return bulletin.preheader
    with translation.override(bulletin.language):
        return ngettext(
            "%(count)s news item from %(organisation)s",
            "%(count)s news items from %(organisation)s",
            len(items),
        ) % {"count": len(items), "organisation": organisation_name}


def bulletin_context(bulletin, preview=False, web_url=None, organisation=None):
    """What the bulletin's templates show, in the bulletin's language; each reader's link is a placeholder.

    `web_url` is the "read on the website" link: the archive page unless given (a test's preview link).
    """
    organisation = organisation or mail.site_settings()
    with translation.override(bulletin.language):
        introduction = email_safe_html(bulletin.introduction)
        sign_off = email_safe_html(bulletin.sign_off)
        items = email_items(bulletin)
        return {
            "bulletin": bulletin,
            "title": bulletin.title,
            "subject": bulletin.subject_line(),
            "preheader": preheader_text(bulletin, items, organisation.organisation_name),
            "items": items,
            "sections": section_contents(bulletin),
            "image_width": EMAIL_IMAGE_WIDTH,
            "introduction": introduction,
            "introduction_text": html_to_text(introduction),
            "sign_off": sign_off,
            "sign_off_text": html_to_text(sign_off),
            "web_url": web_url or bulletin.get_full_url(),
            "archive_url": absolute_url(reverse("newsletter:archive")),
            "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
            "preview": preview,
        }


def render_bulletin_email(bulletin, preview=False, web_url=None):
    """Render the bulletin once, in the shared email layout: MJML to responsive HTML, plus plain text."""
    organisation = mail.site_settings()
    context = bulletin_context(bulletin, preview, web_url, organisation)
    rendered = mail.render_email(
        "newsletter/email/bulletin", context, language=bulletin.language, organisation=organisation
    )
    return BulletinEmail(
        subject=rendered.subject,
        html=rendered.html,
        text=rendered.text,
        from_email=mail.sender(organisation),
        reply_to=[organisation.email] if organisation.email else [],
        preheader=context["preheader"],
    )
