"""Pictures in listings, on the home page and in feeds, at a cost that does not grow with them."""

import datetime

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chasqui.news.feeds import MEDIA_NAMESPACE
from chasqui.news.models import NewsItemPage
from chasqui.pages.tests.factories import ImageFactory, news_index_of

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{" + MEDIA_NAMESPACE + "}"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.WAGTAILADMIN_BASE_URL = "https://news.example.org"


def add_items(site_tree, count, pictured, start=0):
    """`count` items a day apart, the first `pictured` of them with a lead image."""
    index = news_index_of(site_tree["en"])
    for number in range(start, start + count):
        fields = {}
        if number - start < pictured:
            fields = {
                "lead_image": ImageFactory(file__width=800, file__height=600),
                "lead_image_alt": f"Scene {number}",
            }
        item = NewsItemPage(
            title=f"Item {number}",
            date=datetime.date(2026, 11, 20) - datetime.timedelta(days=number),
            lede="A lede.",
            **fields,
        )
        index.add_child(instance=item)
        item.save_revision().publish()


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_home_leads_with_the_newest_pictured_item_then_thumbnails(site_tree, client):
    add_items(site_tree, 3, pictured=0)
    add_items(site_tree, 3, pictured=3, start=3)
    soup = soup_of(client, "/")

    lead = soup.select_one(".lead-story")
    assert lead.select_one(".lead-story__title").get_text(strip=True) == "Item 3"
    assert lead.select_one("img")["fetchpriority"] == "high"
    teasers = [t.select_one(".news-teaser__title").get_text(strip=True) for t in soup.select(".news-teaser")]
    assert "Item 3" not in teasers
    thumbs = soup.select(".news-teaser .teaser-thumb img")
    assert [img["alt"] for img in thumbs] == ["Scene 4", "Scene 5"]
    assert all(img["loading"] == "lazy" and img["width"] and img["height"] for img in thumbs)


def test_news_index_and_archives_show_thumbnails(site_tree, client):
    add_items(site_tree, 2, pictured=1)
    for url in ("/news/", "/news/archive/2026/"):
        thumbs = soup_of(client, url).select(".news-teaser picture img")
        assert [img["alt"] for img in thumbs] == ["Scene 0"], url
        assert "srcset" in thumbs[0].attrs


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_carry_the_lead_image_on_absolute_urls(site_tree, client, kind):
    add_items(site_tree, 2, pictured=1)
    root = ElementTree.fromstring(client.get(f"/news/feed/{kind}/").content)
    entries = root.findall("channel/item") if kind == "rss" else root.findall(f"{ATOM}entry")

    media = [entry.find(f"{MEDIA}content") for entry in entries]
    assert media[1] is None
    assert media[0].get("url").startswith("https://news.example.org/media/")
    assert media[0].get("medium") == "image"
    assert media[0].get("width") == "800"  # the 800 px photo at the share card's shape
    assert media[0].get("height") == "420"


def warm_counts(client, urls):
    for url in urls:
        client.get(url)
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts[url] = len(captured)
    return counts


def test_pictures_do_not_add_queries_per_item(site_tree, client, settings):
    # What the pages cost to render, as on the first request after a change: no cached fragments.
    settings.CHASQUI_FRAGMENTS = False
    add_items(site_tree, 2, pictured=2)
    newest = NewsItemPage.objects.order_by("-date").first().url
    urls = ["/", "/news/", "/news/feed/rss/", newest]
    few = warm_counts(client, urls)

    add_items(site_tree, 10, pictured=10, start=20)
    assert warm_counts(client, urls) == few
