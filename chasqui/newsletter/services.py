"""Bulletin operations: drafting the next issue, scheduling, starting a send once, test sends."""

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from chasqui.core import mail
from chasqui.core.bulletin_sections import bulletin_sections
from chasqui.news.models import NewsItemPage

from . import preview
from .choices import Audience, BulletinStatus
from .content import render_bulletin_email
from .models import Bulletin, BulletinItem
from .sending import ConnectionTrouble, resend_uncertain
from .tasks import enqueue_send

logger = logging.getLogger(__name__)


def first_bulletin_days():
    """With no earlier bulletin, the first gathers the news of this many days (an imported archive
    of past years must not flood it); set by CHASQUI_BULLETIN_FIRST_DAYS."""
    return getattr(settings, "CHASQUI_BULLETIN_FIRST_DAYS", 7)


class BulletinError(Exception):
    """An operation the bulletin's state does not allow; the message is shown to the editor."""


def next_number(language):
    """One more than the highest number used, counting numbers recorded on imported news items."""
    highest_bulletin = Bulletin.objects.filter(language=language).aggregate(n=Max("number"))["n"] or 0
    highest_imported = (
        NewsItemPage.objects.filter(locale__language_code=language).aggregate(n=Max("bulletin_number"))["n"]
        or 0
    )
    return max(highest_bulletin, highest_imported) + 1


def week_start(previous=None, now=None):
    """Where a new bulletin's week begins: when the previous one went out (or was drafted), or
    `first_bulletin_days()` ago when there is none. News and every bulletin section share it."""
    if previous is not None:
        return previous.sent_at or previous.send_started_at or previous.created_at
    return (now or timezone.now()) - timedelta(days=first_bulletin_days())


def news_since_previous(language, previous=None, now=None):
    """News dated since the previous bulletin went out (or was drafted), oldest first.

    Items are chosen by the date readers see, not by when they were published on this site, so
    stories imported from an old archive never reach the next bulletin; with no previous
    bulletin, only the last `first_bulletin_days()` count. Oldest first reads as the week's story
    in order; the editor can reorder. Items already in a bulletin (here or imported) are left out.
    """
    since = week_start(previous, now)
    since_day = timezone.localdate(since)
    items = (
        NewsItemPage.objects.live()
        .public()
        .filter(locale__language_code=language)
        .filter(Q(date__gt=since_day) | Q(date=since_day, first_published_at__gt=since))
    )
    already_used = BulletinItem.objects.filter(bulletin__language=language).values("news_item_id")
    return (
        items.exclude(pk__in=already_used)
        .filter(bulletin_number__isnull=True)
        .order_by("date", "first_published_at", "pk")
    )


@transaction.atomic
def create_next_bulletin(language=None, user=None):
    """Draft the next numbered bulletin, filled with the news published since the last one and
    with what each registered section (chasqui.core.bulletin_sections) has for the same week."""
    language = language or settings.LANGUAGE_CODE
    now = timezone.now()
    previous = Bulletin.objects.filter(language=language).order_by("-number").first()
    bulletin = Bulletin.objects.create(
        number=next_number(language),
        language=language,
        audience=previous.audience if previous else Audience.LANGUAGE,
        sign_off=previous.sign_off if previous else "",
        created_by=user if user and user.is_authenticated else None,
    )
    BulletinItem.objects.bulk_create(
        BulletinItem(bulletin=bulletin, news_item=page, sort_order=position)
        for position, page in enumerate(news_since_previous(language, previous, now))
    )
    since = week_start(previous, now)
    for section in bulletin_sections():
        section.prefill(bulletin, since)
    return bulletin


def check_sendable(bulletin):
    if not bulletin.items.exists():
        raise BulletinError(_("Add at least one news item before sending."))


def send_now(bulletin):
    """Start sending, once: the conditional update lets only one click or editor through."""
    check_sendable(bulletin)
    started = Bulletin.objects.filter(
        pk=bulletin.pk, status__in=[BulletinStatus.DRAFT, BulletinStatus.SCHEDULED]
    ).update(status=BulletinStatus.SENDING, send_started_at=timezone.now(), scheduled_for=None)
    if not started:
        raise BulletinError(_("This bulletin is already being sent or has been sent."))
    enqueue_send(bulletin.pk)


def schedule(bulletin, when):
    check_sendable(bulletin)
    if when <= timezone.now():
        raise BulletinError(_("Choose a time in the future, or send now."))
    scheduled = Bulletin.objects.filter(
        pk=bulletin.pk, status__in=[BulletinStatus.DRAFT, BulletinStatus.SCHEDULED]
    ).update(status=BulletinStatus.SCHEDULED, scheduled_for=when)
    if not scheduled:
        raise BulletinError(_("This bulletin is already being sent or has been sent."))
    enqueue_send(bulletin.pk, run_after=when)


def cancel_schedule(bulletin):
    cancelled = Bulletin.objects.filter(pk=bulletin.pk, status=BulletinStatus.SCHEDULED).update(
        status=BulletinStatus.DRAFT, scheduled_for=None
    )
    if not cancelled:
        raise BulletinError(_("This bulletin is not scheduled any more; it may already be sending."))


@dataclass
class Progress:
    sent: int
    failed: int
    skipped: int
    uncertain: int
    remaining: int
    total: int

    @property
    def done(self):
        return self.total - self.remaining

    @property
    def percent_done(self):
        return round(100 * self.done / self.total) if self.total else 0


def progress(bulletin):
    return Progress(**bulletin.deliveries.counts())


def resend_to_uncertain(bulletin):
    """Resend to the readers a killed worker may have missed; returns how many were sent."""
    try:
        result = resend_uncertain(bulletin)
    except ConnectionTrouble as trouble:
        raise BulletinError(
            _("The mail server could not be reached: %(error)s") % {"error": trouble}
        ) from trouble
    return result.sent


def send_test(bulletin, address):
    """Send the bulletin to one address now, marked as a test; unsubscribe links are inert.

    Its "read on the website" link is the signed preview while the bulletin is not sent yet.
    """
    web_url = preview.web_url(bulletin)
    email = render_bulletin_email(bulletin, web_url=web_url)
    email.subject = _("[Test] %(subject)s") % {"subject": email.subject}
    message = email.message(address, unsubscribe=web_url + "#test-unsubscribe")
    try:
        mail.send_emails([message])
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Test send of %s to %s failed: %s", bulletin, address, error)
        raise BulletinError(_("The test could not be sent: %(error)s") % {"error": error}) from error
