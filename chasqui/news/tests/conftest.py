import datetime

import pytest
from django.core.cache import cache

from chasqui.news.models import NewsIndexPage, Region

from .factories import NewsItemPageFactory, TopicFactory


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
        "mining": TopicFactory(name="Mining", name_es="Minería", slug="mining"),
        "congress": TopicFactory(name="Congress", name_es="Congreso", slug="congress"),
    }


@pytest.fixture
def add_item():
    """Publish a news item the way an editor would, via add_child and a published revision."""

    def add(index, title, date, *, topics=(), regions=(), lede="", body=None, slug=None, live=True):
        return NewsItemPageFactory(
            parent=index,
            title=title,
            slug=slug or title.lower().replace(" ", "-"),
            date=date if isinstance(date, datetime.date) else datetime.date.fromisoformat(date),
            lede=lede or f"Lede for {title}.",
            body=body or [],
            topics=list(topics),
            regions=list(regions),
            live=live,
            publish=live,
        )

    return add


@pytest.fixture
def cusco(db):
    return Region.objects.get(slug="cusco")
