"""The topic, region and year lists come from the cache, and change on the very next search when what
they list does."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chasqui.news.tests.factories import TopicFactory

from .factories import publish_news

pytestmark = pytest.mark.django_db

FILTER_TABLES = ("news_topic", "news_region")


def page_content(client, path="/search/", **params):
    response = client.get(path, {"q": "water", **params})
    assert response.status_code == 200
    return response.content.decode()


def test_a_search_with_the_lists_cached_reads_only_the_index(client, site_tree):
    TopicFactory(name="Mining", slug="mining")
    publish_news(site_tree["en"], "Water protest", date=datetime.date(2024, 5, 1))
    page_content(client)  # reads the lists and warms the per-process caches

    with CaptureQueriesContext(connection) as page:
        content = page_content(client)

    assert '<option value="mining">Mining</option>' in content
    assert '<option value="2024">2024</option>' in content
    sql = [query["sql"] for query in page.captured_queries]
    # On PostgreSQL the search also sets a planner option, inside a savepoint.
    statements = [each for each in sql if not each.startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "SET "))]
    assert len(statements) == 2  # how many matches, and the page of results
    assert all("search_searchentry_fts" in each or "search_searchentry e" in each for each in statements)
    assert not [each for each in sql if any(table in each for table in FILTER_TABLES)]


def test_a_new_topic_and_the_year_of_a_newly_published_item_are_offered_at_once(client, site_tree):
    publish_news(site_tree["en"], "Water protest", date=datetime.date(2024, 5, 1))
    assert '<option value="2019">' not in page_content(client)

    glaciers = TopicFactory(name="Glaciers", slug="glaciers")
    publish_news(site_tree["en"], "Water from glaciers", date=datetime.date(2019, 2, 1), topics=[glaciers])

    content = page_content(client)
    assert '<option value="glaciers">Glaciers</option>' in content
    assert '<option value="2019">2019</option>' in content


def test_unpublishing_the_only_item_of_a_year_takes_the_year_away(client, site_tree):
    publish_news(site_tree["en"], "Water protest", date=datetime.date(2024, 5, 1))
    old = publish_news(site_tree["en"], "Old water protest", date=datetime.date(2019, 2, 1))
    assert '<option value="2019">2019</option>' in page_content(client)

    old.unpublish()

    assert '<option value="2019">' not in page_content(client)


def test_a_renamed_topic_shows_its_new_name_in_each_language(client, site_tree):
    rights = TopicFactory(name="Rights", name_es="Derechos", slug="rights")
    publish_news(site_tree["en"], "Water protest")
    assert '<option value="rights">Rights</option>' in page_content(client)
    assert '<option value="rights">Derechos</option>' in page_content(client, "/es/search/")

    rights.name, rights.name_es = "Human rights", "Derechos humanos"
    rights.save()

    assert '<option value="rights">Human rights</option>' in page_content(client)
    assert '<option value="rights">Derechos humanos</option>' in page_content(client, "/es/search/")


def test_a_deleted_topic_leaves_the_list(client, site_tree):
    mining = TopicFactory(name="Mining", slug="mining")
    publish_news(site_tree["en"], "Water protest")
    assert 'value="mining"' in page_content(client)

    mining.delete()

    assert 'value="mining"' not in page_content(client)
    assert page_content(client, topic="mining")  # a stale link to it searches everything instead
