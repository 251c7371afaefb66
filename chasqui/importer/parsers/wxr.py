"""WordPress eXtended RSS (Tools → Export), read as a stream so a 15-year archive fits in memory.

Each <item> is turned into an entry as soon as it closes and is then cleared, with the channel's
reference to it, so memory stays flat however long the file is. defusedxml refuses entity tricks.
"""

import email.utils
from datetime import UTC, datetime
from xml.etree.ElementTree import ParseError

from defusedxml.common import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.utils import timezone
from django.utils.text import slugify

from ..choices import ItemKind
from ..entries import Attachment, Entry, EntryError
from ..html import file_kind, file_urls, plain_text, split_lede

# Namespaces compared without their scheme: WordPress has written both http:// and https:// forms,
# and every WXR version (1.0, 1.1, 1.2) keeps its fields under wordpress.org/export/<version>/.
CONTENT_NS = "purl.org/rss/1.0/modules/content/"
DC_NS = "purl.org/dc/elements/1.1/"
WP_NS_PREFIX = "wordpress.org/export/"
SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}
IMPORTED_TYPES = {"post", "page"}
PUBLISHED_STATUS = "publish"


class SourceError(Exception):
    """The source cannot be read at all; nothing was imported from it."""


def qualified(tag: str) -> str:
    """'{ns}name' as 'wp:name', 'content:name', 'excerpt:name', 'dc:name' or plain 'name'."""
    if not tag.startswith("{"):
        return tag
    namespace, name = tag[1:].split("}", 1)
    namespace = namespace.split("://", 1)[-1]
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
    """The post's own date; `pubDate` only when WordPress stored none (it may be garbled, e.g. year 20081)."""
    for name, is_utc in (("wp:post_date", False), ("wp:post_date_gmt", True)):
        raw = (fields.get(name) or "").strip()
        if raw and not raw.startswith("0000"):
            moment = datetime.fromisoformat(raw)
            if timezone.is_aware(moment):
                return moment
            return timezone.make_aware(moment, UTC if is_utc else None)
    if fields.get("pubDate"):
        return email.utils.parsedate_to_datetime(fields["pubDate"])
    raise ValueError("The post has no date.")


def entry_key(site, fields):
    """Posts are keyed by their site and WordPress id: real exports repeat GUIDs across posts."""
    post_id = (fields.get("wp:post_id") or "").strip()
    if post_id:
        return f"wxr:{site}#{post_id}"
    return (fields.get("guid") or "").strip() or (fields.get("link") or "").strip()


class WXRParser:
    """Yields Entry and EntryError objects; raises SourceError when the file is not a WXR export."""

    def __init__(self, stream, include_drafts=False):
        self.stream = stream
        self.include_drafts = include_drafts
        self.authors = {}
        self.count = 0
        self.site = ""
        self.channel = None
        self.seen_rss = False
        self.in_item = False

    def __iter__(self):
        try:
            for event, element in iterparse(self.stream, events=("start", "end")):
                if event == "start":
                    self.start(element)
                    continue
                result = self.end(element)
                if result is not None:
                    yield result
        except (ParseError, DefusedXmlException) as error:
            if not self.seen_rss:
                raise SourceError(f"The file is not readable XML: {error}") from error
            yield EntryError(f"after item {self.count}", f"The XML breaks off or is malformed: {error}")

    def start(self, element):
        """Check the root is <rss>, and note where the channel and each item begin."""
        if not self.seen_rss:
            if element.tag != "rss":
                raise SourceError("This is XML, but not a WordPress export (no <rss> root).")
            self.seen_rss = True
        elif element.tag == "channel":
            self.channel = element
        elif element.tag == "item":
            self.in_item = True

    def end(self, element):
        """Read a finished element: the site's address, an author, or an item (its result returned)."""
        name = qualified(element.tag)
        if name == "wp:base_site_url" or (name == "link" and not self.in_item and not self.site):
            self.site = (element.text or "").strip().rstrip("/") or self.site
        elif name == "wp:author":
            values = {qualified(part.tag): (part.text or "").strip() for part in element}
            login = values.get("wp:author_login", "")
            self.authors[login] = values.get("wp:author_display_name") or login
        elif name == "item":
            return self.item(element)
        return None

    def item(self, element):
        """The item's Entry, EntryError or None; the element is freed so memory stays flat."""
        self.in_item = False
        self.count += 1
        result = self.entry(read_item(element), f"item {self.count}")
        element.clear()
        if self.channel is not None:
            self.channel.remove(element)
        return result

    def entry(self, fields, position):
        post_type = fields.get("wp:post_type")
        status = fields.get("wp:status")
        key = entry_key(self.site, fields)
        if post_type is None:
            return EntryError(position, "The item has no wp:post_type: it is not from a WordPress export.")
        if post_type == "attachment":
            return self.attachment(fields, position, key)
        if post_type not in IMPORTED_TYPES or status in SKIPPED_STATUSES:
            return None
        title = plain_text(fields.get("title") or "")
        if not status:
            # Without its status nobody can tell whether the post was ever published: never guess.
            return EntryError(position, "The post has no wp:status, so it is not imported.", title=title)
        is_draft = status != PUBLISHED_STATUS
        if is_draft and not self.include_drafts:
            return None
        if not title:
            return EntryError(position, "The post has an empty title.")
        try:
            moment = item_datetime(fields)
        except (ValueError, TypeError, IndexError) as error:
            return EntryError(position, f"The post's date cannot be read: {error}", title=title)
        content = fields.get("content:encoded", "")
        lede = plain_text(fields.get("excerpt:encoded", ""))
        if not lede:
            lede, content = split_lede(content)
        creator = (fields.get("dc:creator") or "").strip()
        return Entry(
            position=position,
            key=key,
            title=title,
            kind=ItemKind.NEWS if post_type == "post" else ItemKind.PAGE,
            date=timezone.localdate(moment) if timezone.is_aware(moment) else moment.date(),
            published_at=moment,
            lede=lede or title,
            body_html=content,
            topics=self.topics(fields),
            original_url=(fields.get("link") or "").strip(),
            slug=fields.get("wp:post_name", ""),
            author=self.authors.get(creator, creator),
            is_draft=is_draft,
            attachments=[Attachment(url=url, kind=kind) for url, kind in file_urls(content).items()],
        )

    @staticmethod
    def attachment(fields, position, key):
        url = fields.get("wp:attachment_url") or (fields.get("guid") or "").strip()
        kind = file_kind(url)
        if not kind:
            return None
        title = plain_text(fields.get("title") or "")
        return Entry(
            position=position,
            key=key,
            title=title or url.rsplit("/", 1)[-1],
            kind=ItemKind.IMAGE if kind == "image" else ItemKind.DOCUMENT,
            original_url=url,
            attachments=[Attachment(url=url, title=title, kind=kind)],
        )

    @staticmethod
    def topics(fields):
        topics = []
        for domain, nicename, label in fields["categories"]:
            label = plain_text(label)
            if domain in ("category", "post_tag") and label and label != "Uncategorized":
                topics.append(f"{nicename or slugify(label)}|{label}")
        return list(dict.fromkeys(topics))
