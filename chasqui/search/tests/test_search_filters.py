"""Filters by type, topic, region and year: a plain GET form, one canonical URL per combination."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import strip_tags

from chasqui.news.models import Region
from chasqui.news.tests.factories import TopicFactory

from .factories import bulk_entries, publish_background, publish_news, publish_translation


@pytest.fixture
def filed_archive(site_tree):
    home = site_tree["en"]
    mining = TopicFactory(name="Mining", slug="mining")
    rights = TopicFactory(name="Human rights", name_es="Derechos humanos", slug="human-rights")
    apurimac, puno = Region.objects.get(slug="apurimac"), Region.objects.get(slug="puno")
    publish_news(
        home, "Mine protest 2024", date=datetime.date(2024, 5, 1), topics=[mining], regions=[apurimac]
    )
    publish_news(
        home, "Mine protest 2025", date=datetime.date(2025, 5, 1), topics=[mining, rights], regions=[puno]
    )
    publish_news(home, "Protest in Puno", date=datetime.date(2025, 7, 1), topics=[rights], regions=[puno])
    publish_background(home, "Protest background", intro="Why people protest.")
    return {"mining": mining, "rights": rights}


def found(client, path="/search/", **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return sorted(strip_tags(result.title) for result in response.context["search"].results)


@pytest.mark.django_db
def test_topic_region_and_year_each_narrow_the_results(client, filed_archive):
    assert found(client, q="protest", topic="mining") == ["Mine protest 2024", "Mine protest 2025"]
    assert found(client, q="protest", region="puno") == ["Mine protest 2025", "Protest in Puno"]
    assert found(client, q="protest", year="2024") == ["Mine protest 2024"]
    assert found(client, q="protest", topic="human-rights", region="puno", year="2025") == [
        "Mine protest 2025",
        "Protest in Puno",
    ]
    assert found(client, q="protest", topic="mining", region="apurimac", year="2025") == []


@pytest.mark.django_db
def test_filters_combine_with_the_type_and_its_counts(client, filed_archive):
    response = client.get("/search/", {"q": "protest", "type": "page", "region": "puno"})

    search = response.context["search"]
    assert search.count == 0
    assert {kind: count for kind, count in search.counts.items() if count} == {"news": 2}
    assert {"news", "page", "publication"} <= set(search.counts)
    assert found(client, q="protest", type="page") == ["Protest background"]


@pytest.mark.django_db
def test_unknown_filter_values_are_ignored(client, filed_archive):
    everything = found(client, q="protest")

    assert found(client, q="protest", topic="nonexistent", region="atlantis", year="1066") == everything
    assert found(client, q="protest", year="twenty") == everything
    assert len(everything) == 4


@pytest.mark.django_db
def test_the_form_offers_the_filters_as_selects_that_keep_the_choice(client, filed_archive):
    content = client.get("/search/", {"q": "protest", "topic": "mining", "year": "2025"}).content.decode()

    assert '<select name="topic" id="id_topic">' in content
    assert '<option value="mining" selected>Mining</option>' in content
    assert '<option value="apurimac">Apurímac</option>' in content
    assert '<option value="2025" selected>2025</option>' in content
    assert 'method="get"' in content
    assert '<meta name="robots" content="noindex">' in content


@pytest.mark.django_db
def test_spanish_page_names_topics_in_spanish(client, filed_archive, site_tree):
    english = publish_news(site_tree["en"], "Rights news", topics=[filed_archive["rights"]])
    publish_translation(english, "es", title="Noticia de derechos", lede="Protesta en Lima.", body=[])

    response = client.get("/es/search/", {"q": "protestas", "topic": "human-rights"})

    assert '<option value="human-rights" selected>Derechos humanos</option>' in response.content.decode()
    assert [strip_tags(r.title) for r in response.context["search"].results] == ["Noticia de derechos"]


@pytest.mark.django_db
def test_each_combination_has_one_canonical_url_and_links_keep_the_filters(client, site_tree):
    bulk_entries(site_tree["en"], 12, text="Water protests continue.")

    response = client.get(
        "/search/", {"year": "2020", "page": "1", "region": "", "q": "water", "topic": "", "type": "news"}
    )

    content = response.content.decode()
    assert (
        '<link rel="canonical" href="http://testserver/search/?q=water&amp;type=news&amp;year=2020">'
        in content
    )
    assert 'href="?q=water&amp;type=news&amp;year=2020&amp;page=2"' in content
    assert 'href="?q=water&amp;type=news"' in content  # clear filters, keep the type


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"q": "water", "region": "puno"},
        {"q": "water", "topic": "mining", "region": "puno", "year": "2020", "type": "news", "page": "2"},
        {"q": "water protests", "year": "2020"},
    ],
)
def test_filtered_search_query_count_does_not_grow_with_the_archive(client, site_tree, params):
    TopicFactory(name="Mining", slug="mining")
    bulk_entries(site_tree["en"], 10)

    def count_queries():
        client.get("/search/", params)
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/search/", params)
        assert response.status_code == 200
        return len(captured)

    small = count_queries()
    bulk_entries(site_tree["en"], 490)

    assert count_queries() == small
