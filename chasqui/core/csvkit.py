"""CSV files as spreadsheets write them and read them, the same rules for every import and export.

* Spreadsheets save CSV as UTF-8 (often with a byte-order mark) or, on older Windows
  installations, as Windows-1252: `decode_csv` accepts both.
* A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return runs as a formula
  when the file is opened, so a name typed into a public form could run one: `guard_formula`
  defuses such cells with a leading quote, and `unguard_formula` removes it again on import,
  so an exported file imports back unchanged.
* Dates are written day first (the UK and Peru) or as ISO dates: `parse_cell_date` reads both.
"""

import csv
import datetime
import re

# Characters that make a spreadsheet treat a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_GUARD = "'"

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})")
# A two-digit year below this is in the 2000s, otherwise in the 1900s ("69" is 2069, "70" is 1970).
_CENTURY_PIVOT = 70


def decode_csv(data):
    """Text of a CSV file's bytes: UTF-8 with or without a byte-order mark, else Windows-1252.

    Text is returned as it is. Windows-1252 leaves five bytes undefined; they become U+FFFD
    rather than failing, so one stray byte does not reject a whole file.
    """
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def guard_formula(value):
    """The cell's text, quoted when a spreadsheet would run it as a formula; None is an empty cell."""
    text = "" if value is None else str(value)
    return FORMULA_GUARD + text if text.startswith(FORMULA_STARTS) else text


def write_csv(rows, stream):
    """Write `rows` (lists of values) to `stream` as CSV, every cell through `guard_formula`."""
    writer = csv.writer(stream)
    for row in rows:
        writer.writerow([guard_formula(value) for value in row])
    return stream


def unguard_formula(value):
    """Undo `guard_formula`: drop the quote before a cell that would otherwise be a formula."""
    if value.startswith(FORMULA_GUARD) and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def parse_cell_date(value):
    """A date from a cell: yyyy-mm-dd (a time after it is ignored) or day first, dd/mm/yyyy.

    Day-first dates may use ``/``, ``.`` or ``-`` and a two-digit year. Returns None for an
    empty cell, any other shape, or a day that does not exist (31/02/2024).
    """
    value = (value or "").strip()
    if match := _ISO_DATE.fullmatch(value):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DAY_FIRST.fullmatch(value):
        day, month, year = (int(part) for part in match.groups())
        if year < 100:
            year += 2000 if year < _CENTURY_PIVOT else 1900
    else:
        return _iso_datetime_date(value)
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _iso_datetime_date(value):
    """The date of an ISO 8601 timestamp such as ``2024-03-01T10:00:00+00:00``, or None."""
    try:
        return datetime.datetime.fromisoformat(value).date()
    except ValueError:
        return None
