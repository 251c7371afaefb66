"""Signed renewal links: a member renews from an email or the members' area without signing in."""

from datetime import timedelta

from django.core import signing

from ..models import Member

RENEWAL_SALT = "membership.renew"
RENEWAL_LINK_MAX_AGE = timedelta(days=30)


def renewal_token(member):
    return signing.dumps(member.pk, salt=RENEWAL_SALT)


def member_from_renewal_token(token, max_age=RENEWAL_LINK_MAX_AGE):
    """The member a valid, unexpired token names, or None (forged, garbled, too old or erased)."""
    try:
        member_id = int(signing.loads(token, salt=RENEWAL_SALT, max_age=max_age))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return Member.objects.not_erased().filter(pk=member_id).first()
