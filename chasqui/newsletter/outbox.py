"""A bulletin's deliveries: listed once, claimed in batches by one worker at a time, settled at the end."""

from datetime import timedelta

from django.db.models import Max, Q
from django.utils import timezone

from chasqui.core.worker_deaths import died_here, marked_token
from chasqui.news.models import NewsItemPage
from chasqui.subscribers.models import Subscriber

from .choices import Audience, BulletinStatus, DeliveryStatus
from .models import Bulletin, Delivery

# A claimed batch not finished within this time is taken over by another run.
CLAIM_LEASE = timedelta(minutes=15)
# A delivery "sending" for longer than this belonged to a worker that stopped mid-message.
IN_FLIGHT_TIMEOUT = timedelta(minutes=10)
# A run writes the bulletin's heartbeat as it goes; silent for this long, its worker is gone. Longer
# than the mail server's timeout (EMAIL_TIMEOUT, 60 s) so one slow message is not taken for a death.
WORKER_GONE_AFTER = timedelta(seconds=90)
INTERRUPTED = "Interrupted while being sent: it may or may not have arrived, so it was not resent."
RECIPIENT_CHUNK = 1000
CLAIM_LENGTH = 32  # Delivery.claim's max_length


def claim_token():
    """A claim names the process that made it, so a worker starting on the same machine knows at
    once when that process died, without waiting for its heartbeat to go quiet."""
    return marked_token(CLAIM_LENGTH)


def recipients(bulletin):
    subscribers = Subscriber.objects.receiving()
    if bulletin.audience == Audience.LANGUAGE:
        subscribers = subscribers.in_language(bulletin.language)
    return subscribers


def start_due_bulletins(now=None):
    """Move scheduled bulletins whose time has come to sending; return those started."""
    now = now or timezone.now()
    started = []
    for bulletin in Bulletin.objects.filter(status=BulletinStatus.SCHEDULED, scheduled_for__lte=now):
        if Bulletin.objects.filter(pk=bulletin.pk, status=BulletinStatus.SCHEDULED).update(
            status=BulletinStatus.SENDING, send_started_at=now
        ):
            started.append(bulletin)
    return started


def list_recipients(bulletin):
    """Create one queued delivery per receiving subscriber; safe to repeat after a crash."""
    if bulletin.recipients_listed_at:
        return
    rows = recipients(bulletin).order_by("pk").values_list("pk", "email").iterator(chunk_size=RECIPIENT_CHUNK)
    chunk = []
    for subscriber_id, email in rows:
        chunk.append(Delivery(bulletin_id=bulletin.pk, subscriber_id=subscriber_id, email=email))
        if len(chunk) >= RECIPIENT_CHUNK:
            Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
            chunk = []
    if chunk:
        Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
    # The subject as sent stays with the bulletin, for the archive and feeds.
    bulletin.subject = bulletin.subject_line()
    bulletin.recipients_listed_at = timezone.now()
    Bulletin.objects.filter(pk=bulletin.pk).update(
        recipients_listed_at=bulletin.recipients_listed_at, subject=bulletin.subject
    )


def finish_if_done(bulletin):
    """Mark the bulletin sent once no delivery is waiting; note its number on its news items."""
    if bulletin.deliveries.filter(status__in=[DeliveryStatus.QUEUED, DeliveryStatus.SENDING]).exists():
        return False
    now = timezone.now()
    if Bulletin.objects.filter(pk=bulletin.pk, status=BulletinStatus.SENDING).update(
        status=BulletinStatus.SENT, sent_at=now, retry_at=None
    ):
        bulletin.status, bulletin.sent_at = BulletinStatus.SENT, now
        news_ids = bulletin.items.values("news_item_id")
        NewsItemPage.objects.filter(pk__in=news_ids, bulletin_number__isnull=True).update(
            bulletin_number=bulletin.number
        )
    return True


def beat(bulletin, now=None):
    """Record that a run is alive and sending this bulletin."""
    Bulletin.objects.filter(pk=bulletin.pk).update(heartbeat_at=now or timezone.now())


def held_deliveries(bulletin):
    """Deliveries a run has claimed and not settled."""
    return (
        Delivery.objects.filter(bulletin=bulletin)
        .exclude(claim="")
        .filter(status__in=[DeliveryStatus.QUEUED, DeliveryStatus.SENDING])
    )


def last_sign_of_life(bulletin):
    """The latest heartbeat or claim of any run on this bulletin, or None."""
    heartbeat = Bulletin.objects.filter(pk=bulletin.pk).values_list("heartbeat_at", flat=True).first()
    claimed = held_deliveries(bulletin).aggregate(latest=Max("claimed_at"))["latest"]
    return max(filter(None, [heartbeat, claimed]), default=None)


