"""Dates read as each language writes them, and every template names a format instead of a pattern."""

import datetime
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

CHASQUI = Path(__file__).resolve().parents[2]
DAY = datetime.date(2019, 4, 15)


@pytest.mark.parametrize(
    ("language", "fmt", "expected"),
    [
        ("en", "DATE_FORMAT", "15 April 2019"),
        ("es", "DATE_FORMAT", "15 de abril de 2019"),
        ("en", "YEAR_MONTH_FORMAT", "April 2019"),
        ("es", "YEAR_MONTH_FORMAT", "abril de 2019"),
        ("en", "SHORT_DATE_FORMAT", "15 Apr 2019"),
        ("es", "SHORT_DATE_FORMAT", "15/04/2019"),
    ],
)
def test_named_formats_read_as_the_language_writes_dates(language, fmt, expected):
    with translation.override(language):
        assert date_format(DAY, fmt) == expected
        assert Template(f'{{{{ day|date:"{fmt}" }}}}').render(Context({"day": DAY})) == expected


def test_date_times_keep_the_time_after_the_date():
    moment = datetime.datetime(2019, 4, 15, 9, 30, tzinfo=datetime.UTC)
    with translation.override("en"):
        assert date_format(moment, "DATETIME_FORMAT") == "15 April 2019 09:30"
    with translation.override("es"):
        assert date_format(moment, "DATETIME_FORMAT") == "15 de abril de 2019, 09:30"


# A literal day-month-year pattern in a template ("j F Y", "j M Y", "F Y") would print
# "15 abril 2019" in Spanish: templates name one of the formats in chasqui/formats instead.
LITERAL_DATE = re.compile(r"""\|date:["'](?:j [FMN]|[FMN] )[^"']*["']""")


def test_no_template_spells_out_a_date_pattern():
    offenders = []
    for path in CHASQUI.rglob("templates/**/*"):
        if path.suffix in {".html", ".txt", ".mjml", ".xml"}:
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if LITERAL_DATE.search(line) and "H:i:s" not in line:
                    offenders.append(f"{path.relative_to(CHASQUI)}:{number}")
    assert offenders == []
