"""The public search page: language, filters, pagination, highlighting and awkward input."""

import datetime

import pytest
from django.utils.html import strip_tags
from wagtail import hooks

from chasqui.core.search_types import SEARCH_TYPES_HOOK, SearchType

from .factories import (
    bulk_entries,
    publish_background,
    publish_news,
    publish_publication,
    publish_translation,
)


@pytest.fixture
def mixed_archive(site_tree):
    home = site_tree["en"]
    publish_news(home, "Mining news", lede="A new mine in Apurímac.", date=datetime.date(2025, 1, 2))
    publish_background(home, "Mining background", intro="Why mining matters in Apurímac.")
    publish_publication(home, "Mining report", summary="<p>A study of mining in Apurimac.</p>")
    return site_tree


@pytest.mark.django_db
def test_search_page_lists_ranked_results_with_count_and_types(client, mixed_archive):
    response = client.get("/search/", {"q": "mining"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "3 results for “mining”" in content
    assert content.count('class="search-result search-result--') == 3
    assert "<mark>Mining</mark> report" in content
    assert '<time datetime="2025-01-02">' in content


@pytest.mark.django_db
def test_type_filter_shows_only_that_type_and_keeps_counts_for_the_others(client, mixed_archive):
    response = client.get("/search/", {"q": "mining", "type": "publication"})

    content = response.content.decode()
    assert response.context["search"].count == 1
    assert [r.kind for r in response.context["search"].results] == ["publication"]
    assert 'value="publication" checked' in content
    counts = {kind: count for kind, count in response.context["search"].counts.items() if count}
    assert counts == {"news": 1, "page": 1, "publication": 1}


@pytest.mark.django_db
def test_unknown_type_filter_is_ignored(client, mixed_archive):
    response = client.get("/search/", {"q": "mining", "type": "members"})

    assert response.status_code == 200
    assert response.context["search"].count == 3


@pytest.mark.django_db
def test_accented_and_unaccented_spellings_find_each_other(client, mixed_archive):
    accented = client.get("/search/", {"q": "Apurímac"}).context["search"]
    plain = client.get("/search/", {"q": "apurimac"}).context["search"]

    assert accented.count == plain.count == 3


@pytest.mark.django_db
def test_spanish_search_page_searches_spanish_pages_only(client, site_tree):
    english = publish_news(site_tree["en"], "Water dispute", lede="Water for Cusco.")
    publish_translation(english, "es", title="Disputa por el agua", lede="Agua para Cusco.")

    spanish = client.get("/es/search/", {"q": "cusco"})
    english_results = client.get("/search/", {"q": "cusco"})

    assert [r.title for r in spanish.context["search"].results] == ["Disputa por el agua"]
    assert spanish.context["search"].results[0].url.startswith("/es/noticias/")
    assert [r.title for r in english_results.context["search"].results] == ["Water dispute"]


@pytest.mark.django_db
def test_snippets_highlight_the_term_and_escape_page_text(client, site_tree):
    publish_news(
        site_tree["en"],
        "Report",
        lede="Plain lede.",
        body="<p>Officials wrote &lt;script&gt;alert(1)&lt;/script&gt; beside the glacier data.</p>",
    )

    content = client.get("/search/", {"q": "glacier"}).content.decode()

    snippet = client.get("/search/", {"q": "glacier"}).context["search"].results[0].snippet
    assert "<mark>glacier</mark>" in content
    assert "alert(1)" in snippet
    assert "<script" not in snippet
    assert "<script>alert(1)" not in content


@pytest.mark.django_db
def test_quoted_phrase_matches_words_in_that_order_only(client, site_tree):
    publish_news(site_tree["en"], "Rights", lede="Human rights defenders met.")
    publish_news(site_tree["en"], "Other", lede="Rights of human beings.")

    search = client.get("/search/", {"q": '"human rights"'}).context["search"]

    assert [strip_tags(r.title) for r in search.results] == ["Rights"]


@pytest.mark.django_db
def test_trailing_star_finds_words_starting_with_it(client, site_tree):
    publish_news(site_tree["en"], "Miners", lede="Informal miners protest.")

    assert client.get("/search/", {"q": "mine*"}).context["search"].count == 1
    assert client.get("/search/", {"q": "mine"}).context["search"].count == 0


@pytest.mark.django_db
def test_results_are_paginated_with_links_that_keep_the_query(client, site_tree):
    bulk_entries(site_tree["en"], 25, text="Water protests continue.")

    first = client.get("/search/", {"q": "water", "type": "news"})
    third = client.get("/search/", {"q": "water", "type": "news", "page": "3"})

    assert first.context["search"].count == 25
    assert len(first.context["search"].results) == 10
    assert "?q=water&amp;type=news&amp;page=2" in first.content.decode()
    assert len(third.context["search"].results) == 5
    assert third.context["search"].start_index == 21
    first_titles = {r.title for r in first.context["search"].results}
    assert first_titles.isdisjoint({r.title for r in third.context["search"].results})


@pytest.mark.django_db
def test_page_number_past_the_end_shows_the_last_page(client, site_tree):
    bulk_entries(site_tree["en"], 12)

    response = client.get("/search/", {"q": "water", "page": "99"})

    assert response.status_code == 200
    assert response.context["search"].page_number == 2
    assert len(response.context["search"].results) == 2


@pytest.mark.django_db
def test_empty_query_shows_help_without_results(client, site_tree):
    response = client.get("/search/")

    assert response.status_code == 200
    assert response.context["search"].count == 0
    assert (
        "Search covers news, background pages, publications, incidents, actors and cases."
        in response.content.decode()
    )


@pytest.mark.django_db
def test_the_help_names_every_registered_type_in_spanish(client, site_tree):
    response = client.get("/es/search/")

    assert response.status_code == 200
    assert (
        "La búsqueda abarca noticias, páginas de contexto, publicaciones, incidentes, actores y casos."
        in response.content.decode()
    )


@pytest.mark.django_db
def test_the_help_lists_the_types_the_hook_registers(client, site_tree):
    """A type registered through core's hook is named in the help, so the help never falls behind."""
    extra = SearchType("news.NewsItemPage", "extra", "Extra", "Extras", help_label="field reports")

    with hooks.register_temporarily(SEARCH_TYPES_HOOK, lambda: [extra]):
        response = client.get("/search/")

    assert "incidents, actors, cases and field reports." in response.content.decode()


@pytest.mark.django_db
def test_no_matches_in_one_type_points_to_matches_in_the_others(client, site_tree):
    publish_news(site_tree["en"], "Water protest")

    response = client.get("/search/", {"q": "water", "type": "publication"})

    content = response.content.decode()
    assert "Nothing in Publications matches “water”." in content
    assert "See the 1 match in other sections" in content
    assert 'href="?q=water"' in content


@pytest.mark.django_db
def test_long_query_is_shortened_with_a_notice(client, site_tree):
    publish_news(site_tree["en"], "Water protest")

    response = client.get("/search/", {"q": "water " + "x" * 5000})

    assert response.status_code == 200
    assert len(response.context["search"].query.text) == 200
    assert "only its first 200 characters were used" in response.content.decode()


ODD_QUERIES = [
    '"',
    '""',
    '"water',
    "water AND",
    "OR",
    "NOT water",
    "NEAR(water protest, 2)",
    "water*",
    "*",
    "^water",
    "(water",
    "water)",
    "{title}: water",
    "title:water",
    "wat'er",
    "water -protest",
    "a & b | !c <-> d:*",
    "\\",
    "%_%",
    "\x00water",
    "💧 agua",
    "ÁPURÍMAC",
    "Ñuñoa",
    "日本語",
    "'; DROP TABLE search_searchentry; --",
    "<script>alert(1)</script>",
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_give_a_normal_page(client, site_tree, query):
    publish_news(site_tree["en"], "Water protest", lede="Protest over water in Apurímac.")

    response = client.get("/search/", {"q": query, "type": "news"})
    spanish = client.get("/es/search/", {"q": query})

    assert response.status_code == 200
    assert spanish.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.django_db
def test_operator_words_are_searched_as_words(client, site_tree):
    publish_news(site_tree["en"], "Water or land", lede="A choice between water or land.")
    publish_news(site_tree["en"], "Water alone", lede="Only water.")

    assert client.get("/search/", {"q": "water OR"}).context["search"].count == 1
    assert client.get("/search/", {"q": "NOT water"}).context["search"].count == 0
