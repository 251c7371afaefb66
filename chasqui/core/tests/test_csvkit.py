"""CSV files read and written by the same rules in every import and export."""

import datetime

import pytest

from chasqui.core.csvkit import decode_csv, guard_formula, parse_cell_date, unguard_formula


@pytest.mark.parametrize(
    "data",
    [
        "name\nAna Muñoz\n".encode(),
        "\ufeffname\nAna Muñoz\n".encode(),
        "name\nAna Muñoz\n".encode("cp1252"),
    ],
    ids=["utf-8", "utf-8 with byte-order mark", "windows-1252"],
)
def test_spreadsheet_encodings_decode_to_the_same_text(data):
    assert decode_csv(data) == "name\nAna Muñoz\n"


def test_text_is_returned_as_it_is():
    assert decode_csv("\ufeffalready text") == "\ufeffalready text"


def test_a_byte_windows_1252_leaves_undefined_does_not_reject_the_file():
    assert decode_csv(b"caf\xe9 \x81") == "café \ufffd"


@pytest.mark.parametrize("cell", ["=HYPERLINK(1)", "+44 20", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_cells_a_spreadsheet_would_run_are_quoted_and_read_back(cell):
    guarded = guard_formula(cell)
    assert guarded == "'" + cell
    assert unguard_formula(guarded) == cell


@pytest.mark.parametrize("cell", ["Ana", "'quoted on purpose", "'plain", "", "a=b"])
def test_ordinary_cells_pass_unchanged_both_ways(cell):
    assert guard_formula(cell) == cell
    assert unguard_formula(cell) == cell


def test_guard_writes_empty_for_none_and_text_for_numbers():
    assert guard_formula(None) == ""
    assert guard_formula(12) == "12"
    assert guard_formula(-3) == "'-3"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2024-03-01", datetime.date(2024, 3, 1)),
        ("2024-3-1", datetime.date(2024, 3, 1)),
        ("2024-03-01T10:30:00+00:00", datetime.date(2024, 3, 1)),
        ("01/03/2024", datetime.date(2024, 3, 1)),
        ("1.3.2024", datetime.date(2024, 3, 1)),
        ("01-03-2024", datetime.date(2024, 3, 1)),
        ("01/03/24", datetime.date(2024, 3, 1)),
        ("01/03/70", datetime.date(1970, 3, 1)),
        (" 01/03/2024 ", datetime.date(2024, 3, 1)),
    ],
)
def test_day_first_and_iso_dates_are_read(cell, expected):
    assert parse_cell_date(cell) == expected


@pytest.mark.parametrize("cell", ["", None, "31/02/2024", "2024-13-01", "03/01/2024 extra", "March 2024"])
def test_anything_else_is_not_a_date(cell):
    assert parse_cell_date(cell) is None
