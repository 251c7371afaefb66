import io
import json
from datetime import date

import pytest
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from chasqui.importer.models import ImportedItem
from chasqui.importer.services import SourceError
from chasqui.news.models import NewsItemPage
from chasqui.pages.models import StandardPage

from .conftest import FIXTURES

WXR = FIXTURES / "wordpress.xml"


@pytest.fixture
def uploads(tmp_path):
    """The export's files, laid out as WordPress keeps them."""
    folder = tmp_path / "wp-content" / "uploads" / "2019" / "04"
    folder.mkdir(parents=True)
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 6), "#884422").save(buffer, "PNG")
    (folder / "march.png").write_bytes(buffer.getvalue())
    (folder / "bill-summary.pdf").write_bytes(b"%PDF-1.4\n% a short test document\n")
    return tmp_path


def test_posts_pages_categories_and_attachments_are_imported(run_import, uploads, site_tree):
    report = run_import(WXR, media_dir=uploads)

    assert report.summary() == {"created": 4, "updated": 0, "skipped": 0, "failed": 2}
    reform = NewsItemPage.objects.get(title="Mining tax reform passes first vote")
    assert reform.live
    assert reform.date == date(2019, 4, 16)
    assert reform.lede == "Congress approved the royalty bill at its first reading."
    assert sorted(reform.topics.values_list("name", flat=True)) == ["Congress", "Mining"]
    assert list(reform.regions.values_list("slug", flat=True)) == ["cusco"]
    assert reform.slug == "mining-tax-reform"
    assert ImportedItem.objects.get(page=reform).author == "María Quispe"

    blocks = [(block.block_type, block.value) for block in reform.body]
    image = get_image_model().objects.get()
    document = get_document_model().objects.get()
    assert [kind for kind, _value in blocks] == [
        "heading",
        "paragraph",
        "image",
        "paragraph",
        "paragraph",
        "document",
    ]
    assert blocks[2][1]["image"] == image
    assert blocks[2][1]["caption"] == "Marchers outside Congress"
    assert blocks[5][1]["document"] == document
    stored = json.dumps(list(reform.body.raw_data))
    assert "script" not in stored
    assert "onclick" not in stored
    assert "document.write" not in stored
    assert "Supporters marched to Congress." in stored

    glacier = NewsItemPage.objects.get(title="Glacier study shows fast retreat")
    assert glacier.lede == (
        "Researchers measured the ice on three peaks over ten years. "
        "Losses were greatest on the lowest of them."
    )
    # The first paragraph became the lede, so the body starts after it instead of repeating it.
    assert [block.block_type for block in glacier.body] == ["paragraph"]
    assert "Researchers measured" not in json.dumps(list(glacier.body.raw_data))
    assert list(glacier.topics.values_list("name", flat=True)) == ["Environment"]

    about = StandardPage.objects.child_of(site_tree["en"]).get()
    assert (about.title, about.slug, about.live) == ("About our work", "about", True)
    assert about.intro.startswith("We have reported on Peru every week")

    assert not NewsItemPage.objects.filter(title__startswith="Unfinished").exists()
    failures = {problem.position: problem.reason for problem in report.failures}
    assert "empty title" in failures["item 6"]
    assert "date" in failures["item 7"]


def test_wordpress_permalinks_redirect_permanently_to_the_new_pages(run_import, client):
    run_import(WXR)
    reform = NewsItemPage.objects.get(slug="mining-tax-reform")
    about = StandardPage.objects.get(slug="about")

    response = client.get("/2019/04/mining-tax-reform/")
    assert (response.status_code, response["Location"]) == (301, reform.url)
    assert client.get(response["Location"]).status_code == 200
    # The page's old address is also its new one: served directly, no redirect needed.
    response = client.get("/about/")
    assert (response.status_code, response.context["page"]) == (200, about)


def test_reimporting_the_export_creates_nothing_and_keeps_one_copy_of_files(run_import, uploads):
    run_import(WXR, media_dir=uploads)

    report = run_import(WXR, media_dir=uploads)

    assert report.summary() == {"created": 0, "updated": 0, "skipped": 4, "failed": 2}
    assert NewsItemPage.objects.count() == 2
    assert StandardPage.objects.count() == 1
    assert get_image_model().objects.count() == 1
    assert get_document_model().objects.count() == 1


def test_an_edited_post_is_updated(run_import, tmp_path):
    run_import(WXR)
    changed = tmp_path / "export.xml"
    changed.write_text(WXR.read_text().replace("fast retreat", "faster retreat than feared"))

    report = run_import(changed)

    assert report.summary()["updated"] == 1
    assert report.summary()["created"] == 0
    assert NewsItemPage.objects.get(title="Glacier study shows faster retreat than feared").live
    assert not NewsItemPage.objects.filter(title="Glacier study shows fast retreat").exists()


def test_drafts_are_skipped_unless_asked_and_then_stay_unpublished(run_import):
    run_import(WXR, include_drafts=True)

    draft = NewsItemPage.objects.get(title="Unfinished note on the elections")
    assert not draft.live
    assert draft.has_unpublished_changes


def test_as_drafts_leaves_every_imported_page_unpublished(run_import, client):
    report = run_import(WXR, as_drafts=True)

    assert report.summary()["created"] == 3
    assert not NewsItemPage.objects.live().exists()
    assert not StandardPage.objects.live().exists()
    assert client.get("/2019/04/mining-tax-reform/").status_code in (301, 404)


def test_truncated_export_keeps_what_was_read_and_reports_the_break(run_import):
    text = WXR.read_bytes()
    cut = text.index(b"Researchers measured")

    report = run_import(text[:cut], name="truncated.xml")

    assert report.summary()["created"] == 1
    assert NewsItemPage.objects.get().title == "Mining tax reform passes first vote"
    assert any("breaks off" in problem.reason for problem in report.failures)


@pytest.mark.parametrize(
    "content",
    [
        b"this is not xml at all",
        b'<?xml version="1.0"?><catalogue><book/></catalogue>',
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b"<rss><channel><item><title>&b;</title></item></channel></rss>",
    ],
)
def test_unreadable_or_hostile_xml_is_refused_before_anything_is_saved(run_import, content):
    with pytest.raises(SourceError):
        run_import(content, name="export.xml")
    assert not NewsItemPage.objects.exists()


def test_dry_run_leaves_no_files_and_no_pages(run_import, uploads, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"

    report = run_import(WXR, media_dir=uploads, dry_run=True)

    assert report.dry_run
    assert report.summary()["failed"] == 2
    assert not NewsItemPage.objects.exists()
    assert not get_image_model().objects.exists()
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").rglob("*.png"))


def test_no_redirect_is_made_from_an_address_the_page_still_has(run_import):
    run_import(WXR)

    assert set(Redirect.objects.values_list("old_path", flat=True)) == {
        "/2019/04/mining-tax-reform",
        "/2018/11/glacier-study",
    }
