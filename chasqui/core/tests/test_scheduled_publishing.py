"""A news item with a future go-live time stays hidden until `publish_scheduled` runs after that time."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from chasqui.news.models import NewsIndexPage, NewsItemPage

TITLE = "Ombudsman publishes annual count of social conflicts"


@pytest.fixture
def news_index(site_tree):
    return NewsIndexPage.objects.child_of(site_tree["en"]).get()


@pytest.fixture
def scheduled_item(news_index):
    """Published by an editor with a go-live time one hour ahead."""
    item = news_index.add_child(
        instance=NewsItemPage(
            title=TITLE,
            slug="ombudsman-annual-conflict-report",
            date=datetime.date(2019, 4, 15),
            lede="The Ombudsman's office counts the social conflicts active across Peru.",
            live=False,
            go_live_at=timezone.now() + datetime.timedelta(hours=1),
        )
    )
    item.save_revision().publish()
    item.refresh_from_db()
    return item


def run_publish_scheduled_at(moment, monkeypatch):
    """Runs Wagtail's command as if the clock read `moment`."""
    with monkeypatch.context() as patch:
        patch.setattr(timezone, "now", lambda: moment)
        call_command("publish_scheduled")


def test_item_with_future_go_live_is_not_live(scheduled_item, news_index, client):
    assert scheduled_item.live is False
    assert scheduled_item.latest_revision.approved_go_live_at == scheduled_item.go_live_at
    assert client.get(scheduled_item.url).status_code == 404
    assert TITLE not in client.get(news_index.url).content.decode()


def test_publish_scheduled_leaves_item_hidden_before_its_time(scheduled_item, monkeypatch):
    run_publish_scheduled_at(timezone.now() + datetime.timedelta(minutes=30), monkeypatch)

    scheduled_item.refresh_from_db()
    assert scheduled_item.live is False


def test_publish_scheduled_makes_item_live_once_its_time_has_passed(
    scheduled_item, news_index, client, monkeypatch
):
    run_publish_scheduled_at(timezone.now() + datetime.timedelta(hours=2), monkeypatch)

    scheduled_item.refresh_from_db()
    assert scheduled_item.live is True
    assert scheduled_item.latest_revision.approved_go_live_at is None
    assert client.get(scheduled_item.url).status_code == 200
    assert TITLE in client.get(news_index.url).content.decode()
