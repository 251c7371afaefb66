"""Stripe webhooks: each signed event is recorded and processed once, in one transaction with the
payments and status changes it causes. A replay finds the event already recorded and changes nothing.

This module only verifies, parses and routes events; the changes to members are billing.services'.
"""

import datetime
import json
import logging

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..choices import PaymentMethod, PaymentSource
from ..models import StripeEvent
from . import services

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    if not settings.STRIPE_WEBHOOK_SECRET:
        # Without a secret nothing can be verified, so nothing is accepted.
        return HttpResponseBadRequest("webhooks are not configured")
    payload = request.body
    try:
        stripe.WebhookSignature.verify_header(
            payload.decode("utf-8"),
            request.headers.get("Stripe-Signature", ""),
            settings.STRIPE_WEBHOOK_SECRET,
            stripe.Webhook.DEFAULT_TOLERANCE,
        )
        event = json.loads(payload)
    except (ValueError, stripe.SignatureVerificationError):
        logger.warning("Rejected a Stripe webhook with a bad signature or payload")
        return HttpResponseBadRequest("bad signature or payload")
    problem = malformation(event)
    if problem is None:
        try:
            outcome = process_event(event)
        except (KeyError, TypeError, ValueError, AttributeError) as error:  # rolled back: nothing written
            problem = f"{type(error).__name__}: {error}"
    if problem is not None:
        logger.warning("Rejected a signed Stripe event %s: %s", _event_id(event), problem)
        return HttpResponseBadRequest("malformed event")
    logger.info("Stripe event %s (%s): %s", event.get("id"), event.get("type"), outcome)
    return HttpResponse(outcome, content_type="text/plain")


def _event_id(event):
    return event.get("id") if isinstance(event, dict) else None


def malformation(event):
    """Why a (validly signed) event cannot be processed, or None: it needs an id, a type and an
    object. Such an event is refused before anything is written."""
    if not isinstance(event, dict):
        return "not an object"
    if not isinstance(event.get("id"), str) or not event["id"]:
        return "no id"
    if not isinstance(event.get("type"), str):
        return "no type"
    data = event.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
        return "no data.object"
    return None


def process_event(event):
    """Record the event and act on it in one transaction; returns a short outcome for the log."""
    try:
        with transaction.atomic():
            record = StripeEvent.objects.create(
                event_id=event["id"], type=event.get("type", ""), payload=event
            )
            handler = HANDLERS.get(record.type)
            outcome = handler(event["data"]["object"], event) if handler else "ignored: not handled"
            record.outcome = outcome[:200]
            record.save(update_fields=["outcome"])
    except IntegrityError:
        if StripeEvent.objects.filter(event_id=event["id"]).exists():
            return "already processed"
        raise
    return outcome


def _event_date(event):
    created = event.get("created")
    if not created:
        return timezone.localdate()
    return timezone.localdate(datetime.datetime.fromtimestamp(created, tz=datetime.UTC))


def _member_id_from(metadata):
    try:
        return int((metadata or {}).get("member_id"))
    except (TypeError, ValueError):
        return None


def _subscription_of(invoice):
    """The invoice's subscription id and metadata, in both the older and the current API shapes."""
    details = ((invoice.get("parent") or {}).get("subscription_details")) or {}
    subscription = invoice.get("subscription") or details.get("subscription") or ""
    if isinstance(subscription, dict):
        subscription = subscription.get("id", "")
    metadata = details.get("metadata") or invoice.get("subscription_details", {}).get("metadata") or {}
    if not metadata:
        for line in (invoice.get("lines") or {}).get("data", []):
            if line.get("metadata"):
                metadata = line["metadata"]
                break
    return subscription, metadata


def checkout_session_completed(session, event):
    member_id = _member_id_from(session.get("metadata")) or _member_id_from(
        {"member_id": session.get("client_reference_id")}
    )
    member = services.member_for_stripe(member_id=member_id)
    if member is None:
        return f"no member for session {session.get('id')}"
    paid_on = _event_date(event)
    if session.get("mode") == "subscription":
        services.start_card_subscription(
            member,
            customer_id=session.get("customer"),
            subscription_id=session.get("subscription") or "",
            note="card subscription set up",
        )
        invoice_id = session.get("invoice")
        if session.get("payment_status") != "paid" or not invoice_id:
            return "subscription set up; waiting for payment"
        # The first invoice's money: the same key as its invoice.paid event, so whichever
        # arrives first records it and the other finds it recorded.
        _, created = _record(member, session, invoice_id, f"stripe:invoice:{invoice_id}", paid_on)
        return "subscription paid" if created else "subscription payment already recorded"
    if session.get("payment_status") != "paid":
        return f"payment status {session.get('payment_status')}"
    payment_intent = session.get("payment_intent") or session["id"]
    services.note_card_payment(member, customer_id=session.get("customer"))
    _, created = _record(member, session, payment_intent, f"stripe:pi:{payment_intent}", paid_on)
    return "payment recorded" if created else "payment already recorded"


def _record(member, stripe_object, stripe_id, key, paid_on):
    amount = stripe_object.get("amount_total")
    if amount is None:
        amount = stripe_object.get("amount_paid")
    method = member.payment_method if PaymentMethod(member.payment_method).is_card else PaymentMethod.CARD
    return services.record_payment(
        member,
        amount_pence=int(amount or 0),
        paid_on=paid_on,
        method=method,
        source=PaymentSource.STRIPE,
        idempotency_key=key,
        reference=stripe_id,
        stripe_payment_id=stripe_id,
        actor_label=services.STRIPE,
        today=paid_on,
    )


def _invoice_member(invoice):
    """The member an invoice is for, and the invoice's subscription id."""
    subscription_id, metadata = _subscription_of(invoice)
    member = services.member_for_stripe(
        member_id=_member_id_from(metadata),
        subscription_id=subscription_id,
        customer_id=invoice.get("customer"),
    )
    return member, subscription_id


def invoice_paid(invoice, event):
    member, subscription_id = _invoice_member(invoice)
    if member is None:
        return f"no member for invoice {invoice.get('id')}"
    if subscription_id and not member.stripe_subscription_id:
        services.start_card_subscription(
            member, customer_id=invoice.get("customer"), subscription_id=subscription_id
        )
    if not invoice.get("amount_paid"):
        return "nothing paid"
    _, created = _record(
        member, invoice, invoice["id"], f"stripe:invoice:{invoice['id']}", _event_date(event)
    )
    return "invoice paid" if created else "invoice already recorded"


def invoice_payment_failed(invoice, event):
    member, _subscription_id = _invoice_member(invoice)
    if member is None:
        return f"no member for invoice {invoice.get('id')}"
    services.note_card_payment_failed(
        member, invoice_id=invoice.get("id"), attempt=invoice.get("attempt_count", 1)
    )
    return "payment failure noted"


def subscription_deleted(subscription, event):
    member = services.member_for_stripe(subscription_id=subscription.get("id"))
    if member is None:
        return f"no member for subscription {subscription.get('id')}"
    services.end_card_subscription(member)
    return "subscription ended"


HANDLERS = {
    "checkout.session.completed": checkout_session_completed,
    "invoice.paid": invoice_paid,
    "invoice.payment_failed": invoice_payment_failed,
    "customer.subscription.deleted": subscription_deleted,
}
