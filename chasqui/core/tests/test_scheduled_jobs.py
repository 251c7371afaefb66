"""The one cron command runs every job that works on a clock."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from chasqui.membership.choices import MembershipStatus
from chasqui.membership.tests.factories import MemberFactory
from chasqui.news.models import NewsIndexPage, NewsItemPage
from chasqui.subscribers.choices import SubscriberStatus
from chasqui.subscribers.models import Subscriber

pytestmark = pytest.mark.django_db


def test_one_run_publishes_due_pages_expires_old_sign_ups_and_lapses_members(site_tree):
    index = NewsIndexPage.objects.child_of(site_tree["en"]).get()
    scheduled = index.add_child(
        instance=NewsItemPage(title="Scheduled", date=datetime.date(2026, 11, 21), lede="Lede.", live=False)
    )
    revision = scheduled.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    scheduled.has_unpublished_changes = True
    scheduled.save()

    stale = Subscriber.objects.create(email="stale@example.org")
    Subscriber.objects.filter(pk=stale.pk).update(
        status_changed_at=timezone.now() - datetime.timedelta(days=30),
        confirmation_sent_at=timezone.now() - datetime.timedelta(days=30),
    )
    long_expired = MemberFactory(
        status=MembershipStatus.ACTIVE, expires_on=timezone.localdate() - datetime.timedelta(days=90)
    )

    output = StringIO()
    call_command("run_scheduled_jobs", stdout=output)

    scheduled.refresh_from_db()
    long_expired.refresh_from_db()
    assert scheduled.live
    assert not Subscriber.objects.filter(email="stale@example.org", status=SubscriberStatus.PENDING).exists()
    assert long_expired.status == MembershipStatus.LAPSED
    assert "All scheduled jobs ran." in output.getvalue()
