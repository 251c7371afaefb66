from datetime import UTC, date, datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, Revision

from chasqui.importer.models import ImportedItem
from chasqui.news.models import NewsIndexPage, NewsItemPage
from chasqui.pages.models import StandardPage
from chasqui.search.models import SearchEntry

from .conftest import FIXTURES, REFERENCE


def words(line):
    """A line as the importer keeps text: without its bullet, spaces (even non-breaking) collapsed."""
    return " ".join(line.strip().lstrip("•").split())


def reference_page():
    """Dated entries and undated sections read straight off the reference page, independently of
    the importer: a top-level bullet starts each, and a dated entry's next line is its date."""
    raw = [line for line in REFERENCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    dated, undated = [], []
    for index, line in enumerate(raw):
        indent = len(line) - len(line.lstrip())
        if not line.strip().startswith("•") or indent > 2:
            continue
        title = words(line)
        following = words(raw[index + 1])
        try:
            day = datetime.strptime(following, "%d %B %Y").replace(tzinfo=UTC).date()
        except ValueError:
            undated.append((title, following))
        else:
            dated.append((title, day, words(raw[index + 2])))
    return dated, undated


@pytest.mark.reference_file("home-page.txt")
def test_reference_page_imports_exactly_its_ten_dated_items(run_import, news_index):
    dated, undated = reference_page()
    assert len(dated) == 10
    assert len(undated) == 4

    report = run_import(REFERENCE)

    assert report.summary() == {"created": 10, "updated": 0, "skipped": 0, "failed": 0}
    assert [section.title for section in report.undated] == [title for title, _text in undated]
    items = NewsItemPage.objects.child_of(news_index).live()
    assert sorted((item.title, item.date, item.lede) for item in items) == sorted(dated)
    assert not StandardPage.objects.exists()


@pytest.mark.reference_file("home-page.txt")
def test_reference_items_are_listed_newest_first_on_the_home_page(run_import, client):
    dated, _undated = reference_page()
    run_import(REFERENCE)

    response = client.get("/")

    assert response.status_code == 200
    teasers = BeautifulSoup(response.content, "html.parser").select(".news-teaser")
    shown = [(t.select_one(".news-teaser__title").get_text(strip=True), t.time["datetime"]) for t in teasers]
    newest_first = sorted(dated, key=lambda entry: entry[1], reverse=True)  # stable: page order within a day
    assert shown == [(title, day.isoformat()) for title, day, _lede in newest_first]


@pytest.mark.reference_file("home-page.txt")
def test_imported_items_are_served_and_searchable(run_import, client):
    run_import(REFERENCE)
    item = NewsItemPage.objects.order_by("date").first()

    assert client.get(item.url).status_code == 200
    assert SearchEntry.objects.filter(page_id=item.pk).exists()
    assert item.live_revision_id is not None
    assert item.latest_revision_id == item.live_revision_id
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.reference_file("home-page.txt")
def test_importing_the_reference_page_twice_creates_nothing_new(run_import):
    run_import(REFERENCE)
    pages, revisions = Page.objects.count(), Revision.objects.count()

    report = run_import(REFERENCE)

    assert report.summary() == {"created": 0, "updated": 0, "skipped": 10, "failed": 0}
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)
    assert ImportedItem.objects.count() == 10


@pytest.mark.reference_file("home-page.txt")
def test_undated_sections_become_background_pages_when_asked(run_import, site_tree):
    _dated, undated = reference_page()

    report = run_import(REFERENCE, undated_as_pages=True)

    assert report.counts["created"] == 14
    pages = StandardPage.objects.child_of(site_tree["en"]).live()
    assert sorted((page.title, page.intro) for page in pages) == sorted(undated)


def test_date_before_title_with_issue_labels_and_stray_marks(run_import):
    report = run_import("listing_date_first.txt")

    assert report.summary()["created"] == 3
    assert [section.title for section in report.undated] == ["Our purpose"]
    items = {item.title: item for item in NewsItemPage.objects.all()}
    assert set(items) == {
        "Water board meets river communities",
        "Teachers end two-week strike",
        "Ombudsman publishes annual conflict count",
    }
    water = items["Water board meets river communities"]
    assert (water.date, water.bulletin_number) == (date(2007, 1, 31), 119)
    assert water.lede.startswith("The regional water authority")
    assert items["Teachers end two-week strike"].bulletin_number == 118
    assert items["Ombudsman publishes annual conflict count"].bulletin_number is None
    assert ImportedItem.objects.get(page=water).bulletin_label == "Update 119"


def test_spanish_archive_goes_under_the_spanish_news_index(run_import, site_tree):
    report = run_import("listing_spanish.txt", language="es")

    assert report.summary()["created"] == 3
    index = NewsIndexPage.objects.child_of(site_tree["es"]).get()
    items = NewsItemPage.objects.child_of(index).order_by("date")
    assert [(item.date, item.bulletin_number) for item in items] == [
        (date(2009, 9, 1), None),
        (date(2010, 2, 21), 51),
        (date(2010, 2, 28), 52),
    ]
    assert items[2].title == "Comunidades piden consulta previa"


def test_saved_html_listing_keeps_old_links_alive(run_import, client):
    report = run_import("listing_links.html")

    assert report.summary()["created"] == 3
    assert [section.title for section in report.undated] == ["Why join"]
    court = NewsItemPage.objects.get(title="Court hears case on mine tailings")
    reserve = NewsItemPage.objects.get(title="New reserve for isolated peoples")
    assert NewsItemPage.objects.get(title="Mayors meet over road funding").bulletin_number == 101

    response = client.get("/news.php?position=750")
    assert response.status_code == 301
    assert response["Location"] == court.url
    response = client.get("/news.php?position=748")
    assert (response.status_code, response["Location"]) == (301, reserve.url)
    assert client.get("/news.php?position=1").status_code == 404


def test_broken_entries_are_reported_with_position_and_the_rest_imported(run_import):
    report = run_import("listing_broken.txt")

    assert report.summary() == {"created": 1, "updated": 0, "skipped": 0, "failed": 2}
    failures = {problem.position: problem.reason for problem in report.failures}
    assert "not a real date" in failures["entry 1 (line 1)"]
    assert "no title" in failures["entry 2 (line 7)"]
    assert list(NewsItemPage.objects.values_list("title", flat=True)) == ["Election observers arrive"]


def test_a_changed_entry_is_updated_in_place_with_a_new_revision(run_import, tmp_path):
    run_import("listing_date_first.txt")
    strike = NewsItemPage.objects.get(title="Teachers end two-week strike")
    revisions = Revision.objects.filter(object_id=str(strike.pk)).count()
    changed = tmp_path / "listing_date_first.txt"
    text = (FIXTURES / "listing_date_first.txt").read_text()
    changed.write_text(text.replace("revised pay offer", "much revised pay offer"))

    report = run_import(changed)

    assert report.summary() == {"created": 0, "updated": 1, "skipped": 2, "failed": 0}
    strike.refresh_from_db()
    assert "much revised pay offer" in strike.lede
    assert strike.live
    assert not strike.has_unpublished_changes
    assert Revision.objects.filter(object_id=str(strike.pk)).count() == revisions + 1
    assert NewsItemPage.objects.count() == 3


def test_bulk_imported_items_reach_the_admin_search_after_commit(
    run_import, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run_import("listing_date_first.txt")

    assert callbacks
    found = NewsItemPage.objects.search("Ombudsman")
    assert [item.title for item in found] == ["Ombudsman publishes annual conflict count"]
