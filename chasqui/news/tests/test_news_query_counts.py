"""Listing, item and feed pages must cost the same number of queries however big the archive grows."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chasqui.demo.generator import generate_news
from chasqui.news.models import NewsItemPage

pytestmark = pytest.mark.django_db


def query_counts(client, urls):
    """Queries per page, first with an empty cache and then warm.

    A throwaway round first fills per-process caches (content types, locales) that have nothing
    to do with the archive's size.
    """
    for url in urls.values():
        client.get(url)
    counts = {}
    cache.clear()
    for temperature in ("cold", "warm"):
        for label, url in urls.items():
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            assert response.status_code == 200, url
            counts[(temperature, label)] = len(captured)
    return counts


def urls_for(archive_size, per_page):
    newest = NewsItemPage.objects.published().in_language("en").newest_first().first()
    return {
        "index": "/news/",
        "deep page": f"/news/?page={archive_size // per_page}",
        "item": newest.url,
        "topic feed": "/news/topic/mining/feed/rss/",
        "topic listing": "/news/topic/mining/",
    }


def test_news_pages_cost_the_same_queries_for_10_and_1000_items(client, site_tree, settings):
    settings.CHASQUI_NEWS_PER_PAGE = 2
    generate_news(10, seed=1)
    small = query_counts(client, urls_for(10, 2))

    generate_news(990, seed=2)
    large = query_counts(client, urls_for(1000, 2))

    assert small == large
    assert max(large.values()) <= 25
