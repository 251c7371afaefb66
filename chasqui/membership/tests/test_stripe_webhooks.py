"""Stripe webhooks: signed by the Stripe library as Stripe signs them; each event processed once."""

import datetime
import json
import time

import pytest
import stripe
from django.utils import timezone

from chasqui.core.testing.smtp import (
    text_body,
)
from chasqui.membership.choices import MembershipStatus, PaymentMethod, PaymentSource
from chasqui.membership.models import Member, MemberEvent, Payment, StripeEvent

from .factories import MemberFactory, PlanFactory

WEBHOOK_URL = "/membership/stripe/webhook/"
SECRET = "whsec_test_secret"


@pytest.fixture(autouse=True)
def stripe_keys(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    settings.STRIPE_WEBHOOK_SECRET = SECRET


@pytest.fixture
def member(db):
    plan = PlanFactory(name="Individual", slug="individual", price_pence=2500)
    return MemberFactory(plan=plan, payment_method=PaymentMethod.CARD, email="card@example.org")


def send(client, event, secret=SECRET, timestamp=None):
    payload = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp=timestamp)
    return client.post(WEBHOOK_URL, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)


def event(event_id, event_type, obj):
    return {
        "id": event_id,
        "object": "event",
        "type": event_type,
        "created": int(time.time()),
        "data": {"object": obj},
    }


def checkout_paid(member, **overrides):
    session = {
        "id": "cs_test_1",
        "object": "checkout.session",
        "mode": "payment",
        "payment_status": "paid",
        "amount_total": 2500,
        "client_reference_id": str(member.pk),
        "customer": "cus_1",
        "payment_intent": "pi_1",
        "metadata": {"member_id": str(member.pk), "member_number": member.number},
    }
    session.update(overrides)
    return session


def invoice(member_id=None, **overrides):
    obj = {
        "id": "in_2",
        "object": "invoice",
        "customer": "cus_1",
        "amount_paid": 2500,
        "attempt_count": 1,
        "parent": {
            "type": "subscription_details",
            "subscription_details": {
                "subscription": "sub_1",
                "metadata": {"member_id": str(member_id)} if member_id else {},
            },
        },
    }
    obj.update(overrides)
    return obj


@pytest.mark.django_db
def test_signed_checkout_completed_activates_the_member(
    client,
    member,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, event("evt_1", "checkout.session.completed", checkout_paid(member)))
    member.refresh_from_db()
    payment = Payment.objects.get()
    assert response.status_code == 200
    assert member.status == MembershipStatus.ACTIVE
    assert member.stripe_customer_id == "cus_1"
    assert (payment.amount_pence, payment.source, payment.stripe_payment_id) == (
        2500,
        PaymentSource.STRIPE,
        "pi_1",
    )
    assert payment.idempotency_key == "stripe:pi:pi_1"
    assert StripeEvent.objects.get(event_id="evt_1").outcome == "payment recorded"
    [receipt] = smtp_server.messages_to("card@example.org")
    assert "£25" in receipt["Subject"]
    assert member.number in text_body(receipt)


@pytest.mark.django_db
def test_replayed_event_changes_nothing(client, member):
    body = event("evt_1", "checkout.session.completed", checkout_paid(member))
    send(client, body)
    member.refresh_from_db()
    expiry, events = member.expires_on, MemberEvent.objects.count()

    response = send(client, body)
    member.refresh_from_db()
    assert response.status_code == 200
    assert response.content == b"already processed"
    assert Payment.objects.count() == 1
    assert StripeEvent.objects.count() == 1
    assert member.expires_on == expiry
    assert MemberEvent.objects.count() == events


@pytest.mark.django_db
def test_same_payment_in_a_different_event_is_recorded_once(client, member):
    send(client, event("evt_1", "checkout.session.completed", checkout_paid(member)))
    send(client, event("evt_2", "checkout.session.completed", checkout_paid(member)))
    assert Payment.objects.count() == 1
    assert StripeEvent.objects.get(event_id="evt_2").outcome == "payment already recorded"


@pytest.mark.django_db
def test_bad_signature_is_rejected_and_nothing_recorded(client, member):
    response = send(
        client, event("evt_1", "checkout.session.completed", checkout_paid(member)), secret="whsec_wrong"
    )
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()
    member.refresh_from_db()
    assert member.status == MembershipStatus.PENDING


@pytest.mark.django_db
def test_old_signature_is_rejected(client, member):
    body = event("evt_1", "checkout.session.completed", checkout_paid(member))
    assert send(client, body, timestamp=int(time.time()) - 3600).status_code == 400


@pytest.mark.django_db
def test_missing_signature_and_garbage_are_rejected(client):
    assert client.post(WEBHOOK_URL, "{}", content_type="application/json").status_code == 400
    assert client.post(WEBHOOK_URL, "not json", content_type="application/json").status_code == 400


