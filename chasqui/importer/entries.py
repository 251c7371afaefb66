"""What every parser yields: normalised entries, or errors naming where and why an entry failed."""

import datetime
import hashlib
import json
from dataclasses import asdict, dataclass, field

from django.utils.text import slugify

from .choices import ItemKind


@dataclass
class Attachment:
    """A file an entry refers to (an image or a document), found by its original URL."""

    url: str
    title: str = ""
    kind: str = ""  # "image" or "document"; guessed from the file name when empty


@dataclass
class Entry:
    """One item of an old archive, in the same shape whatever the source format."""

    position: str
    key: str
    title: str
    kind: str = ItemKind.NEWS
    date: datetime.date | None = None
    published_at: datetime.datetime | None = None
    lede: str = ""
    body_html: str = ""
    topics: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    original_url: str = ""
    slug: str = ""
    bulletin_number: int | None = None
    bulletin_label: str = ""
    author: str = ""
    image_caption: str = ""  # an old listing's caption or photo credit printed above the title
    is_draft: bool = False
    attachments: list[Attachment] = field(default_factory=list)

    @classmethod
    def dated_news(cls, *, position, title, date, original_url="", **fields):
        """A dated news entry, keyed by its old address, or by date and title where it had none,
        so that importing the same source again finds it."""
        key = original_url or f"{date.isoformat()}|{slugify(title)}"
        return cls(position=position, key=key, title=title, date=date, original_url=original_url, **fields)

    def content_hash(self, extra=()) -> str:
        """Fingerprint of everything imported from this entry: same hash, nothing to update."""
        data = asdict(self)
        data.pop("position")
        data["extra"] = list(extra)
        encoded = json.dumps(data, sort_keys=True, default=str).encode()
        return hashlib.sha256(encoded).hexdigest()


@dataclass
class EntryError:
    """An entry that could not be read; the rest of the source still imports."""

    position: str
    reason: str
    title: str = ""


@dataclass
class UndatedSection:
    """A listing section without a date (Aims, Why join): reported, imported only if asked."""

    position: str
    title: str
    text: str
