"""Sending a bulletin in batches over reused connections, resumable after any failure.

Each delivery goes queued → sending → sent/failed. A batch is claimed with a token
(conditional UPDATE), so two workers never take the same rows. A delivery is marked
"sending" just before its message is handed to the mail server and "sent" as soon as the
server accepts it, so after any error the only uncertain delivery is the one in flight:

* an error the sender sees (4xx, refused or dropped connection) means the server did not
  accept the message: the delivery goes back to the queue and is retried with backoff;
* a delivery left "sending" by a worker that died cannot be known to have arrived or not.
  It is marked "may have been sent" and never resent on its own, so nobody gets two copies;
  the admin lists those addresses with an action to resend to just them.

A run writes the bulletin's heartbeat as it goes, so a worker killed mid-send is noticed within
`outbox.WORKER_GONE_AFTER` (by the next run, a starting worker or cron) and the send resumes.
"""

import logging
import smtplib
import time
from dataclasses import dataclass, field
from datetime import timedelta

from anymail.exceptions import AnymailError, AnymailRecipientsRefused
from django.conf import settings
from django.core.mail import mailers
from django.db.models import F
from django.utils import timezone

from chasqui.subscribers.choices import SubscriberStatus

from . import outbox
from .choices import BulletinStatus, DeliveryStatus
from .content import render_bulletin_email
from .models import Bulletin, Delivery

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
RETRY_BASE = timedelta(minutes=1)
RETRY_CAP = timedelta(hours=1)


def backoff(failures):
    """1, 2, 4 … minutes, at most an hour."""
    return min(RETRY_BASE * (2 ** max(failures - 1, 0)), RETRY_CAP)


class ConnectionTrouble(Exception):
    """The mail server could not be reached or dropped us: stop and retry the whole send later."""


class RecipientTemporaryFailure(Exception):
    pass


class RecipientRejected(Exception):
    pass


def classify(error):
    """Turn a mailer's exception into what it means for this recipient and this send."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, reply = next(iter(error.recipients.values()), (550, b""))
        text = f"{code} {reply.decode(errors='replace') if isinstance(reply, bytes) else reply}"
        return RecipientRejected(text) if code >= 500 else RecipientTemporaryFailure(text)
    if isinstance(error, smtplib.SMTPSenderRefused):
        return ConnectionTrouble(f"Sender refused: {error.smtp_code} {error.smtp_error!r}")
    if isinstance(error, smtplib.SMTPResponseException):
        reply = error.smtp_error
        text = f"{error.smtp_code} {reply.decode(errors='replace') if isinstance(reply, bytes) else reply}"
        if error.smtp_code == 421:
            return ConnectionTrouble(text)
        return RecipientRejected(text) if error.smtp_code >= 500 else RecipientTemporaryFailure(text)
    if isinstance(error, AnymailRecipientsRefused):
        return RecipientRejected(str(error))
    if isinstance(error, ValueError):  # an address the mailer cannot encode
        return RecipientRejected(str(error))
    if isinstance(error, (smtplib.SMTPException, OSError, AnymailError)):
        return ConnectionTrouble(f"{type(error).__name__}: {error}")
    return None


class RateLimiter:
    """Spaces messages so a run never exceeds `rate` messages a second (0 = no limit)."""

    def __init__(self, rate):
        self.interval = 1 / rate if rate and rate > 0 else 0
        self.next_at = time.monotonic()

    def wait(self):
        if not self.interval:
            return
        now = time.monotonic()
        if self.next_at > now:
            time.sleep(self.next_at - now)
        self.next_at = max(self.next_at, now) + self.interval


@dataclass
class RunResult:
    sent: int = 0
    failed: int = 0
    deferred: int = 0
    # Deliveries a dead run left in flight, marked "may have been sent" by this run.
    uncertain: int = 0
    retry_at: object = None
    # When the sending task should run again (set where a later run is needed; see tasks.py).
    requeue_at: object = None
    finished: bool = False
    errors: list = field(default_factory=list)


class Heartbeat:
    """Writes the bulletin's heartbeat at most every few seconds, so a long batch stays visibly alive."""

    interval = 10  # seconds; well inside outbox.WORKER_GONE_AFTER

    def __init__(self, bulletin):
        self.bulletin = bulletin
        self.last = None

    def __call__(self, force=False):
        now = time.monotonic()
        if force or self.last is None or now - self.last >= self.interval:
            outbox.beat(self.bulletin)
            self.last = now


def open_connection():
    connection = mailers.default
    try:
        connection.open()
    except Exception as error:
        outcome = classify(error)
        if isinstance(outcome, ConnectionTrouble):
            raise outcome from error
        raise
    return connection


def close_quietly(connection):
    try:
        connection.close()
    except Exception:  # a broken connection may fail to say goodbye; nothing is lost
        logger.debug("Closing the mail connection failed", exc_info=True)


