"""WordPress eXtended RSS (Tools → Export), read as a stream so a 15-year archive fits in memory.

Each <item> is turned into an entry as soon as it closes and is then cleared, with the channel's
reference to it, so memory stays flat however long the file is. defusedxml refuses entity tricks.
"""

import email.utils
from datetime import datetime
from xml.etree.ElementTree import ParseError

from defusedxml.common import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.utils import timezone
from django.utils.text import slugify

from ..choices import ItemKind
from ..entries import Attachment, Entry, EntryError
from ..html import file_kind, file_urls, lede_from_body, plain_text

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
WP_NS_PREFIX = "http://wordpress.org/export/"
SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}
DRAFT_STATUSES = {"draft", "pending", "private", "future"}


class SourceError(Exception):
    """The source cannot be read at all; nothing was imported from it."""


def qualified(tag: str) -> str:
    """'{ns}name' as 'wp:name', 'content:name', 'excerpt:name', 'dc:name' or plain 'name'."""
    if not tag.startswith("{"):
        return tag
    namespace, name = tag[1:].split("}", 1)
    if namespace.startswith(WP_NS_PREFIX):
        return f"excerpt:{name}" if namespace.rstrip("/").endswith("excerpt") else f"wp:{name}"
    if namespace == CONTENT_NS:
        return f"content:{name}"
    if namespace == DC_NS:
        return f"dc:{name}"
    return name


def read_item(element) -> dict:
    fields = {"categories": [], "meta": {}}
    for child in element:
        name = qualified(child.tag)
        if name == "category":
            fields["categories"].append(
                (child.get("domain", ""), child.get("nicename", ""), child.text or "")
            )
        elif name == "wp:postmeta":
            values = {qualified(part.tag): part.text or "" for part in child}
            fields["meta"][values.get("wp:meta_key", "")] = values.get("wp:meta_value", "")
        else:
            fields[name] = child.text or ""
    return fields


def item_datetime(fields):
    raw = (fields.get("wp:post_date") or "").strip()
    if raw and not raw.startswith("0000"):
        moment = datetime.fromisoformat(raw)
        return timezone.make_aware(moment) if timezone.is_naive(moment) else moment
    if fields.get("pubDate"):
        return email.utils.parsedate_to_datetime(fields["pubDate"])
    raise ValueError("The post has no date.")


class WXRParser:
    """Yields Entry and EntryError objects; raises SourceError when the file is not a WXR export."""

    def __init__(self, stream, include_drafts=False):
        self.stream = stream
        self.include_drafts = include_drafts
        self.authors = {}
        self.count = 0

    def __iter__(self):
        events = iterparse(self.stream, events=("start", "end"))
        channel = None
        seen_rss = False
        try:
            for event, element in events:
                if event == "start":
                    if not seen_rss:
                        if element.tag != "rss":
                            raise SourceError("This is XML, but not a WordPress export (no <rss> root).")
                        seen_rss = True
                    elif element.tag == "channel":
                        channel = element
                    continue
                name = qualified(element.tag)
                if name == "wp:author":
                    values = {qualified(part.tag): (part.text or "").strip() for part in element}
                    login = values.get("wp:author_login", "")
                    self.authors[login] = values.get("wp:author_display_name") or login
                elif name == "item":
                    self.count += 1
                    result = self.entry(read_item(element), f"item {self.count}")
                    element.clear()
                    if channel is not None:
                        channel.remove(element)
                    if result is not None:
                        yield result
        except (ParseError, DefusedXmlException) as error:
            if not seen_rss:
                raise SourceError(f"The file is not readable XML: {error}") from error
            yield EntryError(f"after item {self.count}", f"The XML breaks off or is malformed: {error}")

    def entry(self, fields, position):
        post_type = fields.get("wp:post_type", "post")
        status = fields.get("wp:status", "publish")
        title = (fields.get("title") or "").strip()
        guid = (fields.get("guid") or "").strip()
        link = (fields.get("link") or "").strip()
        key = guid or link or f"{post_type}:{fields.get('wp:post_id', '')}"
        if post_type == "attachment":
            url = fields.get("wp:attachment_url") or guid
            kind = file_kind(url)
            if not kind:
                return None
            return Entry(
                position=position,
                key=key,
                title=title or url.rsplit("/", 1)[-1],
                kind=ItemKind.IMAGE if kind == "image" else ItemKind.DOCUMENT,
                original_url=url,
                attachments=[Attachment(url=url, title=title, kind=kind)],
            )
        if post_type not in ("post", "page") or status in SKIPPED_STATUSES:
            return None
        is_draft = status in DRAFT_STATUSES
        if is_draft and not self.include_drafts:
            return None
        if not title:
            return EntryError(position, "The post has an empty title.")
        try:
            moment = item_datetime(fields)
        except (ValueError, TypeError, IndexError) as error:
            return EntryError(position, f"The post's date cannot be read: {error}", title=title)
        content = fields.get("content:encoded", "")
        excerpt = plain_text(fields.get("excerpt:encoded", ""))
        lede = excerpt or lede_from_body(content) or title
        topics, regions = [], []
        for domain, nicename, label in fields["categories"]:
            if domain in ("category", "post_tag") and label.strip() and label.strip() != "Uncategorized":
                topics.append(f"{nicename or slugify(label)}|{label.strip()}")
        creator = (fields.get("dc:creator") or "").strip()
        return Entry(
            position=position,
            key=key,
            title=title,
            kind=ItemKind.NEWS if post_type == "post" else ItemKind.PAGE,
            date=timezone.localdate(moment) if timezone.is_aware(moment) else moment.date(),
            published_at=moment,
            lede=lede,
            body_html=content,
            topics=list(dict.fromkeys(topics)),
            regions=regions,
            original_url=link,
            slug=fields.get("wp:post_name", ""),
            author=self.authors.get(creator, creator),
            is_draft=is_draft,
            attachments=[Attachment(url=url, kind=kind) for url, kind in file_urls(content).items()],
        )
