"""Search understands words: inflections and accents in both languages, ranking, snippets, upgrades.

Every test here runs on whichever database the suite uses; CI runs it on SQLite and PostgreSQL,
so the same content must give the same results on both.
"""

import datetime

import pytest
from django.apps import apps as django_apps
from django.utils.html import strip_tags

from chasqui.pages.tests.factories import section
from chasqui.search import services
from chasqui.search.engines import Scope, get_engine
from chasqui.search.models import SearchEntry
from chasqui.search.query import Terms
from chasqui.search.signals import rebuild_outdated_entries
from chasqui.search.terms import index_terms, word_terms

from .factories import publish_background, publish_news, publish_translation


def titles(query, language="en", **kwargs):
    return [
        strip_tags(result.title) for result in services.search(query, language=language, **kwargs).results
    ]


@pytest.mark.parametrize(
    ("language", "typed", "written"),
    [
        ("en", "kill", "killed"),
        ("en", "mines", "mine"),
        ("en", "Apurimac", "Apurímac"),
        ("es", "protestas", "protesta"),
        ("es", "mineria", "minería"),
        ("es", "minería", "mineria"),
        ("es", "Cusco", "CUSCO"),
    ],
)
def test_typed_and_written_forms_share_a_term(language, typed, written):
    assert word_terms(typed, language) == word_terms(written, language)


def test_index_terms_keep_letters_and_digits_only():
    assert index_terms("Killed in 2023: «Apurímac» (¼)", "en") == "kill in 2023 apurimac 1 4"


@pytest.mark.django_db
def test_english_search_finds_inflected_and_unaccented_forms(site_tree):
    publish_news(site_tree["en"], "Two protesters killed", lede="Police fired near the mine.")
    publish_news(site_tree["en"], "Water in Apurímac", lede="Mines drain the rivers.")

    assert titles("kill") == ["Two protesters killed"]
    assert titles("killing") == ["Two protesters killed"]
    assert set(titles("mines")) == {"Two protesters killed", "Water in Apurímac"}
    assert titles("Apurimac") == ["Water in Apurímac"]
    assert titles("APURÍMAC") == ["Water in Apurímac"]


@pytest.mark.django_db
def test_spanish_search_finds_inflected_and_unaccented_forms(site_tree):
    english = publish_news(site_tree["en"], "Mining protest", lede="A protest in Cusco.")
    publish_translation(
        english, "es", title="Una protesta contra la minería", lede="Marcha en Cusco.", body=[]
    )

    assert titles("protestas", "es") == ["Una protesta contra la minería"]
    assert titles("mineria", "es") == ["Una protesta contra la minería"]
    assert titles("minería", "es") == ["Una protesta contra la minería"]
    assert titles("protestas", "en") == []


@pytest.mark.django_db
def test_each_entry_is_stemmed_in_its_own_language(site_tree):
    publish_news(site_tree["en"], "Mining news", lede="Consultations continue.")
    publish_news(site_tree["es"], "Noticias mineras", lede="Siguen las consultas.")

    english, spanish = SearchEntry.objects.order_by("language")

    assert (english.lede_terms, spanish.lede_terms) == ("consult continu", "sig las consult")


@pytest.mark.django_db
def test_a_prefix_finds_the_inflections_of_what_was_typed(site_tree):
    publish_news(site_tree["en"], "Informal miners", lede="Mining camps in Puno.")
    publish_news(site_tree["en"], "Minimum wage", lede="A new minimum.")

    assert titles("mining*") == ["Informal miners"]
    assert set(titles("min*")) == {"Informal miners", "Minimum wage"}


@pytest.mark.django_db
def test_title_matches_rank_above_lede_matches_above_body_matches_then_newest(site_tree):
    home = site_tree["en"]
    publish_news(
        home,
        "Older body match",
        lede="Nothing here.",
        body="<p>Glaciers melt.</p>",
        date=datetime.date(2025, 1, 1),
    )
    publish_news(
        home,
        "Newest body match",
        lede="Nothing here.",
        body="<p>A glacier melts.</p>",
        date=datetime.date(2025, 6, 1),
    )
    publish_news(home, "Lede match", lede="The glacier retreats.", date=datetime.date(2025, 2, 1))
    publish_news(home, "Old glacier report", lede="Ice.", date=datetime.date(2020, 1, 1))
    publish_news(home, "New glacier report", lede="Ice.", date=datetime.date(2024, 1, 1))

    assert titles("glaciers") == [
        "New glacier report",
        "Old glacier report",
        "Lede match",
        "Newest body match",
        "Older body match",
    ]


