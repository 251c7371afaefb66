import datetime

import pytest
from django.core.cache import cache

from chasqui.news.models import NewsIndexPage, NewsItemPage, Region, Topic


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Archive anchors live in the cache; each test starts without any."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def news_index(site_tree):
    return NewsIndexPage.objects.child_of(site_tree["en"]).get()


@pytest.fixture
def spanish_news_index(site_tree):
    return NewsIndexPage.objects.child_of(site_tree["es"]).get()


@pytest.fixture
def topics(db):
    return {
        "mining": Topic.objects.create(name="Mining", name_es="Minería", slug="mining"),
        "congress": Topic.objects.create(name="Congress", name_es="Congreso", slug="congress"),
    }


@pytest.fixture
def add_item():
    """Publish a news item the way an editor would, via add_child and a published revision."""

    def add(index, title, date, *, topics=(), regions=(), lede="", body=None, slug=None, live=True):
        item = NewsItemPage(
            title=title,
            slug=slug or title.lower().replace(" ", "-"),
            date=date if isinstance(date, datetime.date) else datetime.date.fromisoformat(date),
            lede=lede or f"Lede for {title}.",
            body=body or [],
        )
        item.topics = list(topics)
        item.regions = list(regions)
        item.live = live
        index.add_child(instance=item)
        if live:
            item.save_revision().publish()
        return item

    return add


@pytest.fixture
def cusco(db):
    return Region.objects.get(slug="cusco")
