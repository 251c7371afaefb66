"""The one place a subscriber's status changes, so the consent ledger records every change."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .choices import SubscriberStatus
from .models import ConsentEvent

# Statuses in which nobody receives bulletins because the reader (or their mail server) said no.
WITHDRAWN = (SubscriberStatus.UNSUBSCRIBED, SubscriberStatus.BOUNCED, SubscriberStatus.COMPLAINED)


def normalise_email(email):
    return email.strip().lower()


def normalise_language(code):
    """One of settings.LANGUAGES for a code such as "es-PE" or "ES"; the site default otherwise."""
    code = (code or "").strip().lower().replace("_", "-").split("-")[0]
    known = {language for language, _ in settings.LANGUAGES}
    return code if code in known else settings.LANGUAGE_CODE


@transaction.atomic
def change_status(subscriber, to_status, cause, detail=""):
    """Move a subscriber to a new status and record why; a no-op when nothing changes."""
    if subscriber.pk and subscriber.status == to_status:
        return subscriber
    from_status = subscriber.status if subscriber.pk else ""
    now = timezone.now()
    subscriber.status = to_status
    subscriber.status_changed_at = now
    if to_status == SubscriberStatus.SUBSCRIBED and not subscriber.confirmed_at:
        subscriber.confirmed_at = now
    subscriber.save()
    ConsentEvent.objects.create(
        subscriber=subscriber, from_status=from_status, to_status=to_status, cause=cause, detail=detail[:500]
    )
    return subscriber
