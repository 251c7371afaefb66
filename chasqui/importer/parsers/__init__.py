"""One parser per kind of source; `open_parser` picks it from the file name and first bytes."""

import io

from ..choices import SourceKind
from .csv_file import CSVParser
from .listing import ListingParser
from .wxr import SourceError, WXRParser

__all__ = ["SourceError", "detect_kind", "open_parser"]


def detect_kind(name: str, head: bytes) -> str:
    lowered = (name or "").lower()
    sample = head[:2000].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.endswith(".csv"):
        return SourceKind.CSV
    if lowered.endswith((".xml", ".wxr")) or (sample.startswith(b"<?xml") and b"<rss" in head.lower()):
        return SourceKind.WXR
    return SourceKind.LISTING


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def open_parser(stream, name, *, include_drafts=False, base_url=""):
    """(kind, parser) for a binary stream; raises SourceError when it cannot be read at all."""
    head = stream.read(4096)
    stream.seek(0)
    kind = detect_kind(name, head)
    if kind == SourceKind.WXR:
        return kind, WXRParser(stream, include_drafts=include_drafts)
    if kind == SourceKind.CSV:
        # Decoded whole, so a spreadsheet saved as Windows-1252 rather than UTF-8 still reads.
        return kind, CSVParser(io.StringIO(decode(stream.read()), newline=""))
    return kind, ListingParser(decode(stream.read()), base_url=base_url)
