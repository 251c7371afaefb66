"""sitemap.xml lists both languages with hreflang alternates; robots.txt points to it."""

import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache

from chasqui.pages.models import StandardPage

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return {
        url.findtext("sm:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
        }
        for url in root.findall("sm:url", NS)
    }


def test_sitemap_lists_english_and_spanish_pages(client, site_tree):
    entries = sitemap_entries(client)

    assert {
        "http://testserver/",
        "http://testserver/news/",
        "http://testserver/publications/",
        "http://testserver/es/",
        "http://testserver/es/noticias/",
        "http://testserver/es/publicaciones/",
    } <= set(entries)


def test_sitemap_lists_the_bulletin_archive_and_the_join_page_in_both_languages(client, site_tree):
    entries = sitemap_entries(client)

    assert entries["http://testserver/bulletins/"]["es"] == "http://testserver/es/bulletins/"
    assert "http://testserver/es/bulletins/" in entries
    assert "http://testserver/members/join/" in entries
    assert "http://testserver/es/members/join/" in entries


def test_sitemap_entries_name_their_translations(client, site_tree):
    entries = sitemap_entries(client)

    assert entries["http://testserver/news/"] == {
        "en": "http://testserver/news/",
        "es": "http://testserver/es/noticias/",
    }
    assert entries["http://testserver/es/noticias/"]["en"] == "http://testserver/news/"


def test_sitemap_leaves_out_drafts_and_has_no_alternates_for_untranslated_pages(client, site_tree):
    live = site_tree["en"].add_child(instance=StandardPage(title="Aims", live=False))
    live.save_revision().publish()
    site_tree["en"].add_child(instance=StandardPage(title="Draft", live=False))

    entries = sitemap_entries(client)

    assert entries["http://testserver/aims/"] == {}
    assert "http://testserver/draft/" not in entries


def test_robots_txt_allows_pages_and_names_the_sitemap(client, site_tree):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