@pytest.mark.django_db
def test_webhooks_refused_when_no_secret_is_configured(client, member, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    response = send(client, event("evt_1", "checkout.session.completed", checkout_paid(member)), secret="")
    assert response.status_code == 400
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_unknown_event_is_acknowledged_and_logged(client):
    response = send(client, event("evt_9", "customer.created", {"id": "cus_9", "object": "customer"}))
    assert response.status_code == 200
    logged = StripeEvent.objects.get(event_id="evt_9")
    assert logged.type == "customer.created"
    assert logged.outcome.startswith("ignored")


@pytest.mark.django_db
def test_unpaid_checkout_does_not_activate(client, member):
    send(client, event("evt_1", "checkout.session.completed", checkout_paid(member, payment_status="unpaid")))
    member.refresh_from_db()
    assert member.status == MembershipStatus.PENDING
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_subscription_checkout_and_its_first_invoice_record_the_money_once(client, member):
    session = checkout_paid(
        member, mode="subscription", payment_intent=None, subscription="sub_1", invoice="in_1"
    )
    send(client, event("evt_1", "checkout.session.completed", session))
    send(client, event("evt_2", "invoice.paid", invoice(id="in_1")))
    member.refresh_from_db()
    assert member.status == MembershipStatus.ACTIVE
    assert member.payment_method == PaymentMethod.CARD_SUBSCRIPTION
    assert (member.stripe_customer_id, member.stripe_subscription_id) == ("cus_1", "sub_1")
    assert Payment.objects.get().idempotency_key == "stripe:invoice:in_1"


@pytest.mark.django_db
def test_first_invoice_arriving_before_the_checkout_event_finds_the_member(client, member):
    send(client, event("evt_2", "invoice.paid", invoice(member.pk, id="in_1")))
    member.refresh_from_db()
    assert member.status == MembershipStatus.ACTIVE
    assert member.stripe_subscription_id == "sub_1"
    session = checkout_paid(
        member, mode="subscription", payment_intent=None, subscription="sub_1", invoice="in_1"
    )
    send(client, event("evt_1", "checkout.session.completed", session))
    assert Payment.objects.count() == 1


@pytest.mark.django_db
def test_invoice_paid_extends_a_subscribers_membership(client, member):
    expiry = timezone.localdate() + datetime.timedelta(days=3)
    Member.objects.filter(pk=member.pk).update(
        status=MembershipStatus.ACTIVE,
        expires_on=expiry,
        payment_method=PaymentMethod.CARD_SUBSCRIPTION,
        stripe_customer_id="cus_1",
        stripe_subscription_id="sub_1",
    )
    response = send(client, event("evt_3", "invoice.paid", invoice()))
    member.refresh_from_db()
    assert response.status_code == 200
    assert member.expires_on == expiry.replace(year=expiry.year + 1)
    payment = Payment.objects.get()
    assert (payment.stripe_payment_id, payment.method) == ("in_2", PaymentMethod.CARD_SUBSCRIPTION)


@pytest.mark.django_db
def test_invoice_paid_in_the_older_api_shape_finds_the_member(client, member):
    Member.objects.filter(pk=member.pk).update(stripe_subscription_id="sub_old")
    send(client, event("evt_3", "invoice.paid", invoice(parent=None, subscription="sub_old")))
    member.refresh_from_db()
    assert member.status == MembershipStatus.ACTIVE


@pytest.mark.django_db
def test_payment_failed_is_logged_and_the_member_told(
    client,
    member,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    Member.objects.filter(pk=member.pk).update(
        status=MembershipStatus.ACTIVE,
        expires_on=timezone.localdate(),
        payment_method=PaymentMethod.CARD_SUBSCRIPTION,
        stripe_subscription_id="sub_1",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, event("evt_4", "invoice.payment_failed", invoice(amount_paid=0)))
    assert response.status_code == 200
    assert MemberEvent.objects.filter(member=member, action="payment_failed").exists()
    [message] = smtp_server.messages_to("card@example.org")
    assert "/members/renew/" in text_body(message)
    member.refresh_from_db()
    assert member.status == MembershipStatus.ACTIVE
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_subscription_deleted_switches_to_manual_renewal_without_ending_membership(client, member):
    expiry = timezone.localdate() + datetime.timedelta(days=100)
    Member.objects.filter(pk=member.pk).update(
        status=MembershipStatus.ACTIVE,
        expires_on=expiry,
        payment_method=PaymentMethod.CARD_SUBSCRIPTION,
        stripe_subscription_id="sub_1",
    )
    response = send(
        client, event("evt_5", "customer.subscription.deleted", {"id": "sub_1", "object": "subscription"})
    )
    member.refresh_from_db()
    assert response.status_code == 200
    assert member.payment_method == PaymentMethod.CARD
    assert member.stripe_subscription_id == ""
    assert (member.status, member.expires_on) == (MembershipStatus.ACTIVE, expiry)
    assert MemberEvent.objects.filter(member=member, action="stripe_subscription").exists()


@pytest.mark.django_db
def test_a_failure_while_processing_leaves_no_trace_so_stripe_can_retry(client, member, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database trouble")

    monkeypatch.setattr("chasqui.membership.billing.services.record_payment", broken)
    client.raise_request_exception = False
    response = send(client, event("evt_1", "checkout.session.completed", checkout_paid(member)))
    assert response.status_code == 500
    assert not StripeEvent.objects.exists()
    member.refresh_from_db()
    assert member.stripe_customer_id == ""


@pytest.mark.parametrize(
    "malformed",
    [
        {"type": "invoice.paid", "data": {"object": {}}},
        {"id": "evt_no_data", "type": "checkout.session.completed"},
        {"id": "evt_no_object", "type": "invoice.paid", "data": {"object": "in_1"}},
        {
            "id": "evt_bad_invoice",
            "type": "invoice.paid",
            "data": {"object": {"amount_paid": 2500, "customer": "cus_1"}},
        },
        ["not", "an", "event"],
    ],
)
def test_signed_but_malformed_event_is_refused_with_a_logged_reason_and_nothing_written(
    client, member, malformed, caplog
):
    member.stripe_customer_id = "cus_1"
    member.save()
    response = send(client, malformed)
    assert response.status_code == 400
    assert StripeEvent.objects.count() == 0
    assert Payment.objects.count() == 0
    assert "Rejected a signed Stripe event" in caplog.text
