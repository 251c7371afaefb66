from django.db import IntegrityError
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision

from chasqui.importer.models import ImportedItem
from chasqui.importer.services import Importer
from chasqui.news.models import NewsItemPage


def test_a_failed_batch_is_rolled_back_whole_and_its_items_saved_one_by_one(run_import, client, monkeypatch):
    """A fault injected after the batch has written its rows: none of them may survive."""
    bulk_create_news = Importer.bulk_create_news
    attempts = []

    def failing_bulk_create(self, prepared):
        bulk_create_news(self, prepared)
        attempts.append(len(prepared))
        raise IntegrityError("injected failure after the batch was written")

    monkeypatch.setattr(Importer, "bulk_create_news", failing_bulk_create)

    report = run_import("listing_links.html")

    assert attempts == [3]
    assert report.summary() == {"created": 3, "updated": 0, "skipped": 0, "failed": 0}
    assert NewsItemPage.objects.count() == 3 == ImportedItem.objects.count() == Redirect.objects.count()
    assert Page.find_problems() == ([], [], [], [], [])
    for item in NewsItemPage.objects.all():
        assert Revision.objects.filter(object_id=str(item.pk)).count() == 1
        assert client.get(item.url).status_code == 200
    assert client.get("/news.php?position=749").status_code == 301


def test_items_are_written_in_batches_with_a_valid_tree(run_import, monkeypatch, tmp_path):
    monkeypatch.setattr("chasqui.importer.services.BATCH_SIZE", 4)
    rows = ["title,date,lede"] + [f"Item number {n},2020-01-{n:02d},Lede {n}." for n in range(1, 11)]
    source = tmp_path / "many.csv"
    source.write_text("\n".join(rows))

    report = run_import(source)

    assert report.summary()["created"] == 10
    assert Page.find_problems() == ([], [], [], [], [])
    assert sorted(NewsItemPage.objects.values_list("slug", flat=True)) == sorted(
        f"item-number-{n}" for n in range(1, 11)
    )
    index = NewsItemPage.objects.first().get_parent()
    assert index.numchild == 10
    assert index.get_children().count() == 10


def test_items_sharing_a_title_get_distinct_addresses(run_import, tmp_path):
    source = tmp_path / "same.csv"
    source.write_text(
        "title,date,lede\nMonthly round-up,2020-01-31,January.\nMonthly round-up,2020-02-29,February.\n"
    )

    report = run_import(source)

    assert report.summary()["created"] == 2
    slugs = dict(NewsItemPage.objects.values_list("lede", "slug"))
    assert slugs == {"January.": "monthly-round-up", "February.": "monthly-round-up-2"}
