"""Dates as old archives write them, in English and Spanish.

A line counts as a date line only when the whole line is a date, optionally after an issue label
("Update 119. 31 January 2007"); a date-shaped line naming an impossible day is an error, not text.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

MONTHS = {
    "january": 1, "jan": 1, "enero": 1, "ene": 1,
    "february": 2, "feb": 2, "febrero": 2,
    "march": 3, "mar": 3, "marzo": 3,
    "april": 4, "apr": 4, "abril": 4, "abr": 4,
    "may": 5, "mayo": 5,
    "june": 6, "jun": 6, "junio": 6,
    "july": 7, "jul": 7, "julio": 7,
    "august": 8, "aug": 8, "agosto": 8, "ago": 8,
    "september": 9, "sept": 9, "sep": 9, "septiembre": 9, "setiembre": 9, "set": 9,
    "october": 10, "oct": 10, "octubre": 10,
    "november": 11, "nov": 11, "noviembre": 11,
    "december": 12, "dec": 12, "diciembre": 12, "dic": 12,
}  # fmt: skip
WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    "mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
    "lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo"
)
MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|º|°)?"
YEAR = r"(?P<year>\d{4})"
WEEKDAY = rf"(?:(?:{WEEKDAYS}),?\s+)?"

PATTERNS = [
    # 31 January 2007, 31 Jan. 2007, 31 de enero de 2007, 31 enero 2007, 1º de setiembre del 2010
    re.compile(rf"{WEEKDAY}{DAY}\s+(?:de\s+)?{MONTH},?\s+(?:de(?:l)?\s+)?{YEAR}", re.IGNORECASE),
    # January 31, 2007
    re.compile(rf"{WEEKDAY}{MONTH}\s+{DAY},?\s+{YEAR}", re.IGNORECASE),
    # 2007-01-31
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"),
    # 31/01/2007 or 31.01.2007 (day first, as in both the UK and Peru)
    re.compile(r"(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4})"),
]
ISSUE_LABEL = re.compile(r"^(?P<label>[^\W\d][^\d]*?\s*(?P<number>\d{1,5}))\s*[.:,;\-–—]\s*(?P<rest>.+)$")
LEADING_MARKS = re.compile(r"^[\s•·∙●▪◦‣\-–—*.,:;>|]+")


class InvalidDate(ValueError):
    """A date written in a recognised shape that names no real day (31 February)."""


@dataclass(frozen=True)
class DateLine:
    date: date
    issue_label: str = ""
    issue_number: int | None = None


def strip_marks(text: str) -> str:
    """Text without the bullets, dots and dashes old pages scatter before entries."""
    return LEADING_MARKS.sub("", text or "").strip()


def _build(match) -> date:
    month = match.group("month")
    number = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
    year, day = int(match.group("year")), int(match.group("day"))
    try:
        return date(year, number, day)
    except ValueError as error:
        raise InvalidDate(f"{match.group(0).strip()} is not a real date") from error


def parse_date(text: str) -> date:
    """A date from text that is nothing but a date; raises ValueError otherwise."""
    text = strip_marks(text).rstrip(".").strip()
    for pattern in PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _build(match)
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    raise ValueError(f"{text!r} is not a date in a format we recognise")


def match_date_line(text: str) -> DateLine | None:
    """A DateLine if the whole line is a date (perhaps after an issue label), else None.

    Raises InvalidDate for a date-shaped line naming an impossible day.
    """
    text = strip_marks(text).rstrip(".").strip()
    if not text or len(text) > 80:
        return None
    label = ISSUE_LABEL.match(text)
    candidates = [(text, "", None)]
    if label:
        candidates.insert(
            0, (label.group("rest").strip(), label.group("label").strip(), label.group("number"))
        )
    for candidate, issue_label, number in candidates:
        for pattern in PATTERNS:
            match = pattern.fullmatch(candidate)
            if match:
                return DateLine(_build(match), issue_label, int(number) if number else None)
    return None
