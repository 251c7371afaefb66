"""The members CSV (filtered as on screen) and the Gift Aid claim schedule, row by row."""

import csv
import datetime
import io
import zipfile

from django.urls import reverse
from django.utils import timezone

from chasqui.membership.choices import MembershipStatus, PaymentMethod
from chasqui.membership.gift_aid import claim as claims
from chasqui.membership.models import GiftAidClaim, Member, MemberEvent
from chasqui.membership.secretary import exports
from chasqui.membership.secretary.member_import import import_members
from chasqui.membership.tests.conftest import aware
from chasqui.membership.tests.factories import GiftAidDeclarationFactory, make_member, make_plan


def parse(text):
    return list(csv.reader(io.StringIO(text)))


def test_gift_aid_claim_rows_exactly(claim_members):
    claim = claims.gift_aid_claim(datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))
    assert claim.rows == [
        ["Mrs", "Rosa", "Huamán Quispe", "12", "SW1A 1AA", "", "", "05/01/26", "25.00"],
        ["Ms", "Ana", "Quispe", "12", "N1 9GU", "", "", "08/01/26", "10.00"],
        # A UK taxpayer living abroad: "X" for the postcode, the first line of the address kept.
        ["Ms", "Luis", "Quispe", "Jirón Puno 345", "X", "", "", "14/01/26", "25.00"],
        ["Prof", "Carmen", "Vargas", "Rose Cottage", "BA1 1AA", "", "", "25/01/26", "60.00"],
        ["Mrs", "Rosa", "Huamán Quispe", "12", "SW1A 1AA", "", "", "31/01/26", "12.50"],
    ]
    assert claim.total_pence == 2500 + 1000 + 2500 + 6000 + 1250
    assert [payment.idempotency_key for payment in claim.erased] == ["erased"]
    assert "abroad" in [payment.idempotency_key for payment in claim.claimed_payments]
    assert claim.not_covered == 2  # no declaration; paid after the cancellation


def test_gift_aid_schedule_csv_has_hmrc_columns(claim_members):
    claim = claims.gift_aid_claim(datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))
    filename, content_type, content = claims.gift_aid_download(claim)
    assert filename == "gift-aid-claim-2026-01-01-to-2026-01-31.csv"
    rows = parse(content.decode())
    assert rows[0] == [
        "Title",
        "First name",
        "Last name",
        "House name or number",
        "Postcode",
        "Aggregated donations",
        "Sponsored event",
        "Donation date",
        "Amount",
    ]
    assert len(rows) == 6


def test_long_claims_are_split_into_schedules(claim_members):
    claim = claims.gift_aid_claim(datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))
    filename, content_type, content = claims.gift_aid_download(claim, rows_per_schedule=3)
    assert filename.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = [parse(archive.read(name).decode()) for name in sorted(archive.namelist())]
    assert [len(part) for part in parts] == [4, 3]  # header + 3 rows, header + 2 rows
    assert all(part[0] == claims.GIFT_AID_COLUMNS for part in parts)


def test_gift_aid_page_summarises_and_downloads(secretary_client, claim_members):
    url = reverse("member:gift_aid")
    page = secretary_client.get(url, {"start": "2026-01-01", "end": "2026-01-31"})
    html = page.content.decode()
    assert "5 payments, £132.50 in all" in html
    assert "1 payment from a member whose personal data was erased" in html
    assert "2 payments not covered by a Gift Aid declaration" in html
    recorded = secretary_client.post(url, page.context["record_form"].initial)
    claim = GiftAidClaim.objects.get()
    assert recorded.url == reverse("member:gift_aid_claim", args=[claim.pk])
    download = secretary_client.get(reverse("member:gift_aid_claim_download", args=[claim.pk, "csv"]))
    assert (
        download["Content-Disposition"]
        == 'attachment; filename="gift-aid-claim-2026-01-01-to-2026-01-31.csv"'
    )
    assert len(parse(download.content.decode())) == 6


def test_gift_aid_page_rejects_a_reversed_period(secretary_client, db):
    response = secretary_client.get(reverse("member:gift_aid"), {"start": "2026-02-01", "end": "2026-01-01"})
    assert response.status_code == 200
    assert "end" in response.context["form"].errors


def test_members_csv_applies_the_lists_filters(secretary_client, db):
    cheque = make_member(
        number="E-1",
        payment_method=PaymentMethod.CHEQUE,
        status=MembershipStatus.ACTIVE,
        expires_on=datetime.date(2027, 1, 1),
    )
    make_member(number="E-2", payment_method=PaymentMethod.CHEQUE, status=MembershipStatus.PENDING)
    make_member(number="E-3", status=MembershipStatus.ACTIVE, expires_on=datetime.date(2027, 1, 1))
    GiftAidDeclarationFactory(member=cheque, declared_at=aware(2025, 5, 4))
    response = secretary_client.get(
        reverse("member:index"), {"payment_method": "cheque", "status": "active", "export": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="members-')
    rows = parse(response.content.decode())
    assert rows[0] == exports.MEMBER_COLUMNS
    assert [row[0] for row in rows[1:]] == ["E-1"]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Expires"] == "01/01/2027"
    assert row["Payment method"] == "cheque"
    assert (row["Gift Aid"], row["Gift Aid date"]) == ("yes", "04/05/2025")
    assert row["Status"] == "Active"


def test_listing_links_to_the_csv_of_what_is_shown(secretary_client, db):
    html = secretary_client.get(reverse("member:index"), {"status": "active"}).content.decode()
    assert "status=active&amp;export=csv" in html


def test_members_csv_query_count_is_fixed(db, django_assert_num_queries):
    plan = make_plan(name="Individual", slug="individual")
    for index in range(30):
        make_member(number=f"Q-{index}", plan=plan)
    with django_assert_num_queries(1):
        text = exports.members_csv(Member.objects.all())
    assert len(parse(text)) == 31


def test_exported_members_import_again_without_changes(db):
    plan = make_plan(name="Individual", slug="individual")
    member = make_member(
        number="R-1",
        plan=plan,
        title="Dr",
        address_line_2="Flat 3",
        county="Kent",
        status=MembershipStatus.ACTIVE,
        expires_on=timezone.localdate() + datetime.timedelta(days=9),
        bulletin_consent=True,
    )
    GiftAidDeclarationFactory(member=member, declared_at=aware(2025, 5, 4))
    text = exports.members_csv(Member.objects.all())
    result = import_members(text.encode())
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)
    assert not MemberEvent.objects.exists()


def test_cells_that_look_like_formulas_are_neutralised(db):
    make_member(number="F-1", first_name='=HYPERLINK("http://evil.example")', last_name="+Smith")
    rows = parse(exports.members_csv(Member.objects.all()))
    assert rows[1][2] == '\'=HYPERLINK("http://evil.example")'
    assert rows[1][3] == "'+Smith"
