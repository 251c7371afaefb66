"""Head metadata: canonical, hreflang, OpenGraph/Twitter and the Organization JSON-LD."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from chasqui.core.models import SiteSettings
from chasqui.images.models import CustomImage
from chasqui.news.models import Topic
from chasqui.pages.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_settings(site_tree):
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").head


def meta(soup, key):
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def alternates(soup):
    return {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}


def test_canonical_url_is_absolute_and_ignores_query_strings(client, site_tree):
    soup = head(client, "/es/noticias/?utm_source=x")

    assert soup.select_one('link[rel="canonical"]')["href"] == "http://testserver/es/noticias/"


def test_routes_below_a_page_keep_their_own_canonical_and_alternates(client, site_tree):
    Topic.objects.create(name="Mining", name_es="Minería", slug="mining")

    soup = head(client, "/es/noticias/tema/mining/?page=1")

    assert soup.select_one('link[rel="canonical"]')["href"] == "http://testserver/es/noticias/tema/mining/"
    assert alternates(soup)["en"] == "http://testserver/news/topic/mining/"


def test_hreflang_alternates_name_both_languages_and_an_english_default(client, site_tree):
    expected = {
        "en": "http://testserver/news/",
        "es": "http://testserver/es/noticias/",
        "x-default": "http://testserver/news/",
    }

    assert alternates(head(client, "/news/")) == expected
    assert alternates(head(client, "/es/noticias/")) == expected


def test_untranslated_page_has_no_hreflang_for_the_missing_language(client, site_tree):
    page = site_tree["en"].add_child(instance=StandardPage(title="Aims", live=False))
    page.save_revision().publish()

    assert alternates(head(client, "/aims/")) == {
        "en": "http://testserver/aims/",
        "x-default": "http://testserver/aims/",
    }


def test_open_graph_and_twitter_tags_describe_the_page(client, site_tree, site_settings):
    site_settings.organisation_name = "Peru Monitoring Group"
    site_settings.twitter_handle = "@perumonitor"
    site_settings.save()
    page = site_tree["en"].add_child(
        instance=StandardPage(
            title="Aims", seo_title="Our aims", search_description="What we work for.", live=False
        )
    )
    page.save_revision().publish()

    soup = head(client, "/aims/")

    assert meta(soup, "og:title") == "Our aims"
    assert meta(soup, "og:description") == "What we work for."
    assert meta(soup, "description") == "What we work for."
    assert meta(soup, "og:url") == "http://testserver/aims/"
    assert meta(soup, "og:site_name") == "Peru Monitoring Group"
    assert meta(soup, "og:locale") == "en_GB"
    assert meta(soup, "twitter:site") == "@perumonitor"
    assert meta(soup, "twitter:card") == "summary_large_image"  # the page's drawn share card


def test_spanish_page_has_spanish_og_locale(client, site_tree):
    soup = head(client, "/es/")

    assert meta(soup, "og:locale") == "es_PE"
    assert meta(soup, "og:locale:alternate") == "en_GB"


def test_sharing_image_falls_back_from_the_page_to_the_site(client, site_tree, site_settings):
    site_image = CustomImage.objects.create(title="Site", file=get_test_image_file(size=(1600, 900)))
    page_image = CustomImage.objects.create(
        title="Protest in Lima", file=get_test_image_file(size=(1600, 900))
    )
    site_settings.social_image = site_image
    site_settings.save()
    with_image = site_tree["en"].add_child(
        instance=StandardPage(title="With image", social_image=page_image, live=False)
    )
    with_image.save_revision().publish()

    site_fallback = head(client, "/")
    own_image = head(client, "/with-image/")

    assert meta(site_fallback, "og:image").startswith("http://testserver/")
    assert meta(own_image, "og:image").startswith("http://testserver/")
    assert meta(own_image, "og:image") != meta(site_fallback, "og:image")
    assert meta(own_image, "og:image:alt") == "Protest in Lima"
    assert (meta(own_image, "og:image:width"), meta(own_image, "og:image:height")) == ("1200", "630")
    assert meta(own_image, "twitter:card") == "summary_large_image"


def test_organization_json_ld_uses_the_site_settings(client, site_tree, site_settings):
    site_settings.organisation_name = "Peru Monitoring Group"
    site_settings.postal_address = "1 Example Street\nLondon N1 1AA"
    site_settings.email = "info@example.org"
    site_settings.logo = CustomImage.objects.create(title="Logo", file=get_test_image_file())
    site_settings.save()

    scripts = head(client, "/es/").select('script[type="application/ld+json"]')
    organisation = next(
        data for data in (json.loads(s.string) for s in scripts) if data.get("@type") == "Organization"
    )

    assert organisation["@context"] == "https://schema.org"
    assert organisation["name"] == "Peru Monitoring Group"
    assert organisation["url"] == "http://127.0.0.1:8000/"
    assert organisation["email"] == "info@example.org"
    assert organisation["address"]["streetAddress"] == "1 Example Street, London N1 1AA"
    assert organisation["logo"].startswith("http://127.0.0.1:8000/")


def test_json_ld_cannot_be_broken_out_of_by_a_name(client, site_tree, site_settings):
    site_settings.organisation_name = "</script><script>alert(1)</script>"
    site_settings.save()

    html = client.get("/").content.decode()

    assert "<script>alert(1)" not in html