def send_batch(bulletin, email, batch, token, limiter, result, heartbeat=None):
    """Send one claimed batch over one connection; raise ConnectionTrouble to stop the run."""
    heartbeat = heartbeat or Heartbeat(bulletin)
    heartbeat(force=True)
    try:
        connection = open_connection()
        try:
            for delivery in batch:
                if not Delivery.objects.filter(
                    pk=delivery.pk, claim=token, status=DeliveryStatus.QUEUED
                ).update(status=DeliveryStatus.SENDING, claimed_at=timezone.now()):
                    continue  # taken over by another run
                subscriber = delivery.subscriber
                if subscriber.status != SubscriberStatus.SUBSCRIBED:
                    # Unsubscribed, bounced or complained since the send began.
                    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SKIPPED, claim="")
                    continue
                subscriber.email = delivery.email
                limiter.wait()
                try:
                    connection.send_messages([email.message_for(subscriber)])
                except Exception as error:
                    outcome = classify(error)
                    if outcome is None:
                        raise
                    record_failure(delivery, outcome, result)
                    if isinstance(outcome, ConnectionTrouble):
                        raise outcome from error
                    continue
                Delivery.objects.filter(pk=delivery.pk).update(
                    status=DeliveryStatus.SENT, sent_at=timezone.now(), attempts=F("attempts") + 1, claim=""
                )
                result.sent += 1
                heartbeat()
        finally:
            close_quietly(connection)
    finally:
        outbox.release(token)


def record_failure(delivery, outcome, result):
    now = timezone.now()
    attempts = delivery.attempts + 1
    message = str(outcome)[:500]
    if isinstance(outcome, RecipientRejected) or attempts >= MAX_ATTEMPTS:
        status, next_attempt_at = DeliveryStatus.FAILED, None
        result.failed += 1
    else:
        status, next_attempt_at = DeliveryStatus.QUEUED, now + backoff(attempts)
        if isinstance(outcome, RecipientTemporaryFailure):
            result.deferred += 1
        else:
            next_attempt_at = None  # the connection failed, not this address: retried with the send
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status, attempts=attempts, last_error=message, next_attempt_at=next_attempt_at, claim=""
    )


def send_pending(bulletin_id, now=None):
    """Send whatever is due for one bulletin; the task and the cron command both call this."""
    now = now or timezone.now()
    result = RunResult()
    bulletin = Bulletin.objects.filter(pk=bulletin_id).first()
    if bulletin is None:
        return result
    if (
        bulletin.status == BulletinStatus.SCHEDULED
        and bulletin.scheduled_for
        and bulletin.scheduled_for <= now
    ):
        outbox.start_due_bulletins(now)
        bulletin.refresh_from_db()
    if bulletin.status != BulletinStatus.SENDING:
        result.finished = bulletin.status == BulletinStatus.SENT
        return result
    if bulletin.retry_at and bulletin.retry_at > now:
        result.retry_at = bulletin.retry_at
        return result

    # Settle a dead run's leftovers before this run's own heartbeat makes the send look alive.
    result.uncertain = outbox.take_over_abandoned(bulletin, now)
    heartbeat = Heartbeat(bulletin)
    heartbeat(force=True)
    outbox.list_recipients(bulletin)
    email = render_bulletin_email(bulletin)
    limiter = RateLimiter(settings.CHASQUI_BULLETIN_RATE_LIMIT)
    size = max(1, settings.CHASQUI_BULLETIN_BATCH_SIZE)
    while True:
        token, batch = outbox.claim_batch(bulletin, size, timezone.now())
        if not batch:
            break
        try:
            send_batch(bulletin, email, batch, token, limiter, result, heartbeat)
        except ConnectionTrouble as trouble:
            return connection_failed(bulletin, str(trouble), result)
        if result.sent and bulletin.connection_failures:
            Bulletin.objects.filter(pk=bulletin.pk).update(
                connection_failures=0, last_error="", retry_at=None
            )
            bulletin.connection_failures = 0

    result.finished = outbox.finish_if_done(bulletin)
    if not result.finished:
        waiting = bulletin.deliveries.filter(status=DeliveryStatus.QUEUED, next_attempt_at__isnull=False)
        result.retry_at = (
            waiting.order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first()
        )
        result.requeue_at = result.retry_at
    return result


def connection_failed(bulletin, error, result):
    failures = bulletin.connection_failures + 1
    retry_at = timezone.now() + backoff(failures)
    Bulletin.objects.filter(pk=bulletin.pk).update(
        connection_failures=failures, retry_at=retry_at, last_error=error[:500]
    )
    logger.warning("Bulletin %s: sending paused until %s: %s", bulletin.pk, retry_at, error)
    result.retry_at = retry_at
    result.errors.append(error)
    result.requeue_at = retry_at
    return result


def resend_uncertain(bulletin):
    """Send again, now, to the addresses a dead worker may or may not have reached (the editor's
    choice: some may get a second copy). Raises ConnectionTrouble if the mail server is unreachable."""
    token, batch = outbox.claim_uncertain(bulletin, timezone.now())
    result = RunResult()
    if not batch:
        return result
    try:
        send_batch(bulletin, render_bulletin_email(bulletin), batch, token, RateLimiter(0), result)
    finally:
        outbox.restore_uncertain(batch)
    return result
