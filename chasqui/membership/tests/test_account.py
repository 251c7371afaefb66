"""The signed-in member's own pages: what they see and what they may change."""

import datetime
import json

import pytest
import responses
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from chasqui.core.models import SiteSettings
from chasqui.membership.account import signin
from chasqui.membership.billing.services import record_payment
from chasqui.membership.choices import DeclarationSource, MembershipStatus, PaymentMethod, PaymentSource
from chasqui.membership.gift_aid import wording as gift_aid
from chasqui.membership.lifecycle.renewal_links import member_from_renewal_token
from chasqui.membership.models import GiftAidDeclaration, MemberEvent
from chasqui.membership.tests.factories import (
    GiftAidDeclarationFactory,
    make_member,
    make_payment,
    make_plan,
)
from chasqui.subscribers import services as subscriber_services
from chasqui.subscribers.choices import ConsentCause, SubscriberStatus
from chasqui.subscribers.models import Subscriber

pytestmark = pytest.mark.django_db

ACCOUNT = reverse("membership:account")


def sign_in_as(client, member):
    session = client.session
    session.update(signin.session_values(member))
    session.save()


@pytest.fixture
def charity(site_tree):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "Peru Support Group"
    site_settings.postal_address = "1 Example Street\nLondon\nE1 1AA"
    site_settings.charity_number = "1234567"
    site_settings.save()
    return site_settings


@pytest.fixture
def member(client, charity):
    member = make_member(active=True, first_name="Rosa", last_name="Huamán", email="rosa@example.org")
    sign_in_as(client, member)
    return member


@pytest.fixture
def someone_else(charity):
    return make_member(active=True, first_name="Tomás", last_name="Other", email="tomas@example.org")


def events(member, action):
    return MemberEvent.objects.filter(member=member, action=action)


def test_account_shows_the_members_own_membership_and_payments(client, member, someone_else):
    payment = make_payment(member=member, amount_pence=2500, paid_on=datetime.date(2026, 3, 1))
    other_payment = make_payment(member=someone_else, amount_pence=6000)
    page = client.get(ACCOUNT).content.decode()
    assert member.number in page
    assert "Rosa" in page
    assert str(MembershipStatus.ACTIVE.label) in page
    assert "£25" in page
    assert str(PaymentMethod.STANDING_ORDER.label) in page
    assert reverse("membership:receipt", args=[payment.pk]) in page
    assert someone_else.number not in page
    assert "Tomás" not in page
    assert reverse("membership:receipt", args=[other_payment.pk]) not in page
    assert '<meta name="robots" content="noindex, nofollow">' in page


def test_renew_button_carries_a_valid_renewal_token(client, member):
    soup = BeautifulSoup(client.get(ACCOUNT).content, "html.parser")
    renew = soup.find("a", string="Renew your membership")
    token = renew["href"].rstrip("/").rsplit("/", 1)[-1]
    assert renew["href"].startswith("/members/renew/")
    assert member_from_renewal_token(token) == member


def test_another_members_receipt_is_not_found(client, member, someone_else):
    other_payment = make_payment(member=someone_else)
    assert client.get(reverse("membership:receipt", args=[other_payment.pk])).status_code == 404
    url = reverse("membership:receipt", args=[other_payment.pk])
    assert client.get(f"{url}?format=txt").status_code == 404


def test_receipt_names_the_charity_amount_and_period(client, member):
    payment, _ = record_payment(
        member,
        amount_pence=1050,
        paid_on=datetime.date(2026, 5, 4),
        method=PaymentMethod.CHEQUE,
        source=PaymentSource.OFFLINE,
        idempotency_key="receipt-test",
        today=datetime.date(2026, 5, 4),
        send_receipt=False,
    )
    url = reverse("membership:receipt", args=[payment.pk])
    page = client.get(url).content.decode()
    for expected in ("Peru Support Group", "1 Example Street", "1234567", "£10.50", "4 May 2026"):
        assert expected in page
    assert str(PaymentMethod.CHEQUE.label) in page
    assert member.number in page
    assert f"{payment.period_start:%-d %B %Y} – {payment.period_end:%-d %B %Y}" in page

    text = client.get(f"{url}?format=txt")
    assert text["Content-Type"].startswith("text/plain")
    assert text["Content-Disposition"] == f'attachment; filename="receipt-{member.number}-{payment.pk}.txt"'
    body = text.content.decode()
    assert "Registered charity number 1234567" in body
    assert "Amount: £10.50" in body


def test_plan_change_applies_from_the_next_renewal(client, member):
    concession = make_plan(name="Concession", slug="concession", price_pence=1000)
    response = client.post(reverse("membership:change_plan"), {"plan": concession.pk})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.plan.slug == "individual"
    assert member.next_plan == concession
    event = events(member, "next_plan").get()
    assert event.actor_label == "member"
    assert "Changing to Concession" in client.get(ACCOUNT).content.decode()

    record_payment(
        member,
        amount_pence=1000,
        paid_on=timezone.localdate(),
        method=PaymentMethod.STANDING_ORDER,
        source=PaymentSource.OFFLINE,
        idempotency_key="renewal",
        send_receipt=False,
    )
    member.refresh_from_db()
    assert member.plan == concession
    assert member.next_plan is None


