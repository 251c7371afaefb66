"""The audit trail's shared parts: publishing says who, when and from where; old entries go."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry

from chasqui.core.management.commands.run_scheduled_jobs import JOBS
from chasqui.core.tests.test_page_edit_lock import edit_data
from chasqui.news.models import NewsIndexPage, NewsItemPage

pytestmark = pytest.mark.django_db
ADDRESS = "198.51.100.23"


@pytest.fixture
def draft(site_tree):
    news_index = NewsIndexPage.objects.child_of(site_tree["en"]).get()
    page = NewsItemPage(title="Draft story", date=datetime.date(2026, 11, 30), lede="First lede.", live=False)
    news_index.add_child(instance=page)
    page.save_revision()
    return page


def test_publishing_and_unpublishing_record_who_when_and_from_where(client, admin_user, draft):
    client.force_login(admin_user)
    data = edit_data(client, draft, lede="An edited lede.", **{"action-publish": "1"})
    client.post(f"/admin/pages/{draft.pk}/edit/", data, REMOTE_ADDR=ADDRESS)
    client.post(f"/admin/pages/{draft.pk}/unpublish/", {}, REMOTE_ADDR=ADDRESS)

    for action in ("wagtail.publish", "wagtail.unpublish"):
        entry = PageLogEntry.objects.filter(page=draft, action=action).get()
        assert entry.user == admin_user
        assert timezone.now() - entry.timestamp < datetime.timedelta(minutes=1)
        assert entry.data["client_address"] == ADDRESS

    draft.save_revision().publish()  # a scheduled job, after the request: from nowhere
    latest = PageLogEntry.objects.filter(page=draft, action="wagtail.publish").latest("timestamp")
    assert latest.user is None
    assert "client_address" not in latest.data


def test_entries_older_than_the_keeping_period_are_deleted(settings, admin_user, draft):
    settings.CHASQUI_AUDIT_KEEP_DAYS = 30
    now = timezone.now()
    old = ModelLogEntry.objects.log_action(
        admin_user, "wagtail.edit", timestamp=now - datetime.timedelta(days=31)
    )
    kept = ModelLogEntry.objects.log_action(
        admin_user, "wagtail.edit", timestamp=now - datetime.timedelta(days=29)
    )
    old_page = PageLogEntry.objects.log_action(
        draft, "wagtail.edit", timestamp=now - datetime.timedelta(days=40)
    )

    output = StringIO()
    call_command("prune_audit_log", "--dry-run", stdout=output)
    assert "Would delete 2" in output.getvalue()
    assert ModelLogEntry.objects.filter(pk=old.pk).exists()

    call_command("prune_audit_log", stdout=output)
    assert not ModelLogEntry.objects.filter(pk=old.pk).exists()
    assert not PageLogEntry.objects.filter(pk=old_page.pk).exists()
    assert ModelLogEntry.objects.filter(pk=kept.pk).exists()


def test_a_keeping_period_of_zero_keeps_everything(settings, admin_user):
    settings.CHASQUI_AUDIT_KEEP_DAYS = 0
    old = ModelLogEntry.objects.log_action(
        admin_user, "wagtail.edit", timestamp=timezone.now() - datetime.timedelta(days=5000)
    )
    call_command("prune_audit_log", stdout=StringIO())
    assert ModelLogEntry.objects.filter(pk=old.pk).exists()


def test_the_cleanup_runs_with_the_scheduled_jobs():
    assert "prune_audit_log" in [name for name, _purpose in JOBS]
