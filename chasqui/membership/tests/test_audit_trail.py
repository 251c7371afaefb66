"""The audit trail of staff actions on members' data: one Wagtail log entry per action, with who,
when, from where and what changed; shown in Site history and its export; scrubbed by erasure."""

import csv
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from chasqui.membership.account.erasure import erase_member
from chasqui.membership.models import GiftAidClaim, Member
from chasqui.membership.secretary import audit
from chasqui.membership.tests.admin_helpers import logged_in, make_secretary
from chasqui.membership.tests.factories import make_member, make_plan
from chasqui.membership.tests.test_admin_members import edit_data
from chasqui.membership.tests.test_import_members import VALID_ROWS, csv_text

ADDRESS = "203.0.113.7"
FROM = {"REMOTE_ADDR": ADDRESS}


@pytest.fixture
def secretary(db):
    return make_secretary()


@pytest.fixture
def staff(client, secretary):
    return logged_in(client, secretary)


@pytest.fixture
def rosa(db):
    return make_member(
        number="PSG-00031",
        first_name="Rosalind",
        last_name="Huamanchumo",
        email="rosalind@example.org",
        address_line_1="12 Acacia Avenue",
        town="London",
        postcode="SW1A 1AA",
    )


def only_entry(action):
    entries = list(ModelLogEntry.objects.filter(action=action))
    assert len(entries) == 1, entries
    return entries[0]


def assert_by_staff_from_address(entry, user):
    assert entry.user == user
    assert entry.timestamp is not None
    assert entry.data["client_address"] == ADDRESS


def test_viewing_a_member_is_logged_on_the_member(staff, secretary, rosa):
    response = staff.get(reverse("member:inspect", args=[rosa.pk]), **FROM)
    assert response.status_code == 200
    entry = only_entry(audit.MEMBER_VIEW)
    assert_by_staff_from_address(entry, secretary)
    assert (entry.content_type.model_class(), entry.object_id) == (Member, str(rosa.pk))


def test_an_edit_is_logged_once_with_old_and_new_values_but_not_the_notes(staff, secretary, rosa):
    data = edit_data(rosa, town="Manchester", postcode="M1 1AE", notes="Recovering from surgery")
    response = staff.post(reverse("member:edit", args=[rosa.pk]), data, **FROM)
    assert response.status_code == 302, response.context and response.context["form"].errors

    entry = only_entry(audit.MEMBER_EDIT)
    assert_by_staff_from_address(entry, secretary)
    assert entry.data["changes"] == {
        "town": ["London", "Manchester"],
        "postcode": ["SW1A 1AA", "M1 1AE"],
        "notes": ["(changed)", "(changed)"],
    }
    assert not ModelLogEntry.objects.filter(action="wagtail.edit").exists()  # one entry, not two
    assert "surgery" not in json.dumps(entry.data)
    assert "town" in entry.message
    assert ADDRESS in entry.message


def test_a_payment_is_logged_with_its_amount_and_only_the_end_of_its_reference(staff, secretary, rosa):
    data = {"paid_on": "2026-01-05", "amount": "25", "method": "cheque", "reference": "HUAMANCHUMO 100200"}
    staff.post(reverse("member:record_payment", args=[rosa.pk]), data, **FROM)
    staff.post(reverse("member:record_payment", args=[rosa.pk]), data, **FROM)  # the same one again

    entry = only_entry(audit.PAYMENT_RECORD)
    assert_by_staff_from_address(entry, secretary)
    assert entry.object_id == str(rosa.pk)
    assert entry.data["amount_pence"] == 2500
    assert entry.data["paid_on"] == "2026-01-05"
    assert entry.data["reference"] == "…0200"
    assert "HUAMANCHUMO" not in json.dumps(entry.data)


def test_exporting_the_members_list_is_logged_without_the_search_words(staff, secretary, rosa):
    make_member(number="PSG-00032", first_name="Jorge")
    response = staff.get(reverse("member:index"), {"export": "csv", "q": "Rosalind"}, **FROM)
    assert response["Content-Type"].startswith("text/csv")

    entry = only_entry(audit.MEMBERS_EXPORT)
    assert_by_staff_from_address(entry, secretary)
    assert entry.data["count"] == 1
    assert entry.data["searched"] is True
    assert "Rosalind" not in json.dumps(entry.data)


def test_an_import_is_logged_once_with_its_counts_and_a_trial_run_is_not(staff, secretary):
    make_plan(name="Individual", slug="individual", price_pence=2500)
    make_plan(name="Concession", slug="concession", price_pence=1000)
    content = csv_text(*VALID_ROWS).encode()
    url = reverse("member:import")
    staff.post(url, {"file": SimpleUploadedFile("members.csv", content), "dry_run": "on"}, **FROM)
    assert not ModelLogEntry.objects.filter(action=audit.MEMBERS_IMPORT).exists()

    staff.post(url, {"file": SimpleUploadedFile("members.csv", content)}, **FROM)
    entry = only_entry(audit.MEMBERS_IMPORT)
    assert_by_staff_from_address(entry, secretary)
    assert entry.data["file"] == "members.csv"
    assert entry.data["created"] == 4


