""" "Create next bulletin" gathers news by the date readers see, since the previous bulletin, so an
imported archive of past years never floods the next issue."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from chasqui.newsletter import services
from chasqui.newsletter.choices import BulletinStatus
from chasqui.newsletter.models import Bulletin

pytestmark = pytest.mark.django_db


def local(*parts):
    return datetime.datetime(*parts, tzinfo=timezone.get_current_timezone())


def titles(bulletin):
    return [item.news_item.title for item in bulletin.items.order_by("sort_order")]


@time_machine.travel(local(2026, 12, 4, 10, 0), tick=False)
def test_old_stories_published_lately_stay_out_of_the_next_bulletin(site_settings, news_index, add_item):
    Bulletin.objects.create(number=40, status=BulletinStatus.SENT, sent_at=local(2026, 11, 27, 9, 0))
    add_item(news_index, "Two farmers die in San Gaban clashes", "2026-12-02")
    add_item(news_index, "Archive story one", "2019-03-11")  # imported today, never in a bulletin
    add_item(news_index, "Archive story two", "2019-03-25")
    add_item(news_index, "Story from the week before", "2026-11-25")
    add_item(news_index, "Same day after the send", "2026-11-27")

    bulletin = services.create_next_bulletin("en")

    assert titles(bulletin) == ["Same day after the send", "Two farmers die in San Gaban clashes"]


@time_machine.travel(local(2026, 12, 4, 10, 0), tick=False)
def test_the_first_bulletin_ever_gathers_only_the_last_days(settings, site_settings, news_index, add_item):
    add_item(news_index, "Archive story", "2019-03-11")
    add_item(news_index, "Ten days ago", "2026-11-24")
    add_item(news_index, "Three days ago", "2026-12-01")

    assert titles(services.create_next_bulletin("en")) == ["Three days ago"]
    Bulletin.objects.all().delete()
    settings.CHASQUI_BULLETIN_FIRST_DAYS = 14
    assert titles(services.create_next_bulletin("en")) == ["Ten days ago", "Three days ago"]


@time_machine.travel(local(2026, 12, 4, 10, 0), tick=False)
def test_items_of_imported_bulletins_are_left_out(site_settings, news_index, add_item):
    imported = add_item(news_index, "Was in Update 119", "2026-12-01")
    imported.bulletin_number = 119
    imported.save()
    add_item(news_index, "New", "2026-12-02")

    bulletin = services.create_next_bulletin("en")

    assert bulletin.number == 120
    assert titles(bulletin) == ["New"]
