"""Front-end caches are told every address a change affects, once the change commits: by one
background task per transaction, naming each address once."""

import contextlib

import pytest
from django.apps import apps
from django.db import transaction
from django.tasks.signals import task_enqueued
from wagtail.contrib.frontend_cache.backends import BaseBackend

from chasqui.news.items import NewsSource, RelatedNewsItem
from chasqui.news.tests.factories import TopicFactory
from chasqui.pagecache import invalidation
from chasqui.search.tests.factories import publish_news

pytestmark = pytest.mark.django_db

PURGED = []


class RecordingBackend(BaseBackend):
    """Keeps the addresses it is asked to purge, as a CDN's API would receive them."""

    def purge(self, url):
        PURGED.append(url)


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    PURGED.clear()
    return PURGED


@pytest.fixture
def enqueued():
    """The purge tasks enqueued (the test settings' immediate backend also runs them)."""
    found = []

    def record(sender, task_result, **kwargs):
        if task_result.task.name == "purge_front_end_caches":
            found.append(task_result)

    task_enqueued.connect(record, weak=False)
    yield found
    task_enqueued.disconnect(record)


def test_publishing_a_news_item_purges_it_and_everywhere_it_is_listed(
    site_tree, purged, django_capture_on_commit_callbacks
):
    topic = TopicFactory(name="Water", slug="water")
    with django_capture_on_commit_callbacks(execute=True):
        item = publish_news(site_tree["en"], "Water rights case")
        item.topics.add(topic)
        purged.clear()
        item.save_revision().publish()
    base = "http://localhost"
    expected = {
        item.get_full_url(),
        f"{base}/",
        f"{base}/news/",
        f"{base}/news/topic/water/",
        f"{base}/news/topic/water/feed/rss/",
        f"{base}/news/feed/atom/",
        f"{base}/news/archive/{item.date.year}/",
        f"{base}/news/archive/{item.date.year}/{item.date.month}/",
        f"{base}/sitemap.xml",
    }
    assert expected <= set(purged), expected - set(purged)


def test_nothing_is_purged_before_the_change_commits(site_tree, purged, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish_news(site_tree["en"], "Not yet committed")
    assert purged == []
    assert callbacks


def test_the_models_left_out_of_invalidation_exist():
    """A misspelt or renamed model here would silently count as a change again (or an app as content)."""
    labels = {model._meta.label_lower for model in apps.get_models()}
    app_labels = {config.label for config in apps.get_app_configs()}
    assert labels >= invalidation.IGNORED_MODELS, invalidation.IGNORED_MODELS - labels
    assert app_labels >= invalidation.IGNORED_APPS, invalidation.IGNORED_APPS - app_labels


def test_ten_publishes_in_one_transaction_enqueue_one_purge_naming_each_address_once(
    site_tree, purged, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        items = [publish_news(site_tree["en"], f"Strike day {n}") for n in range(10)]
    assert len(enqueued) == 1
    assert len(purged) == len(set(purged))
    assert {item.get_full_url() for item in items} <= set(purged)
    assert {"http://localhost/", "http://localhost/news/"} <= set(purged)


def test_saves_of_separate_transactions_each_purge(
    site_tree, purged, enqueued, django_capture_on_commit_callbacks
):
    for title in ("First march", "Second march"):
        with django_capture_on_commit_callbacks(execute=True):
            item = publish_news(site_tree["en"], title)
        assert item.get_full_url() in purged
    assert len(enqueued) == 2


def test_a_rolled_back_savepoint_leaves_the_rest_of_the_transaction_purged(
    site_tree, purged, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with contextlib.suppress(RuntimeError), transaction.atomic():
            publish_news(site_tree["en"], "Never happened")
            raise RuntimeError
        item = publish_news(site_tree["en"], "Did happen")
    assert len(enqueued) == 1
    assert item.get_full_url() in purged


def test_a_topic_change_purges_every_live_page_listed_by_the_task(
    site_tree, purged, enqueued, django_capture_on_commit_callbacks
):
    item = publish_news(site_tree["en"], "Mining protest")
    with django_capture_on_commit_callbacks(execute=True):
        TopicFactory(name="Mining", slug="mining")
        TopicFactory(name="Water", slug="water")
    assert len(enqueued) == 1
    assert enqueued[0].kwargs == {"everything": True}
    assert {item.get_full_url(), "http://localhost/", "http://localhost/sitemap.xml"} <= set(purged)


def test_nothing_is_enqueued_without_a_front_end_cache(
    site_tree, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish_news(site_tree["en"], "Quiet change")
    assert enqueued == []


def test_an_items_own_sources_published_with_it_purge_its_addresses_not_every_page(
    site_tree, purged, enqueued, django_capture_on_commit_callbacks
):
    item = publish_news(site_tree["en"], "Water report")
    with django_capture_on_commit_callbacks(execute=True):
        item.sources = [NewsSource(title="Ombudsman report", url="https://example.org/report")]
        item.save_revision().publish()
    assert len(enqueued) == 1
    assert enqueued[0].kwargs == {"everything": False}
    assert item.get_full_url() in purged


def test_a_link_to_another_page_still_purges_every_page(
    site_tree, purged, enqueued, django_capture_on_commit_callbacks
):
    first = publish_news(site_tree["en"], "First item")
    second = publish_news(site_tree["en"], "Second item")
    with django_capture_on_commit_callbacks(execute=True):
        RelatedNewsItem.objects.create(page=first, related=second)
    assert enqueued[0].kwargs == {"everything": True}
    assert second.get_full_url() in purged


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rolled_back_transaction_leaves_nothing_for_the_next_to_purge(site_tree, purged, enqueued):
    with contextlib.suppress(RuntimeError), transaction.atomic():
        publish_news(site_tree["en"], "Rolled back story")
        raise RuntimeError
    assert enqueued == []
    TopicFactory(name="Forests", slug="forests")  # committed at once
    assert len(enqueued) == 1
    assert purged
    assert not any("rolled-back-story" in url for url in purged)
