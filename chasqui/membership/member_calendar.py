"""The member calendar: how dates decide whether a membership is active, in its grace period or lapsed.

A membership runs for one MEMBERSHIP_PERIOD from payment; after its expiry date it is in grace for
the site's `grace_days`, then lapses. `status_by_date` is that rule for one member (joining,
paying, importing); `calendar_moves` is the same rule as queryset conditions for the daily run.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Q

from .choices import MembershipStatus

MEMBERSHIP_PERIOD = relativedelta(years=1)
ACTIVE, GRACE, LAPSED = MembershipStatus.ACTIVE, MembershipStatus.GRACE, MembershipStatus.LAPSED
# Only memberships the calendar moves; pending and cancelled ones wait for a person.
MOVED_BY_CALENDAR = (ACTIVE, GRACE)


def lapse_date(expires_on, grace_days):
    """The last day of the grace period."""
    return expires_on + datetime.timedelta(days=grace_days)


def status_by_date(expires_on, today, grace_days):
    """Pending without an expiry date; otherwise active, grace or lapsed as the date says."""
    if expires_on is None:
        return MembershipStatus.PENDING
    if today <= expires_on:
        return ACTIVE
    if today <= lapse_date(expires_on, grace_days):
        return GRACE
    return LAPSED


def status_change_on(member, today, grace_days):
    """The status the calendar gives an active or grace member today (None: no change)."""
    if member.status not in MOVED_BY_CALENDAR or not member.expires_on:
        return None
    target = status_by_date(member.expires_on, today, grace_days)
    return None if target == member.status else target


def new_period(member, today):
    """A payment extends membership by one period from the later of today and the current expiry."""
    start = max(today, member.expires_on) if member.expires_on else today
    return start, start + MEMBERSHIP_PERIOD


def calendar_moves(today, grace_days):
    """(from, to, condition) for every move `status_by_date` makes today, as queryset filters."""
    lapse_before = today - datetime.timedelta(days=grace_days)
    return [
        (ACTIVE, LAPSED, Q(expires_on__lt=lapse_before)),
        (GRACE, LAPSED, Q(expires_on__lt=lapse_before)),
        (ACTIVE, GRACE, Q(expires_on__lt=today, expires_on__gte=lapse_before)),
        (GRACE, ACTIVE, Q(expires_on__gte=today)),
    ]
