"""The news item editor: what a first editor sees when writing an item in the admin."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from chasqui.news.models import NewsItemPage

pytestmark = pytest.mark.django_db


def add_form(admin_client, news_index):
    response = admin_client.get(f"/admin/pages/add/news/newsitempage/{news_index.pk}/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def edit_form(admin_client, item):
    response = admin_client.get(f"/admin/pages/{item.pk}/edit/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_a_new_item_is_dated_today_in_the_sites_time_zone(admin_client, news_index, settings, monkeypatch):
    settings.TIME_ZONE = "Pacific/Kiritimati"  # UTC+14: its today is often not the server's
    timezone.deactivate()
    today = timezone.localdate()

    page = add_form(admin_client, news_index)

    assert page.find("input", {"name": "date"})["value"] == today.isoformat()
    assert NewsItemPage().date == today


def test_every_tab_trigger_of_the_item_editor_has_its_panel(admin_client, news_index, add_item):
    item = add_item(news_index, "Water protest", datetime.date(2024, 5, 1))

    page = edit_form(admin_client, item)

    for controller in page.select('[data-controller~="w-tabs"]'):
        panel_ids = {panel.get("id") for panel in controller.select('[data-w-tabs-target="panel"]')}
        for trigger in controller.select('[data-w-tabs-target="trigger"]'):
            target = (
                trigger.get("aria-controls")
                or (trigger.get("href") or "").removeprefix("#")
                or trigger.get("data-w-tabs-id-param")
            )
            assert target in panel_ids, str(trigger)[:300]


def test_topics_and_regions_are_checkboxes_not_a_ctrl_click_list(admin_client, news_index, topics):
    page = add_form(admin_client, news_index)

    for name in ("topics", "regions"):
        assert page.find("select", {"name": name}) is None
        boxes = page.find_all("input", {"type": "checkbox", "name": name})
        assert boxes, name
    assert len(page.find_all("input", {"type": "checkbox", "name": "regions"})) == 25
    assert page.find("link", href=lambda href: href and href.endswith("css/admin.css"))