def test_choosing_the_current_plan_withdraws_a_pending_change(client, member):
    concession = make_plan(name="Concession", slug="concession", price_pence=1000)
    client.post(reverse("membership:change_plan"), {"plan": concession.pk})
    client.post(reverse("membership:change_plan"), {"plan": member.plan.pk})
    member.refresh_from_db()
    assert member.next_plan is None
    assert events(member, "next_plan").count() == 2


def test_inactive_plan_cannot_be_chosen(client, member):
    closed = make_plan(name="Old", slug="old", is_active=False)
    response = client.post(reverse("membership:change_plan"), {"plan": closed.pk})
    assert response.status_code == 400
    member.refresh_from_db()
    assert member.next_plan is None


def test_payment_method_change_is_logged(client, member):
    client.post(reverse("membership:change_payment_method"), {"payment_method": PaymentMethod.CHEQUE})
    member.refresh_from_db()
    assert member.payment_method == PaymentMethod.CHEQUE
    assert events(member, "payment_method").get().changes == {
        "payment_method": [PaymentMethod.STANDING_ORDER, PaymentMethod.CHEQUE]
    }


def address(**overrides):
    return {
        "address_line_1": "5 New Road",
        "address_line_2": "",
        "town": "Leeds",
        "county": "",
        "postcode": "ls11ub",
        "country": "GB",
        **overrides,
    }


def test_address_update_normalises_the_postcode(client, member):
    response = client.post(reverse("membership:update_address"), address())
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.address_line_1, member.town, member.postcode) == ("5 New Road", "Leeds", "LS1 1UB")
    assert events(member, "address").get().changes["postcode"] == ["N1 9GU", "LS1 1UB"]


def test_bad_postcode_is_reported_next_to_the_field_and_nothing_is_saved(client, member):
    response = client.post(reverse("membership:update_address"), address(postcode="NOT A CODE"))
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    field = soup.find("input", {"name": "postcode"})
    error = soup.find(id=f"{field['id']}_error")
    assert "UK postcode" in error.get_text()
    assert f"{field['id']}_error" in field["aria-describedby"]
    assert field["value"] == "NOT A CODE"
    member.refresh_from_db()
    assert member.postcode == "N1 9GU"
    assert member.town == "London"


def test_overseas_address_needs_no_uk_postcode(client, member):
    client.post(reverse("membership:update_address"), address(country="PE", postcode="15074", town="Lima"))
    member.refresh_from_db()
    assert (member.country, member.postcode) == ("PE", "15074")


def test_bulletin_consent_subscribes_and_withdrawal_unsubscribes(client, member):
    client.post(reverse("membership:update_consents"), {"bulletin_consent": "on"})
    member.refresh_from_db()
    subscriber = Subscriber.objects.get(email="rosa@example.org")
    assert member.bulletin_consent
    assert subscriber.status == SubscriberStatus.SUBSCRIBED

    client.post(reverse("membership:update_consents"), {})
    member.refresh_from_db()
    subscriber.refresh_from_db()
    assert not member.bulletin_consent
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert subscriber.consent_events.last().cause == ConsentCause.MEMBER_AREA
    assert [e.changes["bulletin_consent"] for e in events(member, "bulletin_consent").order_by("pk")] == [
        [False, True],
        [True, False],
    ]


def test_member_who_unsubscribed_by_link_can_opt_in_again(client, member):

    subscriber = subscriber_services.subscribe_member(member.email)
    subscriber_services.unsubscribe(subscriber)
    client.post(reverse("membership:update_consents"), {"bulletin_consent": "on"})
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.SUBSCRIBED
    assert subscriber.consent_events.last().cause == ConsentCause.MEMBER_AREA


def test_bounced_address_stays_off_the_list_and_the_member_is_told(client, member):

    subscriber_services.subscribe_member(member.email)
    subscriber_services.record_provider_event(member.email, "bounced")
    response = client.post(reverse("membership:update_consents"), {"bulletin_consent": "on"}, follow=True)
    assert Subscriber.objects.get(email=member.email).status == SubscriberStatus.BOUNCED
    assert "could not be delivered" in response.content.decode()


def test_gift_aid_on_records_hmrc_wording_and_a_snapshot(client, member, charity):
    page = client.get(reverse("membership:gift_aid")).content.decode()
    assert "Peru Support Group" in page
    assert "UK taxpayer" in page
    assert client.post(reverse("membership:gift_aid"), {}).status_code == 400
    assert not GiftAidDeclaration.objects.exists()

    client.post(reverse("membership:gift_aid"), {"confirm": "on"})
    declaration = GiftAidDeclaration.objects.get(member=member)
    assert declaration.wording_version == gift_aid.WORDING_VERSION
    assert declaration.wording == gift_aid.declaration_wording("Peru Support Group")
    assert declaration.source == DeclarationSource.MEMBER_AREA
    assert (declaration.first_name, declaration.postcode) == ("Rosa", "N1 9GU")
    assert "12 Acacia Avenue" in declaration.address
    assert events(member, "gift_aid_declared").get().actor_label == "member"


