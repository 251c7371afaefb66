"""Recording an offline payment in two clicks, once only; cancelling a membership."""

import datetime

import pytest
from bs4 import BeautifulSoup
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from chasqui.membership.choices import MembershipStatus, PaymentMethod, PaymentSource
from chasqui.membership.models import MemberEvent, Payment
from chasqui.membership.tests.admin_helpers import logged_in, make_secretary, messages_of
from chasqui.membership.tests.factories import make_member


@pytest.fixture
def secretary(db):
    return make_secretary()


@pytest.fixture
def secretary_client(client, secretary):
    return logged_in(client, secretary)


@pytest.fixture
def pending_member(db):
    return make_member(
        number="PSG-00042", payment_method=PaymentMethod.CHEQUE, status=MembershipStatus.PENDING
    )


def _form_data(html):
    """The values the browser would send from the page's POST form."""
    form = BeautifulSoup(html, "html.parser").find("form", attrs={"method": "post"})
    data = {}
    for field in form.find_all(["input", "select"]):
        name = field.get("name")
        if not name:
            continue
        if field.name == "select":
            selected = field.find("option", selected=True)
            data[name] = selected["value"] if selected else ""
        else:
            data[name] = field.get("value", "")
    return data


def test_record_payment_in_two_clicks_from_the_list(secretary_client, secretary, pending_member):
    today = timezone.localdate()
    list_url = reverse("member:index") + "?status=pending"
    listing = secretary_client.get(list_url).content.decode()
    record_url = reverse("member:record_payment", args=[pending_member.pk])
    assert record_url in listing  # click one: the row's "Record payment"

    form_page = secretary_client.get(record_url + "?" + urlencode({"next": list_url}))
    data = _form_data(form_page.content.decode())
    assert data["paid_on"] == today.isoformat()
    assert data["amount"] == "25.00"
    assert data["method"] == PaymentMethod.CHEQUE
    assert data["reference"] == "PSG-00042"

    response = secretary_client.post(record_url, data, follow=True)  # click two: "Record payment"
    assert response.redirect_chain[-1][0] == list_url
    assert any("recorded" in message for message in messages_of(response))

    payment = Payment.objects.get(member=pending_member)
    assert payment.amount_pence == 2500
    assert payment.source == PaymentSource.OFFLINE
    assert payment.method == PaymentMethod.CHEQUE
    assert payment.reference == "PSG-00042"
    assert payment.recorded_by == secretary
    pending_member.refresh_from_db()
    assert pending_member.status == MembershipStatus.ACTIVE
    assert pending_member.expires_on == today + relativedelta(years=1)
    assert MemberEvent.objects.filter(member=pending_member, action="payment", actor=secretary).exists()


def test_submitting_the_same_payment_twice_records_it_once(secretary_client, pending_member):
    url = reverse("member:record_payment", args=[pending_member.pk])
    data = {"paid_on": "2026-01-05", "amount": "25", "method": "cheque", "reference": "CHQ 100200"}
    first = secretary_client.post(url, data, follow=True)
    second = secretary_client.post(url, data, follow=True)
    assert Payment.objects.filter(member=pending_member).count() == 1
    assert any("recorded" in message for message in messages_of(first))
    assert any("already recorded" in message for message in messages_of(second))
    pending_member.refresh_from_db()
    assert pending_member.expires_on == timezone.localdate() + relativedelta(years=1)


def test_payment_extends_from_the_current_expiry(secretary_client):
    expiry = timezone.localdate() + datetime.timedelta(days=20)
    member = make_member(status=MembershipStatus.ACTIVE, expires_on=expiry)
    url = reverse("member:record_payment", args=[member.pk])
    data = {
        "paid_on": timezone.localdate().isoformat(),
        "amount": "25.00",
        "method": "standing_order",
        "reference": "SO",
    }
    response = secretary_client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("member:index")
    member.refresh_from_db()
    assert member.expires_on == expiry + relativedelta(years=1)


def test_bad_payment_input_is_shown_next_to_the_fields_and_nothing_is_recorded(
    secretary_client, pending_member
):
    url = reverse("member:record_payment", args=[pending_member.pk])
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = secretary_client.post(url, {"paid_on": future, "amount": "-4", "method": "cheque"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"paid_on", "amount"}
    html = response.content.decode()
    assert "cannot be in the future" in html
    assert 'aria-invalid="true"' in html or "error-message" in html
    assert not Payment.objects.exists()


def test_record_payment_from_the_member_page_returns_there(secretary_client, pending_member):
    page_url = reverse("member:inspect", args=[pending_member.pk])
    html = secretary_client.get(page_url).content.decode()
    assert reverse("member:record_payment", args=[pending_member.pk]) + "?next=" in html
    data = {
        "paid_on": "2026-01-05",
        "amount": "25.00",
        "method": "cheque",
        "reference": "X1",
        "next": page_url,
    }
    response = secretary_client.post(reverse("member:record_payment", args=[pending_member.pk]), data)
    assert response["Location"] == page_url


def test_next_cannot_send_the_secretary_off_site(secretary_client, pending_member):
    data = {
        "paid_on": "2026-01-05",
        "amount": "25.00",
        "method": "cheque",
        "reference": "X2",
        "next": "https://evil.example/",
    }
    response = secretary_client.post(reverse("member:record_payment", args=[pending_member.pk]), data)
    assert response["Location"] == reverse("member:index")


def test_secretary_cancels_a_membership_after_confirming(secretary_client, secretary):
    member = make_member(
        status=MembershipStatus.ACTIVE, expires_on=timezone.localdate() + datetime.timedelta(days=90)
    )
    url = reverse("member:cancel", args=[member.pk])
    confirm = secretary_client.get(url)
    assert "Yes, cancel the membership" in confirm.content.decode()
    member.refresh_from_db()
    assert member.status == MembershipStatus.ACTIVE  # looking at the confirmation changes nothing

    response = secretary_client.post(url, {"note": "Asked by letter"})
    assert response["Location"] == reverse("member:inspect", args=[member.pk])
    member.refresh_from_db()
    assert member.status == MembershipStatus.CANCELLED
    event = MemberEvent.objects.get(member=member, action="status")
    assert event.actor == secretary
    assert event.note == "Asked by letter"
    assert event.changes == {"status": ["active", "cancelled"]}
