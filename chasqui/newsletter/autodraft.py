"""The optional weekly draft: at a configured time the next bulletin is drafted and editors are told."""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from chasqui.core import mail
from chasqui.core.sites import absolute_url

from .choices import BulletinStatus
from .models import Bulletin
from .services import create_next_bulletin

logger = logging.getLogger(__name__)

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
EDITOR_GROUP = "Editor"


class AutodraftSettingError(ValueError):
    pass


def parse_weekly_time(value):
    """ "fri 09:00" → (4, time(9, 0)); empty → None."""
    value = (value or "").strip().lower()
    if not value:
        return None
    try:
        day, clock = value.split()
        hours, minutes = clock.split(":")
        return WEEKDAYS.index(day[:3]), datetime.time(int(hours), int(minutes))
    except ValueError as error:
        raise AutodraftSettingError(
            f"CHASQUI_BULLETIN_AUTODRAFT must look like 'fri 09:00', not {value!r}."
        ) from error


def latest_slot(now, weekday, at):
    """The most recent moment (local time) that matches the weekly setting, at or before now."""
    local = timezone.localtime(now)
    days_back = (local.weekday() - weekday) % 7
    slot = timezone.make_aware(
        datetime.datetime.combine(local.date() - datetime.timedelta(days=days_back), at)
    )
    if slot > local:
        slot -= datetime.timedelta(days=7)
    return slot


def draft_weekly(language=None, now=None, force=False):
    """Draft the week's bulletin once per slot if no draft is waiting; returns it, or None."""
    language = language or settings.LANGUAGE_CODE
    now = now or timezone.now()
    schedule = parse_weekly_time(getattr(settings, "CHASQUI_BULLETIN_AUTODRAFT", ""))
    if schedule is None and not force:
        return None
    waiting = Bulletin.objects.filter(
        language=language, status__in=[BulletinStatus.DRAFT, BulletinStatus.SCHEDULED]
    )
    if waiting.exists():
        return None
    if schedule is not None and not force:
        slot = latest_slot(now, *schedule)
        if Bulletin.objects.filter(language=language, created_at__gte=slot).exists():
            return None
    bulletin = create_next_bulletin(language)
    notify_editors(bulletin)
    return bulletin


def editor_addresses():
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return sorted(
        set(users.filter(groups__name=EDITOR_GROUP).values_list("email", flat=True))
        | set(users.filter(is_superuser=True).values_list("email", flat=True))
    )


def notify_editors(bulletin):
    recipients = editor_addresses()
    if not recipients:
        return 0
    edit_url = absolute_url(reverse("wagtailsnippets_newsletter_bulletin:edit", args=[bulletin.pk]))
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(bulletin)s is drafted and ready for review") % {"bulletin": bulletin}
        body = _(
            "%(bulletin)s was drafted with %(count)s news items.\n\n"
            "Review it, write the introduction and send it here:\n%(url)s\n"
        ) % {"bulletin": bulletin, "count": bulletin.items.count(), "url": edit_url}
    message = EmailMessage(subject, body, mail.sender(), bcc=recipients)
    return mail.send_emails([message])
