"""The renewal page reached from an emailed link: no password, card by Checkout or offline details."""

import datetime
from urllib.parse import parse_qs

import pytest
import responses
from django.utils import timezone

from chasqui.demo.members import create_demo_members, create_demo_plans
from chasqui.membership.choices import MembershipStatus, PaymentMethod
from chasqui.membership.lifecycle.renewal_links import renewal_token
from chasqui.membership.models import Member, Plan
from chasqui.membership.organisation import membership_settings

from .factories import MemberFactory, PlanFactory


def renew_url(member):
    return f"/members/renew/{renewal_token(member)}/"


@pytest.fixture
def member(db):
    settings = membership_settings()
    settings.bank_sort_code = "11-22-33"
    settings.save()
    individual = PlanFactory(name="Individual", slug="individual", price_pence=2500)
    concession = PlanFactory(name="Concession", slug="concession", price_pence=1000)
    return MemberFactory(plan=individual, next_plan=concession, status=MembershipStatus.GRACE)


@pytest.mark.django_db
def test_renewal_page_shows_the_plan_from_next_renewal_and_offline_details(client, member, settings):
    settings.STRIPE_SECRET_KEY = ""
    page = client.get(renew_url(member)).content.decode()
    assert member.number in page
    assert "Concession" in page
    assert "£10" in page
    assert "11-22-33" in page
    assert "Continue to card payment" not in page


@responses.activate
@pytest.mark.django_db
def test_renewal_by_card_goes_to_checkout_at_the_new_plans_price(client, member, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    responses.post(
        "https://api.stripe.com/v1/checkout/sessions",
        json={"id": "cs_1", "object": "checkout.session", "url": "https://checkout.stripe.com/c/pay/cs_1"},
    )
    response = client.post(renew_url(member), {"payment_method": PaymentMethod.CARD})
    assert response.status_code == 303
    assert response["Location"] == "https://checkout.stripe.com/c/pay/cs_1"
    sent = parse_qs(responses.calls[0].request.body)
    assert sent["line_items[0][price_data][unit_amount]"] == ["1000"]
    assert sent["mode"] == ["payment"]


@responses.activate
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "days_left", "charged_now"),
    [
        (MembershipStatus.ACTIVE, 100, False),
        (MembershipStatus.ACTIVE, 1, True),
        (MembershipStatus.GRACE, -5, True),
    ],
)
def test_switching_to_a_subscription_first_charges_at_expiry(
    client, member, settings, status, days_left, charged_now
):
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    member.status = status
    member.expires_on = timezone.localdate() + datetime.timedelta(days=days_left)
    member.save()
    responses.post(
        "https://api.stripe.com/v1/checkout/sessions",
        json={"id": "cs_2", "object": "checkout.session", "url": "https://checkout.stripe.com/c/pay/cs_2"},
    )
    client.post(renew_url(member), {"payment_method": PaymentMethod.CARD_SUBSCRIPTION})

    sent = parse_qs(responses.calls[0].request.body)
    assert sent["mode"] == ["subscription"]
    if charged_now:
        assert "subscription_data[trial_end]" not in sent
    else:
        first_charge = datetime.datetime.fromtimestamp(
            int(sent["subscription_data[trial_end]"][0]), tz=datetime.UTC
        )
        assert first_charge.date() == member.expires_on


@pytest.mark.django_db
def test_demo_plans_and_members_are_created_once(db):
    assert create_demo_plans() == 3
    assert {(p.name, p.price_pence) for p in Plan.objects.all()} == {
        ("Individual", 2500),
        ("Concession", 1000),
        ("Organisation", 6000),
    }
    assert create_demo_members() == 12
    assert create_demo_members() == 0
    statuses = set(Member.objects.values_list("status", flat=True))
    assert statuses == {
        MembershipStatus.ACTIVE,
        MembershipStatus.PENDING,
        MembershipStatus.GRACE,
        MembershipStatus.LAPSED,
        MembershipStatus.CANCELLED,
    }
    assert Member.objects.filter(gift_aid_declarations__isnull=False).exists()
    assert all(m.number.startswith("PSG-") for m in Member.objects.all())
