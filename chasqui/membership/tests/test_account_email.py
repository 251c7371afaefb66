"""Changing the email address (confirmed by a code sent to the new one) and the readable data page."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from chasqui.membership.models import MemberEvent
from chasqui.membership.tests.factories import make_member, make_payment
from chasqui.membership.tests.test_account import sign_in_as
from chasqui.subscribers import services as subscriber_services

pytestmark = pytest.mark.django_db
CHANGE = reverse("membership:change_email")
CONFIRM = reverse("membership:confirm_email")


@pytest.fixture
def member(client, site_tree):
    member = make_member(active=True, first_name="Rosa", email="rosa@example.org")
    sign_in_as(client, member)
    return member


@pytest.fixture(autouse=True)
def no_rate_limits_left_over():
    cache.clear()


def code_in(message):
    return re.search(r"\b(\d{6})\b", message.body).group(1)


def test_a_code_sent_to_the_new_address_changes_it(client, member):
    subscriber_services.subscribe_member(member.email, "Rosa")
    assert client.post(CHANGE, {"email": "rosa.new@example.org"}).url == CONFIRM
    (message,) = mail.outbox
    assert message.to == ["rosa.new@example.org"]
    assert (
        client.post(CONFIRM, {"code": "000000" if code_in(message) != "000000" else "111111"}).status_code
        == 400
    )
    member.refresh_from_db()
    assert member.email == "rosa@example.org"
    assert client.post(CONFIRM, {"code": code_in(message)}).url == reverse("membership:account")
    member.refresh_from_db()
    assert member.email == "rosa.new@example.org"
    event = MemberEvent.objects.get(member=member, action="email")
    assert event.changes == {"email": ["rosa@example.org", "rosa.new@example.org"]}
    assert event.actor_label == "member"
    assert subscriber_services.is_receiving_address("rosa.new@example.org")
    assert not subscriber_services.is_receiving_address("rosa@example.org")


def test_an_address_of_another_member_is_refused(client, member):
    make_member(email="taken@example.org")
    response = client.post(CHANGE, {"email": "taken@example.org"})
    assert response.status_code == 400
    assert mail.outbox == []


def test_codes_are_rate_limited(client, member):
    for _ in range(3):
        client.post(CHANGE, {"email": "rosa.new@example.org"})
    assert client.post(CHANGE, {"email": "rosa.new@example.org"}).status_code == 429
    assert len(mail.outbox) == 3


def test_the_data_summary_is_a_readable_page(client, member):
    make_payment(member=member, amount_pence=2500)
    page = client.get(reverse("membership:data_summary"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Everything we hold about you" in html
    assert "rosa@example.org" in html
    assert "2500" in html
    assert reverse("membership:data_export") in html
    assert client.get(reverse("membership:data_export"))["Content-Type"].startswith("application/json")
