"""Importing members from a spreadsheet: all or nothing, and a second import changes nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from chasqui.core.csvkit import parse_cell_date as parse_date
from chasqui.membership.choices import DeclarationSource, MembershipStatus, PaymentMethod
from chasqui.membership.lifecycle.services import cancel
from chasqui.membership.member_calendar import status_by_date
from chasqui.membership.models import GiftAidDeclaration, Member, MemberEvent, NumberSequence
from chasqui.membership.numbers import next_membership_number
from chasqui.membership.secretary.member_import import IMPORTED_WORDING_VERSION, import_members
from chasqui.membership.tests.admin_helpers import logged_in, make_secretary, messages_of
from chasqui.membership.tests.factories import make_plan

TODAY = datetime.date(2026, 11, 27)

HEADER = (
    "Membership No,Title,Forename,Surname,Email,Address 1,Address 2,Town,County,Postcode,Country,"
    "Plan,Joined,Expires,Payment method,Gift Aid,Gift Aid date,Bulletin"
)
VALID_ROWS = [
    "PSG-00007,Ms,Rosa,Huamán,rosa@example.org,12 Acacia Avenue,,London,,sw1a1aa,UK,"
    "Individual,03/02/2015,31/12/2026,SO,yes,03/02/2015,yes",
    "PSG-00123,Mr,Jorge,Quispe-Mamani,jorge@example.org,Flat 2,4 High Street,Leeds,West Yorkshire,LS1 4AP,"
    "United Kingdom,concession,2019-06-01,2026-11-01,cheque,no,,no",
    "PSG-00050,,Ana,Flores,ana@example.org,Av. Arequipa 123,,Lima,,,Peru,Individual,01/01/2020,01/01/2025,"
    "card,,,",
    "PSG-00051,Dr,Luis,Condori,luis@example.org,1 Park Road,,Bath,,BA1 1AA,GB,Individual,01/05/2026,,"
    "standing order,no,,yes",
]


def csv_text(*rows, header=HEADER):
    return "\r\n".join([header, *rows]) + "\r\n"


@pytest.fixture
def plans(db):
    return {
        "individual": make_plan(name="Individual", slug="individual", price_pence=2500),
        "concession": make_plan(name="Concession", slug="concession", price_pence=1000),
    }


def run(text, **kwargs):
    return import_members(text.encode("utf-8"), today=TODAY, **kwargs)


def test_valid_file_keeps_numbers_dates_methods_and_gift_aid(plans):
    result = run(csv_text(*VALID_ROWS))
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (4, 0, 0)
    assert result.written

    rosa = Member.objects.get(number="PSG-00007")
    assert (rosa.first_name, rosa.last_name, rosa.title) == ("Rosa", "Huamán", "Ms")
    assert rosa.postcode == "SW1A 1AA"
    assert rosa.country == "GB"
    assert rosa.plan == plans["individual"]
    assert rosa.joined_on == datetime.date(2015, 2, 3)
    assert rosa.expires_on == datetime.date(2026, 12, 31)
    assert rosa.payment_method == PaymentMethod.STANDING_ORDER
    assert rosa.status == MembershipStatus.ACTIVE
    assert rosa.bulletin_consent is True
    declaration = rosa.gift_aid_declarations.get()
    assert declaration.source == DeclarationSource.IMPORT
    assert declaration.wording_version == IMPORTED_WORDING_VERSION
    assert declaration.declared_at.date() == datetime.date(2015, 2, 3)
    assert declaration.postcode == "SW1A 1AA"
    assert declaration.covers(datetime.date(2026, 1, 1))

    jorge = Member.objects.get(number="PSG-00123")
    assert jorge.plan == plans["concession"]
    assert jorge.payment_method == PaymentMethod.CHEQUE
    assert jorge.status == MembershipStatus.GRACE  # expired 26 days ago, grace is 30 days
    assert not jorge.gift_aid_declarations.exists()

    ana = Member.objects.get(number="PSG-00050")
    assert (ana.country, ana.payment_method, ana.status) == (
        "PE",
        PaymentMethod.CARD,
        MembershipStatus.LAPSED,
    )

    luis = Member.objects.get(number="PSG-00051")
    assert luis.status == MembershipStatus.PENDING
    assert luis.expires_on is None

    assert MemberEvent.objects.filter(action="imported").count() == 4


def test_import_reserves_the_numbers_so_the_sequence_never_reissues_them(plans):
    run(csv_text(*VALID_ROWS))
    assert NumberSequence.objects.get(name="membership").last_value == 123
    assert next_membership_number().endswith("00124")


def test_broken_file_writes_nothing_and_reports_every_row(plans):
    rows = [
        VALID_ROWS[0],
        "PSG-00124,Ms,Eva,Rojas,not-an-email,1 Road,,York,,YO1 7HH,GB,Individual,31/02/2020,,SO,yes,,no",
        "PSG-00125,Ms,Eva,Rojas,eva@example.org,,,York,,YO1 7HH,GB,Platinum,01/02/2020,,"
        "direct debit,maybe,,no",
        "PSG-00007,Mr,Dup,Licate,dup@example.org,,,York,,,GB,Individual,,,,,,",
        "PSG-00126,Mr,Post,Code,post@example.org,,,York,,NOT A CODE,GB,Individual,,,,,,",
    ]
    result = run(csv_text(*rows))
    assert not result.written
    found = {(error.row, error.column) for error in result.errors}
    assert found == {
        (3, "Email"),
        (3, "Joined"),
        (4, "Plan"),
        (4, "Payment method"),
        (4, "Gift Aid"),
        (5, "Membership No"),
        (6, "Postcode"),
    }
    assert Member.objects.count() == 0
    assert GiftAidDeclaration.objects.count() == 0
    assert MemberEvent.objects.count() == 0
    assert not NumberSequence.objects.filter(last_value__gt=0).exists()


def test_missing_columns_are_reported_on_the_header_row(plans):
    result = run("Membership No,Forename,Email\r\nPSG-1,Ana,a@example.org\r\n")
    assert {(error.row, error.column) for error in result.errors} == {(1, "Surname"), (1, "Plan")}
    assert Member.objects.count() == 0


def test_dry_run_reports_what_would_happen_and_writes_nothing(plans):
    result = run(csv_text(*VALID_ROWS), dry_run=True)
    assert result.errors == []
    assert (result.created, result.updated, result.declarations_added) == (4, 0, 1)
    assert not result.written
    assert Member.objects.count() == 0
    assert MemberEvent.objects.count() == 0


def test_reimporting_the_same_file_changes_nothing(plans):
    text = csv_text(*VALID_ROWS)
    run(text)
    before = {
        "members": list(Member.objects.order_by("pk").values_list("pk", "updated_at", "status")),
        "events": MemberEvent.objects.count(),
        "declarations": list(GiftAidDeclaration.objects.values_list("pk", "cancelled_at")),
        "sequence": NumberSequence.objects.get(name="membership").last_value,
    }
    result = run(text)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 4)
    after = {
        "members": list(Member.objects.order_by("pk").values_list("pk", "updated_at", "status")),
        "events": MemberEvent.objects.count(),
        "declarations": list(GiftAidDeclaration.objects.values_list("pk", "cancelled_at")),
        "sequence": NumberSequence.objects.get(name="membership").last_value,
    }
    assert after == before


def test_a_changed_row_updates_the_member_and_logs_what_changed(plans):
    run(csv_text(*VALID_ROWS))
    changed = VALID_ROWS[1].replace("Leeds", "York").replace(",no,,no", ",yes,01/06/2019,no")
    result = run(csv_text(VALID_ROWS[0], changed))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    jorge = Member.objects.get(number="PSG-00123")
    assert jorge.town == "York"
    event = MemberEvent.objects.get(member=jorge, action="import")
    assert event.changes == {"town": ["Leeds", "York"], "gift_aid": [False, True]}
    assert jorge.gift_aid_declarations.get().declared_at.date() == datetime.date(2019, 6, 1)


def test_gift_aid_no_cancels_a_declaration_in_force(plans):
    run(csv_text(*VALID_ROWS))
    result = run(csv_text(VALID_ROWS[0].replace(",SO,yes,", ",SO,no,")))
    assert result.declarations_cancelled == 1
    declaration = GiftAidDeclaration.objects.get(member__number="PSG-00007")
    assert declaration.cancelled_at is not None
    assert declaration.cancellation_source == DeclarationSource.IMPORT


def test_email_of_another_member_is_refused(plans):
    run(csv_text(VALID_ROWS[0]))
    result = run(csv_text(VALID_ROWS[1].replace("jorge@example.org", "rosa@example.org")))
    assert [(error.row, error.column) for error in result.errors] == [(2, "Email")]
    assert "PSG-00007" in result.errors[0].message


def test_aliases_semicolons_windows_encoding_and_a_byte_order_mark(plans):
    text = (
        "member number;FIRST NAME;last name;E-mail;Post code;Membership type;Expiry date;Pays by;Notes\r\n"
        "A-9;José;Núñez;jose@example.org;n1 9gu;individual;2027-01-31;Bank transfer;phoned in May\r\n"
    )
    result = import_members(text.encode("cp1252"), today=TODAY)
    assert result.errors == []
    assert any("Notes" in warning for warning in result.warnings)
    jose = Member.objects.get(number="A-9")
    assert (jose.first_name, jose.last_name, jose.postcode) == ("José", "Núñez", "N1 9GU")
    assert jose.expires_on == datetime.date(2027, 1, 31)
    assert jose.payment_method == PaymentMethod.STANDING_ORDER
    result = import_members(
        b"\xef\xbb\xbf" + text.replace("A-9", "A-10").replace("jose@", "j2@").encode(), today=TODAY
    )
    assert result.errors == []
    assert Member.objects.filter(number="A-10").exists()


def test_status_follows_the_expiry_date():
    today = datetime.date(2026, 6, 1)
    assert status_by_date(None, today, 30) == MembershipStatus.PENDING
    assert status_by_date(today, today, 30) == MembershipStatus.ACTIVE
    assert status_by_date(today - datetime.timedelta(days=30), today, 30) == MembershipStatus.GRACE
    assert status_by_date(today - datetime.timedelta(days=31), today, 30) == MembershipStatus.LAPSED


def many_rows(count, start=1):
    return [
        f"M-{n:05d},Ms,Name{n},Surname{n},person{n}@example.org,{n} Long Lane,,Leeds,,LS1 4AP,GB,"
        f"Individual,01/01/2020,31/12/2026,SO,{'yes' if n % 2 else 'no'},01/01/2020,no"
        for n in range(start, start + count)
    ]


def test_query_count_does_not_grow_with_the_number_of_rows(plans):
    """Below one write batch (500 rows) the count is fixed; above it grows by one query a batch."""
    run(csv_text(*many_rows(1, start=90000)))  # the sequence and settings rows now exist
    counts = []
    for start, size in [(1, 10), (1000, 400)]:
        with CaptureQueriesContext(connection) as queries:
            result = run(csv_text(*many_rows(size, start)))
        assert result.created == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_management_command_dry_run_and_import(plans, tmp_path, capsys):
    path = tmp_path / "members.csv"
    path.write_text(csv_text(*VALID_ROWS), encoding="utf-8")
    call_command("import_members", str(path), "--dry-run")
    assert "Dry run" in capsys.readouterr().out
    assert Member.objects.count() == 0
    call_command("import_members", str(path))
    assert "4 new" in capsys.readouterr().out
    assert Member.objects.count() == 4
    assert MemberEvent.objects.filter(actor_label="import").count() == 4

    broken = tmp_path / "broken.csv"
    broken.write_text(csv_text(VALID_ROWS[0].replace("rosa@example.org", "nope")), encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_members", str(broken))
    assert "Row 2, Email" in capsys.readouterr().err


def test_admin_import_shows_row_errors_then_imports(plans, client):

    secretary = make_secretary()
    logged_in(client, secretary)
    url = reverse("member:import")
    broken = SimpleUploadedFile("members.csv", csv_text(VALID_ROWS[0].replace("Individual", "Gold")).encode())
    response = client.post(url, {"file": broken, "dry_run": "on"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "No plan called “Gold”" in html
    assert "<td>2</td><td>Plan</td>" in html
    assert Member.objects.count() == 0

    good = csv_text(*VALID_ROWS).encode()
    response = client.post(url, {"file": SimpleUploadedFile("members.csv", good), "dry_run": "on"})
    assert "would add 4 new members" in response.content.decode()
    assert Member.objects.count() == 0

    response = client.post(url, {"file": SimpleUploadedFile("members.csv", good)})
    assert any("4 new" in message for message in messages_of(response))
    assert Member.objects.count() == 4
    event = MemberEvent.objects.filter(action="imported").first()
    assert event.actor == secretary
    assert event.note == "from members.csv"


def test_admin_offers_an_empty_template(plans, client):
    logged_in(client, make_secretary())
    response = client.get(reverse("member:import") + "?template=1")
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().strip() == HEADER


def test_cancelled_member_stays_cancelled_on_reimport(plans):
    run(csv_text(VALID_ROWS[0]))
    rosa = Member.objects.get(number="PSG-00007")
    cancel(rosa, actor_label="member")
    result = run(csv_text(VALID_ROWS[0]))
    assert result.unchanged == 1
    rosa.refresh_from_db()
    assert rosa.status == MembershipStatus.CANCELLED


def test_timezone_is_irrelevant_to_declaration_dates(plans):
    run(csv_text(VALID_ROWS[0]))
    declared = GiftAidDeclaration.objects.get().declared_at
    assert timezone.localtime(declared).date() == datetime.date(2015, 2, 3)


def test_dates_are_day_first_or_iso():
    assert parse_date("03/02/2015") == datetime.date(2015, 2, 3)
    assert parse_date("3.2.2015") == datetime.date(2015, 2, 3)
    assert parse_date("2015-02-03") == datetime.date(2015, 2, 3)
    assert parse_date("31/12/26") == datetime.date(2026, 12, 31)
    assert parse_date("01/06/98") == datetime.date(1998, 6, 1)
    assert parse_date("31/02/2020") is None
    assert parse_date("02/31/2020") is None
    assert parse_date("next week") is None
