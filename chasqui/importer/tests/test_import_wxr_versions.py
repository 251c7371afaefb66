"""WordPress exports as current WordPress writes them (https namespaces) and as older ones did."""

import json
from datetime import date

import pytest
from wagtail.models import Revision

from chasqui.importer.models import ImportedItem
from chasqui.news.models import NewsItemPage
from chasqui.pages.models import StandardPage

SCHEMES = ["http", "https"]


def item(post_id, title, *, status="publish", post_type="post", content="", excerpt="", guid=None, **extra):
    slug = extra.get("slug", f"post-{post_id}")
    post_date = extra.get("post_date", "2019-04-15 09:00:00")
    pub_date = extra.get("pub_date", "Mon, 15 Apr 2019 09:00:00 +0000")
    status_field = "" if status is None else f"<wp:status><![CDATA[{status}]]></wp:status>"
    return f"""
    <item>
      <title>{title}</title>
      <link>https://old.example.org/2019/04/{slug}/</link>
      <pubDate>{pub_date}</pubDate>
      <dc:creator><![CDATA[maria]]></dc:creator>
      <guid isPermaLink="false">{guid or f"https://old.example.org/?p={post_id}"}</guid>
      <content:encoded><![CDATA[{content}]]></content:encoded>
      <excerpt:encoded><![CDATA[{excerpt}]]></excerpt:encoded>
      <wp:post_id>{post_id}</wp:post_id>
      <wp:post_date><![CDATA[{post_date}]]></wp:post_date>
      <wp:post_name><![CDATA[{slug}]]></wp:post_name>
      {status_field}
      <wp:post_type><![CDATA[{post_type}]]></wp:post_type>
    </item>"""


def export(scheme, *items, version="1.2"):
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="{scheme}://wordpress.org/export/{version}/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="{scheme}://wordpress.org/export/{version}/">
<channel>
  <title>Andes Watch</title>
  <link>https://old.example.org</link>
  <wp:wxr_version>{version}</wp:wxr_version>
  <wp:base_site_url>https://old.example.org</wp:base_site_url>
  {"".join(items)}
