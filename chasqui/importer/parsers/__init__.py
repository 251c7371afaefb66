"""One parser per kind of source; `open_parser` picks it from the file name and first bytes."""

import io

from chasqui.core.csvkit import decode_csv

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


def open_parser(stream, name, *, include_drafts=False, base_url=""):
    """(kind, parser) for a binary stream; raises SourceError when it cannot be read at all."""
    head = stream.read(4096)
    stream.seek(0)
    kind = detect_kind(name, head)
    if kind == SourceKind.WXR:
        return kind, WXRParser(stream, include_drafts=include_drafts)
    if kind == SourceKind.CSV:
        # Decoded whole, so a spreadsheet saved as Windows-1252 rather than UTF-8 still reads.
        return kind, CSVParser(io.StringIO(decode_csv(stream.read()), newline=""))
    # Old listing pages are UTF-8 or Windows-1252 too, so they decode the same way.
    return kind, ListingParser(decode_csv(stream.read()), base_url=base_url)
