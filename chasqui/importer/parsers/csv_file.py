"""A spreadsheet of news items, one per row, with a documented header (see the importer README)."""

import csv
import re

from ..entries import Entry, EntryError
from ..html import lede_from_body, plain_text
from .dates import match_date_line, parse_date
from .wxr import SourceError

COLUMNS = ("title", "date", "lede", "body", "topics", "regions", "url")
REQUIRED = ("title", "date")
LIST_SEPARATOR = re.compile(r"\s*[;,]\s*")


def split_list(value: str) -> list[str]:
    return [part for part in LIST_SEPARATOR.split(value or "") if part]


class CSVParser:
    def __init__(self, text_stream):
        self.reader = csv.DictReader(text_stream)
        header = [name.strip().lower() for name in (self.reader.fieldnames or [])]
        missing = [name for name in REQUIRED if name not in header]
        if missing:
            raise SourceError(
                f"The CSV header must include {', '.join(REQUIRED)}; missing: {', '.join(missing)}. "
                f"Recognised columns: {', '.join(COLUMNS)}."
            )
        self.reader.fieldnames = header

    def __iter__(self):
        try:
            for row in self.reader:
                yield self.entry({k: (v or "").strip() for k, v in row.items() if k}, self.reader.line_num)
        except csv.Error as error:
            yield EntryError(f"row {self.reader.line_num}", f"The CSV breaks off or is malformed: {error}")

    def entry(self, row, line_number):
        position = f"row {line_number}"
        title = row.get("title", "")
        if not title:
            return EntryError(position, "The row has an empty title.")
        try:
            dated = match_date_line(row.get("date", ""))
            day = dated.date if dated else parse_date(row.get("date", ""))
        except ValueError as error:
            return EntryError(position, f"The date cannot be read: {error}", title=title)
        body = row.get("body", "")
        lede = plain_text(row.get("lede", "")) or lede_from_body(body) or title
        url = row.get("url", "")
        return Entry.dated_news(
            position=position,
            title=title,
            date=day,
            original_url=url,
            lede=lede,
            body_html=body,
            topics=split_list(row.get("topics", "")),
            regions=split_list(row.get("regions", "")),
            bulletin_number=dated.issue_number if dated else None,
        )
