"""What an archived copy of a source may be: a PDF, an HTML page or a PNG, JPEG or WebP image, of
a bounded size. The type is read from the content itself, never from the file's name or from what
a server claims, because it decides how the copy is served back to readers.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF = "application/pdf"
HTML = "text/html"
PNG = "image/png"
JPEG = "image/jpeg"
WEBP = "image/webp"
EXTENSIONS = {PDF: "pdf", HTML: "html", PNG: "png", JPEG: "jpg", WEBP: "webp"}
HEAD_BYTES = 4096
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body")
HTML_CLAIMS = ("text/html", "application/xhtml+xml")
CHARSET = re.compile(r"charset=[\"']?([\w.:-]{1,40})", re.IGNORECASE)


class ArchiveRejected(ValueError):
    """A file or answer that cannot be an archived copy, with the reason in the editor's words."""


@dataclass(frozen=True)
class ArchiveFacts:
    content_type: str  # one of EXTENSIONS, with "; charset=…" for HTML when it was given
    size: int
    sha256: str

    @property
    def extension(self):
        return EXTENSIONS[self.content_type.split(";")[0]]


def max_bytes():
    return settings.CHASQUI_SOURCE_ARCHIVE_MAX_MB * 1024 * 1024


def too_large():
    return ArchiveRejected(
        _("An archived copy may be at most %(size)s.") % {"size": filesizeformat(max_bytes())}
    )


def sniff(head, claimed=""):
    """The archived type of content that starts with `head`, or "" when it is none of them."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if b"\x00" not in head:
        text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if any(marker in text for marker in HTML_MARKERS):
            return HTML
        if claimed.split(";")[0].strip().lower() in HTML_CLAIMS and text.startswith(b"<"):
            return HTML
    return ""


def with_charset(content_type, claimed):
    """An HTML copy keeps the character set its server named, so it reads back as it was written."""
    found = CHARSET.search(claimed or "")
    return f"{content_type}; charset={found.group(1)}" if content_type == HTML and found else content_type


def inspect_chunks(chunks, claimed=""):
    """ArchiveFacts of content given as byte chunks; ArchiveRejected when it is not a PDF, an HTML page or
    an image, is empty, or is larger than the limit."""
    digest, size, head = hashlib.sha256(), 0, b""
    for chunk in chunks:
        size += len(chunk)
        if size > max_bytes():
            raise too_large()
        if len(head) < HEAD_BYTES:
            head += chunk[: HEAD_BYTES - len(head)]
        digest.update(chunk)
    if not size:
        raise ArchiveRejected(_("The archived copy is empty."))
    kind = sniff(head, claimed)
    if not kind:
        raise ArchiveRejected(_("An archived copy must be a PDF, an HTML page or a PNG, JPEG or WebP image."))
    return ArchiveFacts(with_charset(kind, claimed), size, digest.hexdigest())


def inspect_upload(upload, claimed=""):
    """ArchiveFacts of an uploaded file (a FieldFile not yet saved); its size is checked before it is read."""
    if upload.size > max_bytes():
        raise too_large()
    upload.seek(0)
    try:
        return inspect_chunks(upload.chunks(), claimed)
    finally:
        upload.seek(0)


def stored_name(folder, filename):
    """A name no one can guess, so a copy is reached only through the page that may show it."""
    return f"observatory/{folder}/{secrets.token_urlsafe(16)}/{filename}"


def uploaded_copy_name(instance, filename):
    return stored_name("sources", filename)


def captured_copy_name(instance, filename):
    return stored_name("captures", filename)
