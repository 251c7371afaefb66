"""What the membership secretary does to members in the admin: edits recorded field by field,
members added on paper, offline payments, and the bulletin list kept in step with the tick box."""

import datetime

from django.utils import timezone

from chasqui.subscribers import services as subscriber_services
from chasqui.subscribers.choices import ConsentCause

from ..billing.services import offline_payment_key, record_payment
from ..choices import MemberAction, PaymentSource
from ..history import log_event
from ..models import Member, model_field

# Fields whose value the history shows by name rather than by id.
RELATED_FIELDS = {"plan", "next_plan"}


def _display(member, name):
    if name in RELATED_FIELDS:
        related = getattr(member, name)
        return str(related) if related else None
    value = getattr(member, name)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def edit_changes(member_id, edited, changed_names):
    """{field: [old, new]} between the saved member and the edited (unsaved) one; a status change
    also dates the new status on `edited`."""
    before = Member.objects.select_related("plan", "next_plan").get(pk=member_id)
    changes = {}
    for name in changed_names:
        if model_field(Member, name) is None:
            continue
        old, new = _display(before, name), _display(edited, name)
        if old != new:
            changes[name] = [old, new]
    if "status" in changes:
        edited.status_changed_at = timezone.now()
    return changes


def record_edit(member, changes, user):
    """History for a saved edit; a changed bulletin box updates the list."""
    if changes:
        log_event(member, MemberAction.EDITED, actor=user, changes=changes)
    if "bulletin_consent" in changes:
        sync_bulletin_subscription(member)


def record_creation(member, user):
    """History for a member added on paper; their bulletin tick puts them on the list."""
    log_event(member, MemberAction.CREATED, actor=user, note="added in the admin")
    if member.bulletin_consent:
        sync_bulletin_subscription(member)


def sync_bulletin_subscription(member):
    """The secretary ticked or unticked the bulletin box (say from a letter): keep the list in step.

    Someone who unsubscribed, bounced or complained is not put back on by a tick here.
    """
    if member.bulletin_consent:
        subscriber_services.subscribe_member(member.email, member.full_name, member.language)
    else:
        subscriber_services.withdraw_address(member.email, ConsentCause.ADMIN)


def record_offline_payment(member, *, paid_on, amount_pence, method, reference, user):
    """A standing order or cheque received; the same one entered twice is recorded once."""
    reference = reference.strip()
    return record_payment(
        member,
        amount_pence=amount_pence,
        paid_on=paid_on,
        method=method,
        source=PaymentSource.OFFLINE,
        reference=reference,
        idempotency_key=offline_payment_key(member, paid_on, amount_pence, reference),
        recorded_by=user,
    )
