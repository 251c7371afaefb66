"""The language switcher and the Spanish interface."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from wagtail.models import Locale

from chasqui.news.models import Topic
from chasqui.news.tests.factories import NewsItemPageFactory
from chasqui.pages.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def switcher(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    soup = BeautifulSoup(response.content, "html.parser")
    nav = soup.select_one("nav.language-switcher")
    links = {a["hreflang"]: a["href"] for a in nav.select("a")}
    current = nav.select_one("[aria-current]")["lang"]
    return current, links


@pytest.mark.parametrize(
    ("url", "current", "other", "target"),
    [
        ("/", "en", "es", "/es/"),
        ("/es/", "es", "en", "/"),
        ("/news/", "en", "es", "/es/noticias/"),
        ("/es/noticias/", "es", "en", "/news/"),
        ("/publications/", "en", "es", "/es/publicaciones/"),
        ("/search/?q=mineria", "en", "es", "/es/search/?q=mineria"),
    ],
)
def test_language_switcher_links_to_the_translation(client, site_tree, url, current, other, target):
    assert switcher(client, url) == (current, {other: target})


def test_language_switcher_keeps_the_route_below_a_page(client, site_tree):
    Topic.objects.create(name="Mining", name_es="Minería", slug="mining")

    assert switcher(client, "/news/topic/mining/") == ("en", {"es": "/es/noticias/tema/mining/"})
    assert switcher(client, "/es/noticias/tema/mining/") == ("es", {"en": "/news/topic/mining/"})


def test_language_switcher_falls_back_to_the_other_home_without_a_translation(client, site_tree):
    page = site_tree["en"].add_child(instance=StandardPage(title="Aims", live=False))
    page.save_revision().publish()

    assert switcher(client, "/aims/") == ("en", {"es": "/es/"})
    assert switcher_note(client, "/aims/") == "(sin traducir: ver Inicio)"


def test_language_switcher_ignores_draft_translations(client, site_tree):
    page = site_tree["en"].add_child(instance=StandardPage(title="Aims", live=False))
    page.save_revision().publish()
    draft = page.copy_for_translation(Locale.objects.get(language_code="es"))
    draft.save_revision()

    assert switcher(client, "/aims/") == ("en", {"es": "/es/"})


def test_language_switcher_on_a_missing_page_goes_home(client, site_tree):
    assert switcher(client, "/es/no-existe/", status=404) == ("es", {"en": "/"})


def test_spanish_pages_render_the_interface_in_spanish(client, site_tree):
    soup = BeautifulSoup(client.get("/es/").content, "html.parser")

    assert soup.html["lang"] == "es"
    assert soup.select_one(".skip-link").get_text(strip=True) == "Saltar al contenido principal"
    assert soup.select_one("nav.language-switcher")["aria-label"] == "Idioma"
    assert soup.select_one("nav.site-nav")["aria-label"] == "Principal"
    assert soup.select_one(".site-nav__search a").get_text(strip=True) == "Buscar"


def test_english_pages_render_the_interface_in_english(client, site_tree):
    soup = BeautifulSoup(client.get("/").content, "html.parser")

    assert soup.html["lang"] == "en"
    assert soup.select_one("nav.site-nav")["aria-label"] == "Main"
    assert soup.select_one(".site-nav__search a").get_text(strip=True) == "Search"


def switcher_note(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    note = soup.select_one("nav.language-switcher .language-switcher__missing")
    return note.get_text(" ", strip=True) if note else None


def test_an_untranslated_item_offers_the_other_languages_section_and_says_so(client, site_tree):
    news = site_tree["en"].get_children().get(slug="news")
    NewsItemPageFactory(parent=news, title="Only in English", slug="only-in-english", publish=True)

    assert switcher(client, "/news/only-in-english/") == ("en", {"es": "/es/noticias/"})
    assert switcher_note(client, "/news/only-in-english/") == "(sin traducir: ver Noticias)"


def test_an_untranslated_spanish_item_offers_the_english_section(client, site_tree):
    noticias = site_tree["es"].get_children().get(slug="noticias")
    NewsItemPageFactory(parent=noticias, title="Solo en castellano", slug="solo", publish=True)

    assert switcher(client, "/es/noticias/solo/") == ("es", {"en": "/news/"})
    assert switcher_note(client, "/es/noticias/solo/") == "(not translated: see News)"


def test_a_translated_page_has_no_missing_translation_note(client, site_tree):
    assert switcher_note(client, "/news/") is None
    assert switcher_note(client, "/es/") is None
