"""Sign-in lock-outs from django-axes, as the admin shows them and lifts them.

Failed sign-ins are counted per account and, separately, per address (`AXES_LOCKOUT_PARAMETERS`);
either reaching `AXES_FAILURE_LIMIT` within the cool-off time locks further attempts out.
"""

from dataclasses import dataclass

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone

ACCOUNT = "account"
ADDRESS = "address"
FIELDS = {ACCOUNT: "username", ADDRESS: "ip_address"}
LIFT_PERMISSION = "users.lift_sign_in_lockout"


@dataclass(frozen=True)
class Lockout:
    kind: str
    value: str
    failures: int
    last_attempt: object


def can_lift_lockouts(user):
    """Superusers and holders of the lift permission (the Membership secretary group)."""
    return user.is_active and (user.is_superuser or user.has_perm(LIFT_PERMISSION))


def recent_attempts():
    attempts = AccessAttempt.objects.all()
    cool_off = get_cool_off()
    if cool_off:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts


def current_lockouts():
    """Accounts and addresses now locked out, most recent first."""
    lockouts = []
    for kind, field in FIELDS.items():
        rows = (
            recent_attempts()
            .exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last_attempt=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        )
        lockouts += [Lockout(kind, row[field], row["failures"], row["last_attempt"]) for row in rows]
    return sorted(lockouts, key=lambda lockout: lockout.last_attempt, reverse=True)


def lift_lockout(kind, value):
    """Forget the failed sign-ins of one account or one address; returns how many records went."""
    if kind == ACCOUNT:
        return reset(username=value)
    if kind == ADDRESS:
        return reset(ip=value)
    raise ValueError(kind)
