"""The Gift Aid claim ledger (nothing claimed twice) and the .ods schedule HMRC receives."""

import datetime
import io
import zipfile

import pytest
from defusedxml import ElementTree
from django.urls import reverse

from chasqui.membership.choices import ClaimStatus
from chasqui.membership.gift_aid import claim as claims
from chasqui.membership.gift_aid import ledger
from chasqui.membership.models import GiftAidClaim, GiftAidClaimLine
from chasqui.membership.tests.conftest import aware
from chasqui.membership.tests.factories import GiftAidDeclarationFactory, make_member, make_payment

JANUARY = (datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))
NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def ods_cells(content):
    """[(value type, value attribute, text)] per row of the first sheet of an .ods file."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        root = ElementTree.fromstring(archive.read("content.xml"))
    office = f"{{{NS['office']}}}"
    rows = []
    for row in root.iterfind(".//table:table-row", NS):
        cells = []
        for cell in row.iterfind("table:table-cell", NS):
            kind = cell.get(f"{office}value-type")
            value = cell.get(f"{office}date-value") or cell.get(f"{office}value")
            cells.append((kind, value, "".join(cell.itertext())))
        rows.append(cells)
    return rows


def test_a_recorded_claims_payments_are_left_out_of_the_next(claim_members):
    claim, created = ledger.record_claim(*JANUARY, request_key="k1")
    assert created
    assert claim.payment_count == 5
    assert claim.total_pence == 13250
    assert claim.status == ClaimStatus.PREPARED
    again = claims.gift_aid_claim(*JANUARY)
    assert again.rows == []
    assert again.already_claimed == 5
    with pytest.raises(ledger.NothingToClaim):
        ledger.record_claim(*JANUARY, request_key="k2")
    assert GiftAidClaim.objects.count() == 1


def test_the_same_form_twice_records_one_claim(secretary_client, claim_members):
    page = secretary_client.get(reverse("member:gift_aid"), {"start": "2026-01-01", "end": "2026-01-31"})
    data = page.context["record_form"].initial
    first = secretary_client.post(reverse("member:gift_aid"), data)
    second = secretary_client.post(reverse("member:gift_aid"), data)
    claim = GiftAidClaim.objects.get()
    assert first.url == second.url == reverse("member:gift_aid_claim", args=[claim.pk])
    assert claim.created_by.username == "sofia"
    assert GiftAidClaimLine.objects.count() == 5


def test_withdrawing_releases_the_payments_and_submitting_keeps_them(secretary_client, claim_members):
    claim, _ = ledger.record_claim(*JANUARY, request_key="k1")
    url = reverse("member:gift_aid_claim", args=[claim.pk])
    secretary_client.post(url, {"hmrc_reference": "CH-123"})
    claim.refresh_from_db()
    assert (claim.status, claim.hmrc_reference) == (ClaimStatus.SUBMITTED, "CH-123")
    assert claims.gift_aid_claim(*JANUARY).rows == []
    refused = secretary_client.post(url, {"withdraw": "1"})  # the box is not ticked
    assert refused.status_code == 400
    secretary_client.post(url, {"withdraw": "1", "confirm": "on"})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.WITHDRAWN
    assert len(claims.gift_aid_claim(*JANUARY).rows) == 5
    later, created = ledger.record_claim(*JANUARY, request_key="k2")
    assert created
    assert later.payment_count == 5


def test_the_claims_list_and_the_member_page_show_what_is_claimed(secretary_client, claim_members):
    claim, _ = ledger.record_claim(*JANUARY, request_key="k1")
    listing = secretary_client.get(reverse("member:gift_aid_claims")).content.decode()
    assert f"Claim {claim.pk}" in listing
    assert "£132.50" in listing
    payment = claim.payments.order_by("paid_on").first()
    member_page = secretary_client.get(reverse("member:inspect", args=[payment.member_id])).content.decode()
    assert f"In claim {claim.pk}" in member_page


def test_the_ods_schedule_has_typed_cells_and_no_guard_quotes(db):
    member = make_member(first_name="=cmd", last_name="Quispe", address_line_1="+1 Calle Real")
    GiftAidDeclarationFactory(member=member, declared_at=aware(2025, 3, 1))
    make_payment(member=member, amount_pence=2550, paid_on=datetime.date(2026, 1, 5))
    claim = claims.gift_aid_claim(*JANUARY)
    filename, content_type, content = claims.gift_aid_download(claim, file_format="ods")
    assert filename == "gift-aid-claim-2026-01-01-to-2026-01-31.ods"
    assert content_type == "application/vnd.oasis.opendocument.spreadsheet"
    header, row = ods_cells(content)
    assert [text for _, _, text in header] == claims.GIFT_AID_COLUMNS
    assert row[1] == ("string", None, "=cmd")
    assert row[3] == ("string", None, "+1")
    assert row[4] == ("string", None, "N1 9GU")
    assert row[5] == row[6] == (None, None, "")
    assert row[7] == ("date", "2026-01-05", "05/01/26")
    assert row[8] == ("float", "25.50", "25.50")


def test_a_donor_living_abroad_has_x_for_postcode(db):
    member = make_member(country="PE", postcode="", address_line_1="Casa Azul, Jirón Puno 345")
    GiftAidDeclarationFactory(member=member, declared_at=aware(2025, 3, 1))
    make_payment(member=member, paid_on=datetime.date(2026, 1, 5))
    (row,) = claims.gift_aid_claim(*JANUARY).rows
    assert row[3:5] == ["Casa Azul", "X"]
