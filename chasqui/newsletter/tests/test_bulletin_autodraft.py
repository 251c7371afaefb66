import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from chasqui.newsletter.autodraft import latest_slot, parse_weekly_time
from chasqui.newsletter.models import Bulletin

pytestmark = pytest.mark.django_db


def test_weekly_setting_is_parsed_and_rejected_when_garbled():
    assert parse_weekly_time("Fri 09:30") == (4, datetime.time(9, 30))
    assert parse_weekly_time("") is None
    with pytest.raises(ValueError, match="fri 09:00"):
        parse_weekly_time("every friday")


def local(*parts):
    """A moment on the site's clock."""
    return datetime.datetime(*parts, tzinfo=timezone.get_current_timezone())


def test_slot_is_the_latest_matching_time():
    friday_ten = local(2026, 11, 27, 10, 0)
    assert latest_slot(friday_ten, 4, datetime.time(9, 0)) == local(2026, 11, 27, 9, 0)
    friday_eight = local(2026, 11, 27, 8, 0)
    assert latest_slot(friday_eight, 4, datetime.time(9, 0)).day == 20


def test_weekly_draft_is_made_once_and_editors_are_told(
    settings, smtp_server, bulletin_with_items, editor, news_index, add_item
):
    settings.CHASQUI_BULLETIN_AUTODRAFT = "fri 09:00"
    Bulletin.objects.filter(pk=bulletin_with_items.pk).update(status="sent", sent_at=timezone.now())
    add_item(news_index, "New this week")
    friday_morning = local(2026, 12, 4, 9, 5)

    with time_machine.travel(friday_morning):
        call_command("draft_weekly_bulletin", stdout=io.StringIO())
        call_command("draft_weekly_bulletin", stdout=io.StringIO())

    drafts = Bulletin.objects.filter(status="draft")
    assert drafts.count() == 1
    assert [item.news_item.title for item in drafts.get().items.all()] == ["New this week"]
    (message,) = smtp_server.messages
    assert "Update 2" in message["Subject"]
    assert f"/admin/snippets/newsletter/bulletin/edit/{drafts.get().pk}/" in message.get_body().get_content()


def test_no_weekly_draft_when_switched_off(settings, bulletin_with_items):
    settings.CHASQUI_BULLETIN_AUTODRAFT = ""
    Bulletin.objects.update(status="sent")
    call_command("draft_weekly_bulletin", stdout=io.StringIO())
    assert not Bulletin.objects.filter(status="draft").exists()
