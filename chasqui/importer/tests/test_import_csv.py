import json
from datetime import date

import pytest

from chasqui.importer.services import SourceError
from chasqui.news.models import NewsItemPage


def test_csv_rows_become_news_items_with_topics_regions_and_redirects(run_import, client):
    report = run_import("news.csv")

    assert report.summary() == {"created": 3, "updated": 0, "skipped": 0, "failed": 0}
    health = NewsItemPage.objects.get(title="Health posts reopen in the highlands")
    assert (health.date, health.lede) == (
        date(2015, 6, 12),
        "Six rural health posts have reopened after repairs.",
    )
    assert sorted(health.topics.values_list("name", flat=True)) == ["Health", "Rural development"]
    assert list(health.regions.values_list("slug", flat=True)) == ["cusco"]
    body = json.dumps(list(health.body.raw_data))
    assert "Staff returned this week." in body
    assert "alert" not in body
    assert "script" not in body

    radio = NewsItemPage.objects.get(title="Radio station wins press award")
    assert radio.date == date(2015, 6, 12)
    assert radio.lede.startswith("A community radio station in the south")
    march = NewsItemPage.objects.get(title="Protest march in the capital")
    assert march.date == date(2015, 6, 5)
    assert list(march.regions.values_list("slug", flat=True)) == ["lima"]

    response = client.get("/2015/06/health-posts-reopen/")
    assert (response.status_code, response["Location"]) == (301, health.url)
    response = client.get("/news.php?position=120")
    assert (response.status_code, response["Location"]) == (301, radio.url)


def test_extra_topics_are_added_to_every_item(run_import):
    run_import("news.csv", topics=("Archive 2015",))

    assert NewsItemPage.objects.filter(topics__name="Archive 2015").count() == 3


def test_bad_rows_are_reported_by_row_and_the_good_one_imported(run_import):
    report = run_import("news_broken.csv")

    assert report.summary() == {"created": 1, "updated": 0, "skipped": 0, "failed": 3}
    failures = {problem.position: problem.reason for problem in report.failures}
    assert set(failures) == {"row 2", "row 3", "row 5"}
    assert "empty title" in failures["row 2"]
    assert "not a real date" in failures["row 3"]
    assert "date" in failures["row 5"]
    assert list(NewsItemPage.objects.values_list("title", flat=True)) == ["Valid row"]


def test_a_csv_without_title_and_date_columns_is_refused(run_import):
    with pytest.raises(SourceError, match="date"):
        run_import(b"headline,when\nSomething,2015-01-01\n", name="news.csv")


def test_a_csv_saved_as_windows_1252_still_reads(run_import):
    content = "title,date,lede\nAño de elecciones,2016-04-10,Votación en todo el país.\n".encode("cp1252")

    report = run_import(content, name="legacy.csv")

    assert report.summary()["created"] == 1
    assert NewsItemPage.objects.get().title == "Año de elecciones"
