"""Membership operations. Every change to a member or their money goes through a function here,
inside one transaction, and leaves a MemberEvent behind."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Site

from . import emails
from .choices import MembershipStatus, PaymentMethod, PaymentSource
from .models import Member, MemberEvent, MembershipSettings, NumberSequence, Payment

MEMBERSHIP_PERIOD = relativedelta(years=1)


def membership_settings():
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return MembershipSettings.for_site(site)


def next_membership_number():
    """Take the next number from the sequence; a number once taken is never handed out again."""
    sequence, _ = NumberSequence.objects.get_or_create(name="membership")
    NumberSequence.objects.filter(pk=sequence.pk).update(last_value=F("last_value") + 1)
    sequence.refresh_from_db()
    return membership_settings().format_number(sequence.last_value)


def reserve_membership_number(value):
    """Make sure the sequence never issues `value` (used when importing existing numbers)."""
    sequence, _ = NumberSequence.objects.get_or_create(name="membership")
    NumberSequence.objects.filter(pk=sequence.pk, last_value__lt=value).update(last_value=value)


def log_event(member, action, *, actor=None, actor_label="", changes=None, note=""):
    return MemberEvent.objects.create(
        member=member,
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=actor_label,
        changes=changes or {},
        note=note[:500],
    )


def set_status(member, status, *, actor=None, actor_label="", note=""):
    """Change status and log the transition; saving is the caller's job inside its transaction."""
    if member.status == status:
        return False
    log_event(
        member,
        "status",
        actor=actor,
        actor_label=actor_label,
        changes={"status": [member.status, status]},
        note=note,
    )
    member.status = status
    member.status_changed_at = timezone.now()
    return True


def new_expiry(member, today):
    """A payment extends membership by one period from the later of today and the current expiry."""
    start = max(today, member.expires_on) if member.expires_on else today
    return start, start + MEMBERSHIP_PERIOD


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
            member = Member.objects.select_for_update().get(pk=member.pk)
            if member.next_plan_id:
                log_event(
                    member,
                    "plan",
                    actor=recorded_by,
                    actor_label=actor_label,
                    changes={"plan": [member.plan_id, member.next_plan_id]},
                    note="plan change applied on renewal",
                )
                member.plan_id, member.next_plan_id = member.next_plan_id, None
            period_start, period_end = new_expiry(member, today)
            payment = Payment.objects.create(
                member=member,
                amount_pence=amount_pence,
                paid_on=paid_on,
                method=method,
                source=source,
                reference=reference,
                plan_id=member.plan_id,
                idempotency_key=idempotency_key,
                stripe_payment_id=stripe_payment_id,
                period_start=period_start,
                period_end=period_end,
                recorded_by=recorded_by if getattr(recorded_by, "is_authenticated", False) else None,
            )
            log_event(
                member,
                "payment",
                actor=recorded_by,
                actor_label=actor_label,
                changes={"expires_on": [_iso(member.expires_on), _iso(period_end)]},
                note=f"{payment.amount_pounds} by {PaymentMethod(method).label}",
            )
            member.expires_on = period_end
            set_status(member, MembershipStatus.ACTIVE, actor=recorded_by, actor_label=actor_label)
            member.save()
            if send_receipt:
                transaction.on_commit(lambda: emails.send_receipt(payment.pk))
    except IntegrityError:
        # A concurrent call with the same key won the race.
        return Payment.objects.get(idempotency_key=idempotency_key), False
    return payment, True


def offline_payment_key(member, paid_on, amount_pence, reference):
    """Same member, day, amount and reference: the same payment recorded twice by mistake."""
    return f"offline:{member.pk}:{paid_on.isoformat()}:{amount_pence}:{reference.strip().lower()}"


@transaction.atomic
def cancel(member, *, actor=None, actor_label="", note=""):
    member = Member.objects.select_for_update().get(pk=member.pk)
    if set_status(member, MembershipStatus.CANCELLED, actor=actor, actor_label=actor_label, note=note):
        member.save()
    return member


@transaction.atomic
def apply_expiry(member, *, today, grace_days):
    """Move one member along active → grace → lapsed according to the date; returns the new status
    if it changed."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    target = status_on(member, today, grace_days)
    if target and set_status(member, target, actor_label="system"):
        member.save()
        return target
    return None


def status_on(member, today, grace_days):
    """The status the calendar gives an active or grace member today (None: no change)."""
    if member.status not in (MembershipStatus.ACTIVE, MembershipStatus.GRACE) or not member.expires_on:
        return None
    if today <= member.expires_on:
        return MembershipStatus.ACTIVE if member.status != MembershipStatus.ACTIVE else None
    if today <= member.expires_on + datetime.timedelta(days=grace_days):
        return MembershipStatus.GRACE if member.status != MembershipStatus.GRACE else None
    return MembershipStatus.LAPSED


def _iso(value):
    return value.isoformat() if value else None


__all__ = [
    "PaymentSource",
    "apply_expiry",
    "cancel",
    "log_event",
    "membership_settings",
    "new_expiry",
    "next_membership_number",
    "offline_payment_key",
    "record_payment",
    "reserve_membership_number",
    "set_status",
    "status_on",
]
