"""The site's chrome: header links, descriptions on every page, list canonicals, form fields, dark colours."""

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.core.cache import cache
from django.test import RequestFactory

from chasqui.core.templatetags.layout_tags import canonical_url
from chasqui.core.theme import DARK_SURFACE, DEFAULT_COLOURS, contrast, readable_on_dark
from chasqui.news.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def get_soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def description(soup):
    tag = soup.find("meta", attrs={"name": "description"})
    return tag["content"] if tag else None


def test_header_reaches_bulletins_members_and_joining_in_both_languages(client, site_tree):
    for url, join in (("/", "/members/join/"), ("/es/", "/es/members/join/")):
        header = get_soup(client, url).find("header", class_="site-header")
        hrefs = {a["href"] for a in header.find_all("a")}
        assert join in hrefs
        assert any(href.endswith("bulletins/") for href in hrefs)
        assert any(href.endswith("members/sign-in/") for href in hrefs)


def test_sections_fold_into_a_details_menu(client, site_tree):
    nav = get_soup(client, "/").find("nav", attrs={"aria-label": "Main"})

    assert nav.find("details").find("summary").get_text(strip=True) == "Menu"
    assert nav.find("details").find("a", href="/search/")


def test_footer_links_the_bulletin_archive_and_carries_no_sign_up_form(client, site_tree):
    footer = get_soup(client, "/news/").find("footer")

    assert footer.find("a", href="/bulletins/")
    assert footer.find("a", href="/subscribe/")
    assert footer.find("form") is None


@pytest.mark.parametrize("url", ["/", "/news/", "/es/", "/members/join/", "/members/sign-in/", "/subscribe/"])
def test_every_public_page_has_a_description(client, site_tree, url):
    assert description(get_soup(client, url))


def test_topic_archive_describes_its_own_subject(client, site_tree):
    Topic.objects.create(name="Mining", name_es="Minería", slug="mining")

    assert "Mining" in description(get_soup(client, "/news/topic/mining/"))
    assert "Minería" in description(get_soup(client, "/es/noticias/tema/mining/"))


def test_join_page_has_a_canonical_and_language_alternates(client, site_tree):
    head = get_soup(client, "/members/join/").head

    assert head.find("link", rel="canonical")["href"] == "http://testserver/members/join/"
    assert head.find("link", hreflang="es")["href"] == "http://testserver/es/members/join/"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/news/?page=50", "http://testserver/news/?page=50"),
        ("/news/?page=1", "http://testserver/news/"),
        ("/news/?page=x&utm_source=y", "http://testserver/news/"),
    ],
)
def test_each_page_of_a_list_is_its_own_canonical(path, expected):
    assert canonical_url({"request": RequestFactory().get(path)}) == expected


def test_form_labels_have_no_colon_and_hints_sit_above_the_field():
    class Example(forms.Form):
        email = forms.EmailField(label="Email address", help_text="We never share it.")

    html = Example().as_div()

    assert "Email address:" not in html
    assert '<label class="field__label" for="id_email">Email address</label>' in html
    assert html.index("We never share it.") < html.index("<input")


@pytest.mark.parametrize("colour", [*DEFAULT_COLOURS.values(), "#000000", "#0000ff", "#ff0000", "#333333"])
def test_brand_colours_are_lightened_to_aa_contrast_for_the_dark_scheme(colour):
    assert contrast(readable_on_dark(colour), DARK_SURFACE) >= 4.5
    assert contrast(readable_on_dark(colour), "#161616") >= 4.5


def test_dark_scheme_colours_reach_the_page(client, site_tree):
    style = str(get_soup(client, "/").head.find("style"))

    assert "prefers-color-scheme: dark" in style
    assert f"--colour-link:{readable_on_dark(DEFAULT_COLOURS['accent'])}" in style