</channel>
</rss>""".encode()


def mixed_export(scheme, version="1.2"):
    return export(
        scheme,
        item(1, "Published story", content="<p>Words of the published story.</p>"),
        item(2, "A draft nobody finished", status="draft", content="<p>Not ready.</p>"),
        item(3, "Waiting for review", status="pending", content="<p>Not ready.</p>"),
        item(4, "Scheduled for later", status="future", content="<p>Not ready.</p>"),
        item(5, "Only for editors", status="private", content="<p>Not ready.</p>"),
        item(6, "About the charity", post_type="page", slug="about", content="<p>Who we are.</p>"),
        item(7, "Home", post_type="nav_menu_item", slug="home-menu"),
        item(8, "In the bin", status="trash", content="<p>Gone.</p>"),
        version=version,
    )


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_only_published_posts_go_live_whatever_the_namespace(run_import, site_tree, scheme, version):
    report = run_import(mixed_export(scheme, version), name="export.xml")

    assert report.summary()["created"] == 2
    assert list(NewsItemPage.objects.values_list("title", "live")) == [("Published story", True)]
    assert list(StandardPage.objects.values_list("title", "live")) == [("About the charity", True)]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_drafts_asked_for_are_imported_unpublished(run_import, site_tree, scheme):
    run_import(mixed_export(scheme), name="export.xml", include_drafts=True)

    unpublished = set(NewsItemPage.objects.filter(live=False).values_list("title", flat=True))
    assert unpublished == {
        "A draft nobody finished",
        "Waiting for review",
        "Scheduled for later",
        "Only for editors",
    }
    assert NewsItemPage.objects.live().get().title == "Published story"
    assert not NewsItemPage.objects.filter(title__in=["Home", "In the bin"]).exists()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_excerpt_and_post_date_are_read(run_import, site_tree, scheme):
    data = export(
        scheme,
        item(
            1,
            "Miners leave the river",
            excerpt="A short summary written by the editor.",
            content="<p>The full story starts here.</p>",
            post_date="2019-04-08 18:00:00",
            pub_date="Mon, 08 Apr 20081 18:00:00 +0000",
        ),
    )

    report = run_import(data, name="export.xml")

    assert report.summary()["failed"] == 0
    story = NewsItemPage.objects.get()
    assert story.lede == "A short summary written by the editor."
    assert story.date == date(2019, 4, 8)
    assert "The full story starts here." in json.dumps(list(story.body.raw_data))


def test_an_item_without_a_status_is_reported_and_not_published(run_import, site_tree):
    data = export("https", item(1, "Status unknown", status=None, content="<p>Text.</p>"))

    report = run_import(data, name="export.xml")

    assert not NewsItemPage.objects.exists()
    assert "wp:status" in report.failures[0].reason


@pytest.mark.parametrize("scheme", SCHEMES)
def test_posts_sharing_a_guid_stay_apart_and_a_reimport_changes_nothing(run_import, site_tree, scheme):
    shared = "https://old.example.org/?p=1"
    data = export(
        scheme,
        item(1, "First of two", guid=shared, content="<p>One.</p>"),
        item(2, "Second of two", guid=shared, content="<p>Two.</p>"),
        item(3, "Third story", content='<p>Three [gallery ids="4,5"] and more.</p>'),
    )
    run_import(data, name="export.xml")
    revisions = Revision.objects.count()

    report = run_import(data, name="export.xml")

    assert set(NewsItemPage.objects.values_list("title", flat=True)) == {
        "First of two",
        "Second of two",
        "Third story",
    }
    assert report.summary() == {"created": 0, "updated": 0, "skipped": 3, "failed": 0}
    assert Revision.objects.count() == revisions
    assert ImportedItem.objects.count() == 3


def test_titles_with_markup_are_plain_in_the_title_and_slug(run_import, site_tree):
    data = export(
        "https", item(1, "&lt;em&gt;Urgent&lt;/em&gt; appeal &amp; vigil", slug="", content="<p>x</p>")
    )

    run_import(data, name="export.xml")

    story = NewsItemPage.objects.get()
    assert story.title == "Urgent appeal & vigil"
    assert "em" not in story.slug.split("-")
    assert story.slug.startswith("urgent-appeal")


def test_the_lede_is_not_repeated_in_the_body_nor_taken_from_a_caption(run_import, site_tree):
    content = (
        '[caption id="attachment_9" align="alignright" width="300"]'
        '<img src="https://old.example.org/wp-content/uploads/bell.jpg" alt="" /> Bell on the old pier'
        "[/caption]\n\nThe bell was rung at noon for the first time in years.\n\n"
        "Neighbours gathered to hear it."
    )
    run_import(export("https", item(1, "A bell rings again", content=content)), name="export.xml")

    story = NewsItemPage.objects.get()
    body = json.dumps(list(story.body.raw_data))
    assert story.lede == "The bell was rung at noon for the first time in years."
    assert "rung at noon" not in body
    assert "Neighbours gathered" in body
    assert "Bell on the old pier" not in story.lede


def test_a_gallery_shortcode_does_not_cut_the_lede(run_import, site_tree):
    long_sentence = (
        "The families of the two farmers who died in San Gabán asked the ministry for an independent "
        "inquiry into the events of that week, pointing to video recorded by neighbours, to the "
        "statements of the nurses who treated the wounded and to the police's own radio log, which "
        "they say contradicts the official account"
    )
    content = f'[gallery ids="11,12,13"]\n\n{long_sentence}. A hearing is expected in May.'

    run_import(export("https", item(1, "Families ask for an inquiry", content=content)), name="export.xml")

    lede = NewsItemPage.objects.get().lede
    assert lede == f"{long_sentence}."
    assert "[gallery" not in lede
    assert not lede.endswith("…")
