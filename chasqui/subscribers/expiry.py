"""Sign-ups nobody confirmed are forgotten, or put back as they were, after a few days."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .choices import ConsentCause, SubscriberStatus
from .ledger import change_status
from .models import Subscriber


@dataclass
class Expiry:
    deleted: int = 0
    reverted: int = 0


def expire_pending(now=None):
    """Forget sign-ups left unconfirmed past CHASQUI_SUBSCRIBER_CONFIRM_DAYS.

    An address that was never anything but pending is deleted with its ledger (no consent,
    nothing to keep); one with an earlier history goes back to its previous status, noted
    in the ledger, so the record of an earlier subscription or unsubscription survives.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.CHASQUI_SUBSCRIBER_CONFIRM_DAYS)
    result = Expiry()
    for subscriber_id in Subscriber.objects.pending_since_before(cutoff).values_list("pk", flat=True):
        outcome = _expire_one(subscriber_id, cutoff)
        if outcome == "deleted":
            result.deleted += 1
        elif outcome == "reverted":
            result.reverted += 1
    return result


@transaction.atomic
def _expire_one(subscriber_id, cutoff):
    """Delete or revert one sign-up still pending since before `cutoff`; None if it moved on meanwhile."""
    subscriber = (
        Subscriber.objects.select_for_update().pending_since_before(cutoff).filter(pk=subscriber_id)
    ).first()
    if subscriber is None:
        return None
    events = subscriber.consent_events.order_by("-at", "-pk")
    if not events.exclude(to_status=SubscriberStatus.PENDING).exists():
        subscriber.delete()
        return "deleted"
    latest_into_pending = events.filter(to_status=SubscriberStatus.PENDING).first()
    previous = (latest_into_pending and latest_into_pending.from_status) or SubscriberStatus.UNSUBSCRIBED
    change_status(subscriber, previous, ConsentCause.EXPIRED)
    return "reverted"
