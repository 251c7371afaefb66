"""Every JSON-LD block speaks of the configured public address and types organisations as such."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

from chasqui.core.models import SiteSettings
from chasqui.news.models import NewsIndexPage
from chasqui.news.tests.factories import NewsItemPageFactory
from chasqui.pages.tests.factories import DocumentFactory
from chasqui.publications.models import PublicationAuthor

from .factories import add_publication, publications_index_of

pytestmark = pytest.mark.django_db

PUBLIC = "https://news.example.org"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.WAGTAILADMIN_BASE_URL = PUBLIC


def json_ld_blocks(client, url):
    response = client.get(url, headers={"host": "localhost"})
    assert response.status_code == 200
    scripts = BeautifulSoup(response.content, "html.parser").find_all("script", type="application/ld+json")
    return {data["@type"]: data for data in (json.loads(script.string) for script in scripts)}


def urls_in(value):
    if isinstance(value, dict):
        return [url for item in value.values() for url in urls_in(item)]
    if isinstance(value, list):
        return [url for item in value for url in urls_in(item)]
    return [value] if isinstance(value, str) and "://" in value and "schema.org" not in value else []


def test_a_publication_is_described_on_the_public_address_by_its_organisation(site_tree, client):
    SiteSettings.objects.update_or_create(
        site=site_tree["en"].get_site(), defaults={"organisation_name": "PSG"}
    )
    page = add_publication(
        publications_index_of(site_tree["en"]),
        "Mining report",
        authors=["PSG", "Jane Doe"],
        document=DocumentFactory(),
    )
    page.authors.add(PublicationAuthor(name="Research team", is_organisation=True))
    page.save()

    blocks = json_ld_blocks(client, "/publications/mining-report/")

    report = blocks["Report"]
    assert report["url"] == f"{PUBLIC}/publications/mining-report/"
    assert report["author"] == [
        {"@type": "Organization", "name": "PSG"},
        {"@type": "Person", "name": "Jane Doe"},
        {"@type": "Organization", "name": "Research team"},
    ]
    assert report["publisher"] == {"@type": "Organization", "name": "PSG"}
    assert report["encoding"]["contentUrl"].startswith(f"{PUBLIC}/")
    for data in blocks.values():
        for url in urls_in(data):
            assert url.startswith(f"{PUBLIC}/"), url


def test_a_news_item_and_the_organisation_are_described_on_the_public_address(site_tree, client):
    index = NewsIndexPage.objects.child_of(site_tree["en"]).get()
    NewsItemPageFactory(
        parent=index,
        title="Miners march",
        slug="miners",
        date=datetime.date(2024, 5, 1),
        lede="Lede.",
        publish=True,
    )

    blocks = json_ld_blocks(client, "/news/miners/")

    assert blocks["NewsArticle"]["url"] == f"{PUBLIC}/news/miners/"
    assert blocks["NewsArticle"]["author"]["@type"] == "Organization"
    assert blocks["Organization"]["url"] == f"{PUBLIC}/"
    for data in blocks.values():
        for url in urls_in(data):
            assert url.startswith(f"{PUBLIC}/"), url