def dead_claims(bulletin):
    """The claims on this bulletin's deliveries made by processes of this machine that have died."""
    claims = held_deliveries(bulletin).values_list("claim", flat=True).distinct()
    return [claim for claim in claims if died_here(claim)]


def worker_gone(bulletin, now=None):
    """Whether deliveries are held only by runs that have stopped: runs whose process is known to
    be dead, or which have stopped beating (their worker was killed, here or on another machine)."""
    now = now or timezone.now()
    claims = set(held_deliveries(bulletin).values_list("claim", flat=True).distinct())
    if not claims:
        return False
    if claims == set(dead_claims(bulletin)):
        return True
    last = last_sign_of_life(bulletin)
    return last is None or last < now - WORKER_GONE_AFTER


def take_over_abandoned(bulletin, now):
    """Free what a dead run held: its queued deliveries go back to the queue, and the one it had
    in flight is marked "may have been sent" (never resent on its own, so nobody gets two copies;
    the admin lists it with a resend action). Returns how many were in flight."""
    stale = Q(status=DeliveryStatus.SENDING, claimed_at__lt=now - IN_FLIGHT_TIMEOUT)
    abandoned = held_deliveries(bulletin)
    if not worker_gone(bulletin, now):
        # Another run may be alive (on another machine): take only what dead processes held.
        abandoned = abandoned.filter(claim__in=dead_claims(bulletin))
    in_flight = list(abandoned.filter(status=DeliveryStatus.SENDING).values_list("pk", flat=True))
    abandoned.filter(status=DeliveryStatus.QUEUED).update(claim="")
    return (
        Delivery.objects.filter(bulletin=bulletin)
        .filter(stale | Q(pk__in=in_flight))
        .update(status=DeliveryStatus.UNCERTAIN, last_error=INTERRUPTED, claim="")
    )


def abandoned_sends(now=None):
    """Bulletins being sent whose run has died (a worker killed mid-send)."""
    now = now or timezone.now()
    sending = Bulletin.objects.filter(status=BulletinStatus.SENDING)
    return [bulletin for bulletin in sending if worker_gone(bulletin, now)]


def has_work(bulletin, now=None):
    """Deliveries due now, or recipients still to list, or a dead worker's leftovers to settle."""
    now = now or timezone.now()
    if not bulletin.recipients_listed_at:
        return True
    deliveries = Delivery.objects.filter(bulletin=bulletin)
    return (
        deliveries.due(now).exists()
        or deliveries.filter(status=DeliveryStatus.SENDING, claimed_at__lt=now - IN_FLIGHT_TIMEOUT).exists()
        or worker_gone(bulletin, now)
        or not deliveries.filter(status__in=[DeliveryStatus.QUEUED, DeliveryStatus.SENDING]).exists()
    )


def in_progress(bulletin, now=None):
    """Whether a live run holds a claim on this bulletin's deliveries (so cron need not start another)."""
    return held_deliveries(bulletin).exists() and not worker_gone(bulletin, now)


def claim_batch(bulletin, size, now):
    token = claim_token()
    free = Q(claim="") | Q(claimed_at__lt=now - CLAIM_LEASE)
    ids = list(
        Delivery.objects.due(now)
        .filter(free, bulletin=bulletin)
        .order_by("pk")
        .values_list("pk", flat=True)[:size]
    )
    if not ids:
        return token, []
    Delivery.objects.filter(free, pk__in=ids, status=DeliveryStatus.QUEUED).update(
        claim=token, claimed_at=now
    )
    batch = list(
        Delivery.objects.filter(claim=token, status=DeliveryStatus.QUEUED)
        .select_related("subscriber")
        .only("pk", "email", "attempts", "subscriber__email", "subscriber__language", "subscriber__status")
        .order_by("pk")
    )
    return token, batch


def release(token):
    Delivery.objects.filter(claim=token, status=DeliveryStatus.QUEUED).update(claim="")


def claim_uncertain(bulletin, now):
    """Claim the deliveries marked "may have been sent", queued again for an editor's resend."""
    token = claim_token()
    Delivery.objects.filter(bulletin=bulletin, status=DeliveryStatus.UNCERTAIN).update(
        status=DeliveryStatus.QUEUED, claim=token, claimed_at=now, next_attempt_at=None
    )
    batch = list(
        Delivery.objects.filter(claim=token, status=DeliveryStatus.QUEUED)
        .select_related("subscriber")
        .order_by("pk")
    )
    return token, batch


def restore_uncertain(deliveries):
    """What a resend could not send stays "may have been sent", for the editor to try again."""
    Delivery.objects.filter(
        pk__in=[delivery.pk for delivery in deliveries], status=DeliveryStatus.QUEUED
    ).update(status=DeliveryStatus.UNCERTAIN, claim="", next_attempt_at=None)
