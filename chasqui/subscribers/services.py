"""Every change to a subscriber goes through here, so the consent ledger is complete."""

from django.db import transaction
from django.utils import timezone

from .choices import ConsentCause, SubscriberStatus
from .models import ConsentEvent, Subscriber


def normalise_email(email):
    return email.strip().lower()


@transaction.atomic
def change_status(subscriber, to_status, cause, detail=""):
    """Move a subscriber to a new status and record why; a no-op when nothing changes."""
    if subscriber.status == to_status:
        return subscriber
    from_status = subscriber.status if subscriber.pk else ""
    now = timezone.now()
    subscriber.status = to_status
    subscriber.status_changed_at = now
    if to_status == SubscriberStatus.SUBSCRIBED and not subscriber.confirmed_at:
        subscriber.confirmed_at = now
    subscriber.save()
    ConsentEvent.objects.create(
        subscriber=subscriber, from_status=from_status, to_status=to_status, cause=cause, detail=detail
    )
    return subscriber


@transaction.atomic
def subscribe_member(email, name="", language="en"):
    """A member who consented on joining is subscribed without a second confirmation.

    Someone who has unsubscribed, bounced or complained stays as they are.
    """
    subscriber, created = Subscriber.objects.select_for_update().get_or_create(
        email=normalise_email(email),
        defaults={"name": name, "language": language, "status": SubscriberStatus.PENDING},
    )
    if created:
        ConsentEvent.objects.create(
            subscriber=subscriber,
            to_status=SubscriberStatus.PENDING,
            cause=ConsentCause.MEMBER_CONSENT,
        )
    if subscriber.status == SubscriberStatus.PENDING:
        change_status(subscriber, SubscriberStatus.SUBSCRIBED, ConsentCause.MEMBER_CONSENT)
    return subscriber
