"""The index follows Wagtail publishing: publish, unpublish, delete, privacy and bulk rebuilds."""

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from chasqui.pages.tests.factories import StandardPageFactory
from chasqui.search import services
from chasqui.search.models import SearchEntry

from .factories import publish_background, publish_news, publish_publication, publish_translation


def titles(language="en", query="water", **kwargs):
    return [result.title for result in services.search(query, language=language, **kwargs).results]


@pytest.mark.django_db
def test_publishing_a_news_item_makes_its_body_searchable(site_tree):
    publish_news(site_tree["en"], "Congress debates", body="<p>Rivers and <b>glaciers</b> are shrinking.</p>")

    results = services.search("glaciers", language="en")

    assert results.count == 1
    assert "<mark>glaciers</mark>" in results.results[0].snippet
    assert results.results[0].url.startswith("/news/congress-debates-")


@pytest.mark.django_db
def test_each_searchable_page_type_gets_an_entry_with_its_kind(site_tree):
    publish_news(site_tree["en"], "Water news")
    publish_background(site_tree["en"], "Water background", intro="About rivers.")
    publish_publication(site_tree["en"], "Water report", summary="<p>Findings on rivers.</p>")

    kinds = dict(SearchEntry.objects.values_list("title", "kind"))

    assert kinds == {"Water news": "news", "Water background": "page", "Water report": "publication"}


@pytest.mark.django_db
def test_draft_pages_are_not_indexed(site_tree):
    draft = StandardPageFactory(parent=site_tree["en"], title="Water draft", slug="water-draft", live=False)
    draft.save_revision()

    assert titles() == []


@pytest.mark.django_db
def test_unpublishing_removes_the_page_from_results(site_tree):
    page = publish_news(site_tree["en"], "Water protest")
    assert titles() == ["<mark>Water</mark> protest"]

    page.unpublish()

    assert titles() == []
    assert not SearchEntry.objects.filter(page=page).exists()


@pytest.mark.django_db
def test_deleting_a_page_deletes_its_entry(site_tree):
    page = publish_news(site_tree["en"], "Water protest")

    page.delete()

    assert SearchEntry.objects.count() == 0
    assert titles() == []


@pytest.mark.django_db
def test_republishing_with_a_new_title_replaces_the_old_text(site_tree):
    page = publish_news(site_tree["en"], "Water protest")
    page.title = "Glacier protest"
    page.save_revision().publish()

    assert titles() == []
    assert titles(query="glacier") == ["<mark>Glacier</mark> protest"]
    assert SearchEntry.objects.count() == 1


@pytest.mark.django_db
def test_changing_a_parent_slug_changes_result_urls(site_tree):
    background = publish_background(site_tree["en"], "About us", intro="Water monitors.")
    page = publish_background(site_tree["en"], "Water history", intro="Older water notes.")
    page.move(background, pos="last-child")
    background.slug = "who-we-are"
    background.save_revision().publish()

    urls = {result.url for result in services.search("older", language="en").results}

    assert urls == {f"/who-we-are/{page.slug}/"}


@pytest.mark.django_db
def test_pages_in_a_private_section_leave_the_index(site_tree, django_capture_on_commit_callbacks):
    section = publish_background(site_tree["en"], "Members area", intro="For members.")
    publish_background(site_tree["en"], "Open water page")
    private_child = publish_background(section, "Members water page")
    assert private_child.pk in SearchEntry.objects.values_list("page_id", flat=True)

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.LOGIN
        )
    assert titles() == ["Open <mark>water</mark> page"]

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert set(titles()) == {"Open <mark>water</mark> page", "Members <mark>water</mark> page"}
    assert private_child.pk in SearchEntry.objects.values_list("page_id", flat=True)


@pytest.mark.django_db
def test_translations_are_found_only_in_their_own_language(site_tree):
    english = publish_news(site_tree["en"], "Water dispute", body="<p>The river is polluted.</p>")
    publish_translation(english, "es", title="Disputa por el agua", lede="El río está contaminado.", body=[])

    assert titles("en", "river") == ["Water dispute"]
    assert titles("es", "river") == []
    assert titles("es", "contaminado") == ["Disputa por el agua"]
    assert titles("en", "contaminado") == []


@pytest.mark.django_db
def test_rebuild_restores_entries_for_pages_saved_without_publishing(site_tree):
    page = publish_news(site_tree["en"], "Water protest")
    publish_background(site_tree["es"], "Agua", intro="Ríos y agua.")
    SearchEntry.objects.all().delete()

    written = services.rebuild_index()

    assert written == 2
    assert titles() == ["<mark>Water</mark> protest"]
    assert titles("es", "agua") == ["<mark>Agua</mark>"]
    assert SearchEntry.objects.get(page=page).language == "en"


@pytest.mark.django_db
def test_rebuild_command_reports_what_it_indexed(site_tree, capsys):
    publish_news(site_tree["en"], "Water protest")

    call_command("rebuild_search_index")
    call_command("rebuild_search_index", "--dry-run")

    output = capsys.readouterr().out
    assert "Indexed 1 pages" in output
    assert "holds 1 entries" in output
