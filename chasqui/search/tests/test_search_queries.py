"""Search costs a fixed number of SQL queries, whatever the archive's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chasqui.search import services
from chasqui.search.models import SearchEntry

from .factories import bulk_entries


def count_queries(client, params):
    client.get("/search/", params)  # warm per-process caches (site root paths, settings)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", params)
    assert response.status_code == 200
    return len(captured), response.context["search"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"q": "water"},
        {"q": "water", "type": "news", "page": "2"},
        {"q": "near the mine"},
        {"q": "nothingmatches"},
    ],
)
def test_search_page_query_count_does_not_grow_with_the_archive(client, site_tree, params):
    bulk_entries(site_tree["en"], 10)
    small, small_search = count_queries(client, params)

    bulk_entries(site_tree["en"], 990)
    large, large_search = count_queries(client, params)

    assert small == large
    assert large_search.count in (0, 1000)


@pytest.mark.django_db
def test_search_reads_the_index_twice_and_not_at_all_for_an_empty_query(site_tree):
    bulk_entries(site_tree["en"], 30)
    services.search("water", language="en")  # warm the cache of site root paths

    with CaptureQueriesContext(connection) as searched:
        results = services.search("water", language="en")
    with CaptureQueriesContext(connection) as empty:
        services.search("  ***  ", language="en")

    index_reads = [q["sql"] for q in searched.captured_queries if "search_searchentry" in q["sql"]]
    assert len(index_reads) == 2
    assert len(searched) <= 5  # on PostgreSQL also a planner setting inside a savepoint
    assert len(empty) == 0
    assert results.count == 30


@pytest.mark.django_db
def test_results_put_title_matches_first_then_newest_across_pages(site_tree):

    pages = bulk_entries(site_tree["en"], 40, text="Water everywhere.")
    titled = bulk_entries(site_tree["en"], 3, text="Dry text.")
    SearchEntry.objects.filter(page__in=titled).update(title="Glacier water", title_terms="glacier water")
    SearchEntry.objects.filter(page__in=pages).update(
        body="Glacier melt everywhere.", body_terms="glacier melt everywher"
    )

    first = services.search("glacier", language="en", per_page=4)
    second = services.search("glacier", language="en", per_page=4, page_number=2)

    newest_titled = sorted(titled, key=lambda page: page.pk, reverse=True)
    newest_bodies = sorted(pages, key=lambda page: page.pk, reverse=True)
    assert [r.url for r in first.results[:3]] == [p.url_path.replace("/home", "", 1) for p in newest_titled]
    expected_next = [p.url_path.replace("/home", "", 1) for p in newest_bodies[:5]]
    assert [r.url for r in first.results[3:]] + [r.url for r in second.results] == expected_next
