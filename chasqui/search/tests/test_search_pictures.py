"""Results show their page's lead image as a small thumbnail, at a cost that does not grow with them."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chasqui.pages.tests.factories import ImageFactory
from chasqui.search.models import SearchEntry

from .factories import bulk_entries, publish_background, publish_news

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def picture():
    return ImageFactory(file__width=400, file__height=300)


def result_items(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select(".search-result")


def test_results_with_a_lead_image_show_a_small_lazy_thumbnail_with_its_alt_text(client, site_tree):
    publish_news(site_tree["en"], "Glacier news", lead_image=picture(), lead_image_alt="Ice above Huaraz")
    publish_background(site_tree["en"], "Glacier background")

    items = {
        item.select_one(".search-result__type").get_text(): item for item in result_items(client, q="glacier")
    }
    pictured, plain = items["News"], items["Background"]

    img = pictured.select_one(".teaser-thumb picture img")
    assert img["alt"] == "Ice above Huaraz"
    assert img["loading"] == "lazy"
    assert (img["width"], img["height"]) == ("160", "120")
    assert "160w" in pictured.select_one(".teaser-thumb source")["srcset"]
    assert plain.select_one(".teaser-thumb") is None


def test_a_new_alt_text_or_a_deleted_image_shows_on_the_next_search(client, site_tree):
    image = picture()
    page = publish_news(site_tree["en"], "Glacier news", lead_image=image, lead_image_alt="Ice")
    page.lead_image_alt = "Ice above Huaraz at dawn"
    page.save_revision().publish()

    assert result_items(client, q="glacier")[0].select_one("img")["alt"] == "Ice above Huaraz at dawn"

    image.delete()

    assert result_items(client, q="glacier")[0].select_one(".teaser-thumb") is None
    assert SearchEntry.objects.get(page=page).lead_image_id is None


def test_thumbnails_cost_the_same_queries_for_two_pictured_results_as_for_twenty(client, site_tree, settings):
    settings.CHASQUI_SEARCH_PER_PAGE = 20
    pages = bulk_entries(site_tree["en"], 20, text="Water protests continue.")

    def queries_with_pictures(count):
        for page in pages[:count]:
            SearchEntry.objects.filter(page=page).update(lead_image=picture(), lead_image_alt=page.title)
        client.get("/search/", {"q": "water"})  # the first search makes the renditions
        with CaptureQueriesContext(connection) as captured:
            items = result_items(client, q="water")
        assert len(items) == 20
        assert len([item for item in items if item.select_one(".teaser-thumb img")]) == count
        return len(captured)

    two = queries_with_pictures(2)
    twenty = queries_with_pictures(20)

    assert two == twenty
    SearchEntry.objects.update(lead_image=None)
    with CaptureQueriesContext(connection) as unpictured:
        client.get("/search/", {"q": "water"})
    assert len(unpictured) == two - 2  # the images and their renditions, one query each
