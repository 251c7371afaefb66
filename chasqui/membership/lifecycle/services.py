"""A membership's course through time: the calendar moving one member, and cancelling."""

from django.db import transaction

from ..choices import MembershipStatus
from ..history import set_status
from ..member_calendar import status_change_on
from ..models import Member

SYSTEM = "system"


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
    target = status_change_on(member, today, grace_days)
    if target and set_status(member, target, actor_label=SYSTEM):
        member.save()
        return target
    return None