def test_gift_aid_needs_a_uk_address(client, member):
    member.country, member.postcode = "PE", "15074"
    member.save()
    response = client.post(reverse("membership:gift_aid"), {"confirm": "on"})
    assert response.status_code == 400
    assert "UK home address" in response.content.decode()
    assert not GiftAidDeclaration.objects.exists()


def test_gift_aid_off_records_the_cancellation_and_keeps_the_declaration(client, member):
    declaration = GiftAidDeclarationFactory(member=member, source=DeclarationSource.JOIN_FORM)
    client.post(reverse("membership:gift_aid"), {"confirm": "on"})
    declaration.refresh_from_db()
    assert declaration.cancelled_at is not None
    assert declaration.cancellation_source == DeclarationSource.MEMBER_AREA
    assert member.active_gift_aid_declaration is None
    assert events(member, "gift_aid_cancelled").get().actor_label == "member"
    assert "Gift Aid is off (you cancelled your declaration on" in client.get(ACCOUNT).content.decode()


def test_data_export_holds_everything_about_the_member(client, member, someone_else):
    make_payment(member=member, amount_pence=2500, reference="SO ROSA")
    make_payment(member=someone_else, amount_pence=6000, reference="OTHER")
    GiftAidDeclarationFactory(member=member)
    client.post(reverse("membership:update_consents"), {"bulletin_consent": "on"})

    response = client.get(reverse("membership:data_export"))
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == f'attachment; filename="membership-data-{member.number}.json"'
    data = json.loads(response.content)
    assert data["member"]["email"] == "rosa@example.org"
    assert data["member"]["number"] == member.number
    assert data["member"]["plan"] == "Individual"
    assert [(p["amount_pence"], p["reference"]) for p in data["payments"]] == [(2500, "SO ROSA")]
    assert data["gift_aid_declarations"][0]["wording"] == "I am a UK taxpayer."
    assert {"bulletin_consent"} <= {event["action"] for event in data["history"]}
    assert data["bulletin_subscription"]["consent_events"][0]["cause"] == ConsentCause.MEMBER_CONSENT
    assert "tomas" not in response.content.decode().lower()


def test_cancel_needs_confirmation(client, member):
    url = reverse("membership:cancel")
    assert client.post(url, {}).status_code == 400
    member.refresh_from_db()
    assert member.status == MembershipStatus.ACTIVE

    client.post(url, {"confirm": "on"})
    member.refresh_from_db()
    assert member.status == MembershipStatus.CANCELLED
    assert events(member, "status").get().actor_label == "member"


@responses.activate
def test_cancel_stops_the_card_subscription(client, member, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_dummy"
    member.payment_method = PaymentMethod.CARD_SUBSCRIPTION
    member.stripe_subscription_id = "sub_123"
    member.save()
    stripe_call = responses.delete(
        "https://api.stripe.com/v1/subscriptions/sub_123",
        json={"id": "sub_123", "object": "subscription", "status": "canceled"},
    )
    client.post(reverse("membership:cancel"), {"confirm": "on"})
    member.refresh_from_db()
    assert member.status == MembershipStatus.CANCELLED
    assert stripe_call.call_count == 1
    assert events(member, "stripe_subscription").get().note == "card subscription cancelled"


@responses.activate
def test_cancel_is_kept_and_flagged_when_stripe_fails(client, member, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_dummy"
    member.stripe_subscription_id = "sub_456"
    member.save()
    responses.delete(
        "https://api.stripe.com/v1/subscriptions/sub_456",
        status=404,
        json={"error": {"type": "invalid_request_error", "message": "No such subscription"}},
    )
    client.post(reverse("membership:cancel"), {"confirm": "on"})
    member.refresh_from_db()
    assert member.status == MembershipStatus.CANCELLED
    assert "cancel the subscription in Stripe" in events(member, "stripe_subscription").get().note


def test_pages_are_in_spanish_under_es(client, member):
    response = client.get("/es/members/")
    assert response.status_code == 200
    assert '<html lang="es">' in response.content.decode()


def test_card_methods_are_offered_only_when_card_payments_work(client, member, settings):
    settings.STRIPE_SECRET_KEY = ""
    url = reverse("membership:change_payment_method")
    page = client.get(url).content.decode()
    assert "Card, once a year" not in page
    assert "renewing automatically" not in page
    response = client.post(url, {"payment_method": PaymentMethod.CARD})
    assert response.status_code == 400
    member.refresh_from_db()
    assert member.payment_method == PaymentMethod.STANDING_ORDER
    settings.STRIPE_SECRET_KEY = "sk_test_dummy"
    assert "Card, once a year" in client.get(url).content.decode()