@pytest.mark.django_db
def test_every_inflection_is_marked_and_hostile_text_is_escaped(site_tree):
    publish_news(
        site_tree["en"],
        "<img src=x onerror=alert(1)> Protesters killed",
        lede="Police <b>killing</b> & kills <script>alert(2)</script> reported.",
    )

    result = services.search("kill", language="en").results[0]

    assert result.title == "&lt;img src=x onerror=alert(1)&gt; Protesters <mark>killed</mark>"
    assert "Police &lt;b&gt;<mark>killing</mark>&lt;/b&gt; &amp; <mark>kills</mark>" in result.snippet
    assert "<script" not in result.snippet
    assert "<b>" not in result.snippet


@pytest.mark.django_db
def test_section_anchors_are_neither_searchable_nor_shown(site_tree):
    publish_background(
        site_tree["en"],
        "Human rights",
        intro="From the past to today.",
        body=[
            section(
                "Protest and policing", "Today our concern is lethal force.", anchor="protest-and-policing"
            ),
            section("Defenders", "Threats against defenders.", anchor="zqxanchor"),
        ],
    )

    assert titles("zqxanchor") == []
    snippet = services.search("policing", language="en").results[0].snippet
    assert "protest-and-policing" not in snippet
    entry = SearchEntry.objects.get()
    assert "zqxanchor" not in entry.body + entry.body_terms
    assert "protest-and-policing" not in entry.body


@pytest.mark.django_db
def test_a_heading_is_set_apart_from_the_text_after_it(site_tree):
    publish_background(
        site_tree["en"],
        "Human rights",
        body=[section("Protest and policing", "Today our concern is lethal force.")],
    )

    snippet = services.search("lethal", language="en").results[0].snippet

    assert "Protest and policing. Today our concern is <mark>lethal</mark> force." in snippet


@pytest.mark.django_db
def test_long_texts_give_a_snippet_around_the_matches(site_tree):
    filler = " ".join(f"word{n}" for n in range(200))
    publish_news(
        site_tree["en"], "Long read", lede="Opening.", body=f"<p>{filler} the glacier melted. {filler}</p>"
    )

    snippet = services.search("glacier", language="en").results[0].snippet

    assert snippet.startswith("… ")
    assert snippet.endswith(" …")
    assert "<mark>glacier</mark> melted." in snippet
    assert len(strip_tags(snippet).split()) <= 32


@pytest.mark.django_db
def test_entries_written_the_old_way_are_rebuilt_after_migrate(site_tree):
    page = publish_news(site_tree["en"], "Protesters killed", lede="In Puno.")
    SearchEntry.objects.update(scheme=0, title_terms="protesters killed", lede_terms="")
    assert titles("kill") == []

    rebuild_outdated_entries(sender=None, app_config=django_apps.get_app_config("search"), apps=django_apps)

    assert titles("kill") == ["Protesters killed"]
    assert SearchEntry.objects.get().page_id == page.pk


@pytest.mark.django_db
def test_migrate_leaves_an_up_to_date_index_alone(site_tree, django_assert_max_num_queries):
    publish_news(site_tree["en"], "Protesters killed")

    with django_assert_max_num_queries(1):
        rebuild_outdated_entries(
            sender=None, app_config=django_apps.get_app_config("search"), apps=django_apps
        )


AWKWARD_TEXT = "H2O 1e5 70 000 3.5% x² ¼ Ñuñoa œuvre Straße İstanbul 日本語 ﬁnal co-operation e-mail@x.pe"


@pytest.mark.django_db
def test_the_engine_finds_every_prepared_term_by_itself(site_tree):
    """The engine's own tokenizer must split prepared text exactly where Python did."""
    publish_news(site_tree["en"], "Awkward", lede=AWKWARD_TEXT)
    terms = set(SearchEntry.objects.get().lede_terms.split())

    engine, scope = get_engine(), Scope(language="en")
    with engine.session():
        missing = [term for term in sorted(terms) if engine.counts((Terms((term,)),), scope).total() != 1]

    assert len(terms) > 15
    assert missing == []
