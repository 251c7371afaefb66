"""Background pages and publications show their lead image as news items do."""

import datetime

import pytest
from bs4 import BeautifulSoup

from chasqui.publications.models import PublicationIndexPage
from chasqui.publications.tests.factories import PublicationPageFactory

from .factories import ImageFactory, add_standard_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.WAGTAILADMIN_BASE_URL = "https://news.example.org"


def figure_of(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return soup, soup.select_one("figure.lead-figure")


def test_background_page_shows_its_lead_image(site_tree, client):
    page = add_standard_page(
        site_tree["en"],
        "Aims",
        lead_image=ImageFactory(file__width=1600, file__height=1000),
        lead_image_alt="Hills above Cajamarca",
        lead_image_credit="Ana Quispe",
    )
    soup, figure = figure_of(client, page.url)
    assert figure.select_one("img")["alt"] == "Hills above Cajamarca"
    assert "Ana Quispe" in figure.figcaption.get_text()
    assert soup.select_one('meta[property="og:image"]')["content"].startswith("https://news.example.org/")


def test_publication_shows_its_lead_image_and_the_index_a_thumbnail(site_tree, client):
    index = PublicationIndexPage.objects.child_of(site_tree["en"]).get()
    publication = PublicationPageFactory(
        parent=index,
        title="Report",
        date=datetime.date(2026, 1, 1),
        summary_text="<p>S</p>",
        lead_image=ImageFactory(file__width=1600, file__height=1000),
        lead_image_alt="A drawing of the Andes",
        publish=True,
    )
    _soup, figure = figure_of(client, publication.url)
    assert figure.select_one("img")["alt"] == "A drawing of the Andes"
    listing = BeautifulSoup(client.get(index.url).content, "html.parser")
    assert listing.select_one(".publication-teaser .teaser-thumb img")["alt"] == "A drawing of the Andes"
