"""Erasure on request: personal data gone everywhere, the accounts' records kept anonymised."""

import datetime
import json

import pytest
from django.db import models
from django.urls import reverse
from wagtail.models import ModelLogEntry

from chasqui.membership.account import services as account_services
from chasqui.membership.account import signin
from chasqui.membership.account.erasure import erase_member
from chasqui.membership.billing.services import record_payment
from chasqui.membership.choices import MembershipStatus, PaymentMethod, PaymentSource, ReminderKind
from chasqui.membership.history import log_event
from chasqui.membership.models import (
    GiftAidDeclaration,
    Member,
    MemberEvent,
    Payment,
    Reminder,
    SignInCode,
    StripeEvent,
    model_options,
)
from chasqui.membership.tests.factories import GiftAidDeclarationFactory, make_member
from chasqui.subscribers.choices import SubscriberStatus
from chasqui.subscribers.models import ConsentEvent, Subscriber

pytestmark = pytest.mark.django_db

PERSONAL = {
    "email": "rosa.quispe@example.org",
    "first_name": "Rosalinda",
    "last_name": "Quispeño",
    "address_line_1": "27 Marigold Terrace",
    "address_line_2": "Flat Nine",
    "town": "Wolverhampton",
    "county": "West Midlands",
    "postcode": "WV1 1AA",
}


@pytest.fixture
def member(site_tree):
    member = make_member(active=True, notes="Prefers phone calls; daughter also a member", **PERSONAL)
    member.stripe_customer_id = "cus_123"
    member.save()
    record_payment(
        member,
        amount_pence=2500,
        paid_on=datetime.date(2026, 1, 10),
        method=PaymentMethod.STANDING_ORDER,
        source=PaymentSource.OFFLINE,
        reference="R QUISPEÑO SO",
        idempotency_key="erasure-payment-1",
        send_receipt=False,
    )
    GiftAidDeclarationFactory(
        member=member, address="27 Marigold Terrace\nFlat Nine\nWolverhampton", postcode="WV1 1AA"
    )
    account_services.update_address(member, {**PERSONAL, "address_line_1": "28 Marigold Terrace"})
    account_services.update_address(member, {**PERSONAL, "address_line_1": "27 Marigold Terrace"})
    account_services.set_bulletin_consent(Member.objects.get(pk=member.pk), True)
    log_event(member, "note", actor_label="secretary", note="Rosalinda phoned about WV1 1AA")
    Reminder.objects.create(
        member=member, kind=ReminderKind.RENEW_30_DAYS, period_expires_on=member.expires_on
    )
    signin.issue_code(member)
    StripeEvent.objects.create(
        event_id="evt_erasure",
        type="checkout.session.completed",
        payload={
            "id": "evt_erasure",
            "data": {
                "object": {
                    "customer": "cus_123",
                    "customer_details": {"email": PERSONAL["email"], "name": "Rosalinda Quispeño"},
                    "metadata": {"member_id": str(member.pk), "member_number": member.number},
                    "amount_total": 2500,
                }
            },
        },
    )
    StripeEvent.objects.create(event_id="evt_other", type="invoice.paid", payload={"customer": "cus_999"})
    ModelLogEntry.objects.log_action(member, "wagtail.edit")
    return Member.objects.get(pk=member.pk)


def text_values(instance):
    """Every text (and JSON) value stored on a row."""
    for field in model_options(type(instance)).concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(field, models.JSONField):
            yield json.dumps(value, ensure_ascii=False)
        elif isinstance(value, str):
            yield value


def all_related_rows(member_pk, subscriber_pk):
    member = Member.objects.get(pk=member_pk)
    rows = [member]
    rows += list(Payment.objects.filter(member=member))
    rows += list(GiftAidDeclaration.objects.filter(member=member))
    rows += list(MemberEvent.objects.filter(member=member))
    rows += list(Reminder.objects.filter(member=member))
    rows += list(SignInCode.objects.filter(member=member))
    rows += list(Subscriber.objects.filter(pk=subscriber_pk))
    rows += list(ConsentEvent.objects.filter(subscriber_id=subscriber_pk))
    rows += list(StripeEvent.objects.all())
    rows += list(ModelLogEntry.objects.filter(object_id=str(member_pk)))
    return rows


