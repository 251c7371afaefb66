import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from chasqui.importer.models import ImportedItem
from chasqui.news.models import NewsItemPage

from .conftest import FIXTURES, REFERENCE


def run(*args):
    out = io.StringIO()
    call_command("import_site", *map(str, args), stdout=out)
    return out.getvalue()


@pytest.mark.reference_file("home-page.txt")
def test_command_prints_a_summary_and_the_undated_sections(site_tree):
    output = run(REFERENCE)

    assert "10 created, 0 updated, 0 skipped, 0 failed; 4 undated sections." in output
    assert output.count("UNDATED") == 4
    assert NewsItemPage.objects.count() == 10


def test_dry_run_reports_what_would_happen_and_saves_nothing(site_tree):
    pages = Page.objects.count()

    output = run(FIXTURES / "listing_links.html", "--dry-run")

    assert "Dry run, nothing saved. Would have: 3 created" in output
    assert Page.objects.count() == pages
    assert not ImportedItem.objects.exists()
    assert not Redirect.objects.exists()


def test_as_drafts_and_topic_options(site_tree):
    output = run(FIXTURES / "listing_date_first.txt", "--as-drafts", "--topic", "Education")

    assert "3 created" in output
    items = NewsItemPage.objects.all()
    assert items.count() == 3
    assert not items.filter(live=True).exists()
    assert items.filter(topics__name="Education").count() == 3


def test_failures_are_listed_with_their_position(site_tree):
    output = run(FIXTURES / "news_broken.csv")

    assert "FAILED row 3: Impossible day:" in output
    assert "1 created, 0 updated, 0 skipped, 3 failed" in output


def test_unreadable_sources_exit_with_an_error(site_tree, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "missing.xml")
    broken = tmp_path / "export.xml"
    broken.write_text("not xml")
    with pytest.raises(CommandError, match="not readable XML"):
        run(broken)
