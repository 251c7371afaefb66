"""Spreadsheet files in and out: reading what spreadsheets save, and cells that are safe to open."""

import csv
import datetime
import re

# Characters that make a spreadsheet treat a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def safe_cell(value):
    """Stop a name such as "=HYPERLINK(...)" typed into a public form running as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def unquote_cell(value):
    """Undo the quote our exports put before a cell that looks like a formula."""
    if value.startswith("'") and value[1:2] in ("=", "+", "-", "@"):
        return value[1:]
    return value


def write_csv(rows, stream):
    writer = csv.writer(stream)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return stream


def decode(data):
    """Spreadsheets save CSV as UTF-8 (often with a byte-order mark) or as Windows-1252."""
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse_date(value):
    """dd/mm/yyyy (or - . separators, or a two-digit year) and yyyy-mm-dd; None if neither."""
    if match := _ISO.match(value):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DAY_FIRST.match(value):
        day, month, year = (int(part) for part in match.groups())
        if year < 100:
            year += 2000 if year < 70 else 1900
    else:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
