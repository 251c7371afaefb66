"""Feeds that feed readers can trust: valid Atom and RSS, permanent ids, links on the public
address, and no markup from the content ever reaching a reader as markup."""

import pytest
from bs4 import BeautifulSoup
from defusedxml.ElementTree import fromstring

from .factories import TopicFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"> & <b>bold</b>'
PUBLIC = "https://news.example.org"


@pytest.fixture
def public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    return PUBLIC


def fetch(client, url, host="testserver"):
    response = client.get(url, headers={"host": host})
    assert response.status_code == 200
    return fromstring(response.content)


def test_atom_feed_has_every_element_rfc_4287_requires(client, news_index, add_item, public_address):
    add_item(news_index, "First", "2024-01-01")
    add_item(news_index, "Second", "2024-01-02")

    feed = fetch(client, "/news/feed/atom/")

    for name in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{name}") is not None, name
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    feed_author = feed.find(f"{ATOM}author/{ATOM}name")
    assert feed_author is not None or all(entry.find(f"{ATOM}author") is not None for entry in entries)
    assert feed_author.text == "Chasqui"
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), name
        alternates = [
            link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"
        ]
        assert len(alternates) == 1
        assert alternates[0].get("href").startswith(f"{PUBLIC}/news/")


def test_rss_feed_has_every_element_rss_2_requires(client, news_index, add_item, public_address):
    add_item(news_index, "First", "2024-01-01")

    rss = fetch(client, "/news/feed/rss/")

    assert rss.tag == "rss"
    assert rss.get("version") == "2.0"
    channel = rss.find("channel")
    for name in ("title", "link", "description"):
        assert (channel.findtext(name) or "").strip(), name
    for item in channel.findall("item"):
        assert item.findtext("title") or item.findtext("description")


def test_ids_are_permanent_tag_uris_and_links_ignore_the_host_header(
    client, news_index, add_item, public_address
):
    item = add_item(news_index, "Renamed later", "2019-04-15")
    item.refresh_from_db()
    day = item.first_published_at.date().isoformat()  # the test time zone is the site's
    expected_id = f"tag:news.example.org,{day}:news/{item.translation_key}/en"

    rss = fetch(client, "/news/feed/rss/", host="localhost")
    atom = fetch(client, "/news/feed/atom/", host="localhost")
    item.slug = "renamed"
    item.save_revision().publish()
    renamed = fetch(client, "/news/feed/atom/")

    guid = rss.find("channel/item/guid")
    assert guid.text == expected_id
    assert guid.get("isPermaLink") == "false"
    assert rss.findtext("channel/item/link") == f"{PUBLIC}/news/renamed-later/"
    assert rss.findtext("channel/link") == f"{PUBLIC}/news/"
    assert atom.findtext(f"{ATOM}entry/{ATOM}id") == expected_id
    assert renamed.findtext(f"{ATOM}entry/{ATOM}id") == expected_id
    assert renamed.find(f"{ATOM}entry/{ATOM}link").get("href") == f"{PUBLIC}/news/renamed/"
    for feed in (rss, atom):
        assert not [
            value
            for element in feed.iter()
            for value in [element.text or "", *element.attrib.values()]
            if "localhost" in value or "testserver" in value
        ]


def no_markup_from(text_or_html):
    """The element and attribute names a browser would make of this HTML."""
    soup = BeautifulSoup(text_or_html or "", "html.parser")
    return [tag.name for tag in soup.find_all(True)], [
        name for tag in soup.find_all(True) for name in tag.attrs
    ]


def test_hostile_text_in_any_field_never_becomes_markup_in_a_feed(client, news_index, add_item):
    topic = TopicFactory(name=f"Mining {HOSTILE}", slug="mining")
    add_item(
        news_index, f"Title {HOSTILE}", "2024-01-01", lede=f"Lede {HOSTILE}", topics=[topic], slug="hostile"
    )

    for url in (
        "/news/feed/rss/",
        "/news/feed/atom/",
        "/news/topic/mining/feed/rss/",
        "/news/topic/mining/feed/atom/",
    ):
        feed = fetch(client, url)
        names = {element.tag.removeprefix(ATOM) for element in feed.iter()}
        attributes = {name for element in feed.iter() for name in element.attrib}
        assert not names & {"script", "img", "b"}, url
        assert "onerror" not in attributes, url
        for element in feed.iter():
            is_html = element.get("type") == "html" or element.tag in ("description",)
            if is_html:
                assert no_markup_from(element.text) == ([], []), (url, element.tag, element.text)
        summaries = feed.findall(f"{ATOM}entry/{ATOM}summary")
        for summary in summaries:
            assert summary.get("type") == "text"
            assert summary.text == f"Lede {HOSTILE}"
        descriptions = feed.findall("channel/item/description")
        for description in descriptions:
            assert BeautifulSoup(description.text, "html.parser").get_text() == f"Lede {HOSTILE}"
        assert summaries or descriptions, url
