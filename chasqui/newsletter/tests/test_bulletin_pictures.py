"""Items with a lead image show it in the bulletin email, on the public address with a set width."""

import pytest
from bs4 import BeautifulSoup

from chasqui.newsletter.content import render_bulletin_email
from chasqui.newsletter.services import create_next_bulletin
from chasqui.pages.tests.factories import ImageFactory

from .conftest import days_ago

pytestmark = pytest.mark.django_db


def test_bulletin_email_shows_the_lead_image_of_items_that_have_one(
    site_settings, news_index, add_item, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.WAGTAILADMIN_BASE_URL = "https://news.example.org"
    pictured = add_item(news_index, "Floods in Piura", days_ago(1))
    pictured.lead_image = ImageFactory(file__width=1600, file__height=1000)
    pictured.lead_image_alt = "A flooded street in Piura"
    pictured.save_revision().publish()
    add_item(news_index, "Congress debates mining law", days_ago(2))

    html = render_bulletin_email(create_next_bulletin("en")).html
    images = [img for img in BeautifulSoup(html, "html.parser").find_all("img") if img.get("alt")]

    assert [img["alt"] for img in images] == ["A flooded street in Piura"]
    assert images[0]["src"].startswith("https://news.example.org/media/")
    assert images[0]["width"] == "550"