def test_each_step_of_a_gift_aid_claim_is_logged(staff, secretary, claim_members):
    page = staff.get(reverse("member:gift_aid"), {"start": "2026-01-01", "end": "2026-01-31"})
    staff.post(reverse("member:gift_aid"), page.context["record_form"].initial, **FROM)
    claim = GiftAidClaim.objects.get()
    prepared = only_entry(audit.GIFT_AID_CLAIM)
    assert_by_staff_from_address(prepared, secretary)
    assert prepared.data["payment_count"] == claim.payment_count

    staff.get(reverse("member:gift_aid_claim_download", args=[claim.pk, "ods"]), **FROM)
    exported = only_entry(audit.GIFT_AID_EXPORT)
    assert_by_staff_from_address(exported, secretary)
    assert exported.data["format"] == "ods"

    url = reverse("member:gift_aid_claim", args=[claim.pk])
    staff.post(url, {"hmrc_reference": "CH-123"}, **FROM)
    staff.post(url, {"hmrc_reference": "CH-123"}, **FROM)  # already submitted: nothing happens
    assert only_entry(audit.GIFT_AID_SUBMIT).data["hmrc_reference"] == "CH-123"
    staff.post(url, {"withdraw": "1", "confirm": "on"}, **FROM)
    withdrawn = only_entry(audit.GIFT_AID_WITHDRAW)
    assert_by_staff_from_address(withdrawn, secretary)
    assert withdrawn.data["status"] == "withdrawn"
    assert {entry.object_id for entry in ModelLogEntry.objects.all()} == {str(claim.pk)}


def test_entries_show_in_site_history_and_its_csv_export(client, staff, rosa):
    staff.get(reverse("member:inspect", args=[rosa.pk]), **FROM)
    staff.get(reverse("member:index"), {"export": "csv"}, **FROM)
    admin = get_user_model().objects.create_superuser("trustee", "trustee@example.org", "x")
    client.force_login(admin)

    html = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert str(rosa) in html
    assert f"Viewed (from {ADDRESS})" in html
    assert "Exported 1 members as CSV" in html
    filtered = client.get(reverse("wagtailadmin_reports:site_history"), {"action": audit.MEMBER_VIEW})
    assert "Exported 1 members" not in filtered.content.decode()

    response = client.get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    actions = {row["Action type"]: row for row in rows}
    assert actions["View member data"]["Name"] == str(rosa)
    assert actions["View member data"]["User"] == "Sofía"
    assert "Export members" in actions


def test_a_members_own_history_view_lists_the_entries(staff, rosa):
    staff.get(reverse("member:inspect", args=[rosa.pk]), **FROM)
    response = staff.get(reverse("member:history", args=[rosa.pk]))
    assert response.status_code == 200
    assert f"Viewed (from {ADDRESS})" in response.content.decode()


def test_erasure_scrubs_the_entries_but_keeps_them(staff, secretary, rosa):
    staff.get(reverse("member:inspect", args=[rosa.pk]), **FROM)
    old_email = rosa.email
    edited = edit_data(rosa, email="rosalind.new@example.org", town="Leeds", postcode="LS1 4AP")
    staff.post(reverse("member:edit", args=[rosa.pk]), edited, **FROM)
    data = {"paid_on": "2026-01-05", "amount": "25", "method": "cheque", "reference": "SO"}
    staff.post(reverse("member:record_payment", args=[rosa.pk]), data, **FROM)
    staff.get(reverse("member:index"), {"export": "csv"}, **FROM)
    before = ModelLogEntry.objects.count()

    erase_member(Member.objects.get(pk=rosa.pk))

    entries = list(ModelLogEntry.objects.all())
    assert len(entries) == before + 1
    erase = only_entry(audit.MEMBER_ERASE)
    assert erase.label == f"erased member #{rosa.pk}"
    member_type = ContentType.objects.get_for_model(Member)
    for entry in entries:
        if entry.content_type == member_type and entry.object_id == str(rosa.pk):
            assert entry.label == f"erased member #{rosa.pk}"
        text = (entry.label + json.dumps(entry.data, ensure_ascii=False)).lower()
        for personal in [
            "Rosalind",
            "Huamanchumo",
            old_email,
            "rosalind.new@example.org",
            "SW1A 1AA",
            "LS1 4AP",
        ]:
            assert personal.lower() not in text, (entry.action, text)
    edit = only_entry(audit.MEMBER_EDIT)
    assert edit.data["changes"]["email"] == ["[erased]", "[erased]"]
    assert edit.data["changes"]["town"] == ["[erased]", "[erased]"]
    assert edit.data["client_address"] == ADDRESS
