from datetime import date

import pytest

from chasqui.importer.parsers.dates import InvalidDate, match_date_line, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31 January 2007", date(2007, 1, 31)),
        ("January 31, 2007", date(2007, 1, 31)),
        ("2007-01-31", date(2007, 1, 31)),
        ("31 de enero de 2007", date(2007, 1, 31)),
        ("31 enero 2007", date(2007, 1, 31)),
        ("1º de setiembre del 2009", date(2009, 9, 1)),
        ("Monday, 3rd March 2008", date(2008, 3, 3)),
        ("08 April 2019", date(2019, 4, 8)),
        ("31/01/2007", date(2007, 1, 31)),
    ],
)
def test_english_and_spanish_dates_are_read(text, expected):
    assert parse_date(text) == expected
    assert match_date_line(text).date == expected


@pytest.mark.parametrize(
    ("text", "label", "number", "expected"),
    [
        ("Update 119. 31 January 2007", "Update 119", 119, date(2007, 1, 31)),
        ("Peru News 052. 28 February 2010", "Peru News 052", 52, date(2010, 2, 28)),
        ("• . Update 7: 2 May 2001", "Update 7", 7, date(2001, 5, 2)),
    ],
)
def test_issue_labels_and_stray_bullets_before_the_date(text, label, number, expected):
    line = match_date_line(text)
    assert (line.date, line.issue_label, line.issue_number) == (expected, label, number)


@pytest.mark.parametrize(
    "text", ["Parliamentarians meet", "Update 120", "Why join?", "The 2007 budget. 3 issues"]
)
def test_text_lines_are_not_dates(text):
    assert match_date_line(text) is None


@pytest.mark.parametrize(
    "text", ["31 February 2007", "30 de febrero de 2010", "2019-02-30", "Update 4. 32 May 2001"]
)
def test_impossible_dates_are_errors(text):
    with pytest.raises(InvalidDate):
        match_date_line(text)
