"""Money: recording payments (offline, imported or from Stripe) and the member's card details.

Every change goes through a function here, inside one transaction, and leaves a MemberEvent;
the Stripe webhooks only parse and verify events, then call these.
"""

import logging

import stripe
from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import emails
from ..choices import MemberAction, MembershipStatus, PaymentMethod
from ..history import iso, log_event, set_status, staff_user
from ..member_calendar import new_period
from ..models import Member, Payment
from . import stripe_client

logger = logging.getLogger(__name__)

STRIPE = "Stripe"
SYSTEM = "system"


def record_payment(
    member,
    *,
    amount_pence,
    paid_on,
    method,
    source,
    idempotency_key,
    reference="",
    stripe_payment_id="",
    recorded_by=None,
    actor_label="",
    today=None,
    send_receipt=True,
):
    """Record money received and extend the membership; returns (payment, created).

    A second call with the same idempotency key returns the first payment and changes nothing.
    """
    today = today or timezone.localdate()
    existing = Payment.objects.filter(idempotency_key=idempotency_key).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            payment = _extend_membership(
                Member.objects.select_for_update().get(pk=member.pk),
                today=today,
                recorded_by=recorded_by,
                actor_label=actor_label,
                payment_fields={
                    "amount_pence": amount_pence,
                    "paid_on": paid_on,
                    "method": method,
                    "source": source,
                    "reference": reference,
                    "idempotency_key": idempotency_key,
                    "stripe_payment_id": stripe_payment_id,
                },
            )
            if send_receipt:
                transaction.on_commit(lambda: emails.send_receipt(payment.pk))
    except IntegrityError:
        # A concurrent call with the same key won the race.
        return Payment.objects.get(idempotency_key=idempotency_key), False
    return payment, True


def _extend_membership(member, *, today, recorded_by, actor_label, payment_fields):
    """The payment row, a pending plan change applied, one more period, and the member active."""
    if member.next_plan_id:
        log_event(
            member,
            MemberAction.PLAN,
            actor=recorded_by,
            actor_label=actor_label,
            changes={"plan": [member.plan_id, member.next_plan_id]},
            note="plan change applied on renewal",
        )
        member.plan_id, member.next_plan_id = member.next_plan_id, None
    period_start, period_end = new_period(member, today)
    payment = Payment.objects.create(
        member=member,
        plan_id=member.plan_id,
        period_start=period_start,
        period_end=period_end,
        recorded_by=staff_user(recorded_by),
        **payment_fields,
    )
    log_event(
        member,
        MemberAction.PAYMENT,
        actor=recorded_by,
        actor_label=actor_label,
        changes={"expires_on": [iso(member.expires_on), iso(period_end)]},
        note=f"{payment.amount_pounds} by {PaymentMethod(payment.method).label}",
    )
    member.expires_on = period_end
    set_status(member, MembershipStatus.ACTIVE, actor=recorded_by, actor_label=actor_label)
    member.save()
    return payment


def offline_payment_key(member, paid_on, amount_pence, reference):
    """Same member, day, amount and reference: the same payment recorded twice by mistake."""
    return f"offline:{member.pk}:{paid_on.isoformat()}:{amount_pence}:{reference.strip().lower()}"


# Card details Stripe tells us about (called by the webhooks, inside their transaction).


def member_for_stripe(*, member_id=None, subscription_id="", customer_id=""):
    """The member (locked) a Stripe object is about: by subscription, then our id, then customer."""
    members = Member.objects.select_for_update()
    if subscription_id and (member := members.filter(stripe_subscription_id=subscription_id).first()):
        return member
    if member_id and (member := members.filter(pk=member_id).first()):
        return member
    if customer_id:
        return members.filter(stripe_customer_id=customer_id).order_by("-pk").first()
    return None


def start_card_subscription(member, *, customer_id, subscription_id, note=""):
    """The member now renews automatically by card; `note` (if any) goes in the history."""
    member.stripe_customer_id = customer_id or member.stripe_customer_id
    member.stripe_subscription_id = subscription_id
    member.payment_method = PaymentMethod.CARD_SUBSCRIPTION
    member.save(
        update_fields=["stripe_customer_id", "stripe_subscription_id", "payment_method", "updated_at"]
    )
    if note:
        log_event(member, MemberAction.STRIPE_SUBSCRIPTION, actor_label=STRIPE, note=note)
    return member


def note_card_payment(member, *, customer_id):
    """A one-off card payment: the member pays by card (unless a subscription does it for them)."""
    if not member.stripe_subscription_id:
        member.payment_method = PaymentMethod.CARD
    member.stripe_customer_id = customer_id or member.stripe_customer_id
    member.save(update_fields=["payment_method", "stripe_customer_id", "updated_at"])
    return member


def note_card_payment_failed(member, *, invoice_id, attempt):
    log_event(
        member,
        MemberAction.PAYMENT_FAILED,
        actor_label=STRIPE,
        note=f"card payment failed (invoice {invoice_id}, attempt {attempt})",
    )
    transaction.on_commit(lambda: emails.send_payment_failed(member.pk))


def end_card_subscription(member):
    """Stripe ended the subscription: the member renews by hand, by card, from now on."""
    log_event(
        member,
        MemberAction.STRIPE_SUBSCRIPTION,
        actor_label=STRIPE,
        changes={"payment_method": [member.payment_method, PaymentMethod.CARD]},
        note="card subscription ended; the member renews by hand from now on",
    )
    member.stripe_subscription_id = ""
    member.payment_method = PaymentMethod.CARD
    member.save(update_fields=["stripe_subscription_id", "payment_method", "updated_at"])
    return member


def stop_card_subscription(member, *, actor_label="member"):
    """Stripe is told after the cancellation is saved; a failure is logged for the secretary to follow up."""
    if not stripe_client.is_configured():
        log_event(
            member,
            MemberAction.STRIPE_SUBSCRIPTION,
            actor_label=SYSTEM,
            note="card payments are not configured; cancel the subscription in Stripe by hand",
        )
        return False
    try:
        stripe_client.cancel_subscription(member.stripe_subscription_id)
    except stripe.StripeError:
        logger.exception("Could not cancel Stripe subscription for member %s", member.pk)
        log_event(
            member,
            MemberAction.STRIPE_SUBSCRIPTION,
            actor_label=SYSTEM,
            note="Stripe did not confirm the cancellation; cancel the subscription in Stripe",
        )
        return False
    log_event(
        member, MemberAction.STRIPE_SUBSCRIPTION, actor_label=actor_label, note="card subscription cancelled"
    )
    return True