def test_nothing_personal_remains_after_erasure(member):
    subscriber = Subscriber.objects.get(email=PERSONAL["email"])
    rows_before = all_related_rows(member.pk, subscriber.pk)
    assert any(PERSONAL["email"] in value for row in rows_before for value in text_values(row))

    erase_member(member)

    for row in all_related_rows(member.pk, subscriber.pk):
        for value in text_values(row):
            for personal in [*PERSONAL.values(), "Marigold", "Prefers phone calls"]:
                assert personal.lower() not in value.lower(), (row, value)


def test_erasure_keeps_payments_and_declaration_dates(member):
    declaration = member.gift_aid_declarations.get()
    payment = member.payments.get()
    erased = erase_member(member)

    assert erased.erased_at is not None
    assert erased.status == MembershipStatus.CANCELLED
    assert erased.email == f"erased-{member.pk}@invalid.example"
    assert erased.number == member.number
    assert (erased.first_name, erased.address_line_1, erased.postcode, erased.stripe_customer_id) == (
        "Erased",
        "",
        "",
        "",
    )

    kept_payment = Payment.objects.get(pk=payment.pk)
    assert (kept_payment.amount_pence, kept_payment.paid_on, kept_payment.method) == (
        2500,
        datetime.date(2026, 1, 10),
        PaymentMethod.STANDING_ORDER,
    )
    assert kept_payment.reference == "R [erased] SO"
    assert kept_payment.period_end == payment.period_end

    kept_declaration = GiftAidDeclaration.objects.get(pk=declaration.pk)
    assert kept_declaration.declared_at == declaration.declared_at
    assert kept_declaration.wording_version == declaration.wording_version
    assert kept_declaration.wording == declaration.wording
    assert kept_declaration.cancelled_at is not None
    assert (kept_declaration.first_name, kept_declaration.address, kept_declaration.postcode) == (
        "Erased",
        "",
        "",
    )

    assert SignInCode.objects.filter(member=member).count() == 0
    assert Reminder.objects.filter(member=member).count() == 1
    assert MemberEvent.objects.filter(member=member, action="erased").exists()

    stripe_payload = StripeEvent.objects.get(event_id="evt_erasure").payload["data"]["object"]
    assert stripe_payload["amount_total"] == 2500
    assert stripe_payload["customer_details"] is None
    assert StripeEvent.objects.get(event_id="evt_other").payload == {"customer": "cus_999"}


def test_erasure_unsubscribes_the_bulletin_address(member):
    subscriber = Subscriber.objects.get(email=PERSONAL["email"])
    erase_member(member)
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert subscriber.email == f"erased-subscriber-{subscriber.pk}@invalid.example"
    assert subscriber.name == ""
    assert subscriber.consent_events.last().to_status == SubscriberStatus.UNSUBSCRIBED


def test_erasing_twice_changes_nothing(member):
    first = erase_member(member)
    events = MemberEvent.objects.filter(member=member).count()
    second = erase_member(first)
    assert second.erased_at == first.erased_at
    assert MemberEvent.objects.filter(member=member).count() == events


def test_erase_page_needs_confirmation_then_signs_the_member_out(client, member, mailoutbox):
    session = client.session
    session.update(signin.session_values(member))
    session.save()
    url = reverse("membership:erase")

    assert client.post(url, {}).status_code == 400
    member.refresh_from_db()
    assert member.erased_at is None

    response = client.post(url, {"confirm": "on"})
    assert response["Location"] == reverse("membership:erased")
    assert signin.SESSION_KEY not in client.session
    member.refresh_from_db()
    assert member.erased_at is not None
    assert client.get(reverse("membership:account")).status_code == 302

    client.post(reverse("membership:sign_in"), {"email": PERSONAL["email"]})
    assert mailoutbox == []
