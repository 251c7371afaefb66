"""Everything held about a member, as JSON they can download (their right of access)."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from chasqui.core.personal_data import personal_data_for
from chasqui.subscribers.services import subscription_data

from ..billing.stripe_events import stripe_events_about
from ..models import Member

MEMBER_FIELDS = [
    "number",
    *Member.CONTACT_FIELDS,
    "language",
    "payment_method",
    "status",
    "joined_on",
    "expires_on",
    "status_changed_at",
    "bulletin_consent",
    "notes",
    "stripe_customer_id",
    "stripe_subscription_id",
    "created_at",
    "updated_at",
]
PAYMENT_FIELDS = ["paid_on", "amount_pence", "method", "reference", "source", "period_start", "period_end"]
DECLARATION_FIELDS = [
    "declared_at",
    "wording_version",
    "wording",
    "title",
    "first_name",
    "last_name",
    "address",
    "postcode",
    "source",
    "cancelled_at",
    "cancellation_source",
]


def _pick(instance, fields):
    return {field: getattr(instance, field) for field in fields}


def member_data(member):
    """A plain dict: the member, their payments, declarations, history, reminders, sign-ins, the
    Stripe events about them, the bulletin subscription, and what other apps hold (deliveries)."""
    member_fields = _pick(member, MEMBER_FIELDS)
    member_fields["plan"] = member.plan.name
    member_fields["next_plan"] = member.next_plan.name if member.next_plan_id else None
    return {
        "exported_at": timezone.now(),
        "member": member_fields,
        "payments": [
            {**_pick(payment, PAYMENT_FIELDS), "plan": payment.plan.name if payment.plan_id else None}
            for payment in member.payments.select_related("plan").order_by("paid_on", "pk")
        ],
        "gift_aid_declarations": [
            _pick(declaration, DECLARATION_FIELDS)
            for declaration in member.gift_aid_declarations.order_by("declared_at", "pk")
        ],
        "history": [
            {
                "at": event.at,
                "action": event.action,
                "by": event.actor_label or ("staff" if event.actor_id else ""),
                "changes": event.changes,
                "note": event.note,
            }
            for event in member.events.order_by("at", "pk")
        ],
        "reminders": [
            {
                "kind": reminder.kind,
                "period_expires_on": reminder.period_expires_on,
                "sent_at": reminder.sent_at,
            }
            for reminder in member.reminders.order_by("sent_at", "pk")
        ],
        "sign_in_codes": [
            {
                "created_at": sign_in_code.created_at,
                "expires_at": sign_in_code.expires_at,
                "used_at": sign_in_code.used_at,
                "wrong_attempts": sign_in_code.attempts,
            }
            for sign_in_code in member.sign_in_codes.order_by("created_at", "pk")
        ],
        "stripe_events": [
            {
                "id": event.event_id,
                "type": event.type,
                "received_at": event.received_at,
                "payload": event.payload,
            }
            for event in stripe_events_about(member).order_by("received_at", "pk")
        ],
        "bulletin_subscription": subscription_data(member.email),
        **personal_data_for(member.email),
    }


def member_data_json(member):
    return json.dumps(member_data(member), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def export_filename(member):
    return f"membership-data-{member.number}.json"
