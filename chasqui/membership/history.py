"""A member's history: every service that changes a member leaves a MemberEvent through here."""

from django.utils import timezone

from .choices import MemberAction
from .models import MemberEvent

NOTE_MAX_LENGTH = 500


def staff_user(user):
    """The user to record as actor: a signed-in staff user, or None (member, Stripe, system)."""
    return user if getattr(user, "is_authenticated", False) else None


def log_event(member, action, *, actor=None, actor_label="", changes=None, note=""):
    return MemberEvent.objects.create(
        member=member,
        action=action,
        actor=staff_user(actor),
        actor_label=actor_label,
        changes=changes or {},
        note=note[:NOTE_MAX_LENGTH],
    )


def set_status(member, status, *, actor=None, actor_label="", note=""):
    """Change status and log the transition; saving is the caller's job inside its transaction."""
    if member.status == status:
        return False
    log_event(
        member,
        MemberAction.STATUS,
        actor=actor,
        actor_label=actor_label,
        changes={"status": [member.status, status]},
        note=note,
    )
    member.status = status
    member.status_changed_at = timezone.now()
    return True


def iso(value):
    """A date as JSON can hold it in a history entry's changes."""
    return value.isoformat() if value else None
