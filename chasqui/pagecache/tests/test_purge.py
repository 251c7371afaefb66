"""Front-end caches are told every address a change affects, once the change commits."""

import pytest
from django.apps import apps
from wagtail.contrib.frontend_cache.backends import BaseBackend

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
