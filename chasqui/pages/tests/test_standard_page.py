import pytest
from bs4 import BeautifulSoup

from chasqui.pages.models import section_anchor

from .factories import add_standard_page, section

pytestmark = pytest.mark.django_db


def get_page(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_background_page_shows_title_and_intro(site_tree, client):
    page = add_standard_page(site_tree["en"], "Human rights", intro="Rights since 1980.")

    soup = get_page(client, page)

    assert soup.h1.get_text(strip=True) == "Human rights"
    assert soup.select_one(".page-header__intro").get_text(strip=True) == "Rights since 1980."


def test_sections_render_with_anchors_listed_in_a_table_of_contents(site_tree, client):
    page = add_standard_page(
        site_tree["en"],
        "Historical overview",
        body=[
            section("The twentieth century", "Autocratic governments."),
            section("Internal armed conflict", "Nearly 70,000 people died.", anchor="conflict"),
        ],
    )

    soup = get_page(client, page)

    toc = [(a.get_text(strip=True), a["href"]) for a in soup.select(".page-toc a")]
    assert toc == [
        ("The twentieth century", "#the-twentieth-century"),
        ("Internal armed conflict", "#conflict"),
    ]
    for _title, href in toc:
        target = soup.find(id=href[1:])
        assert target is not None, href
    assert "Nearly 70,000 people died." in soup.find(id="conflict").get_text()


def test_a_single_section_needs_no_table_of_contents(site_tree, client):
    page = add_standard_page(site_tree["en"], "Aims", body=[section("Our aims", "Inclusion.")])

    soup = get_page(client, page)

    assert soup.select(".page-toc") == []
    assert soup.find(id="our-aims") is not None


def test_section_anchor_prefers_the_editors_anchor_and_falls_back_to_the_title():
    assert section_anchor({"title": "Derechos humanos", "anchor": ""}) == "derechos-humanos"
    assert section_anchor({"title": "Anything", "anchor": "Custom Anchor"}) == "custom-anchor"


def test_saving_gives_every_section_a_unique_anchor(site_tree):
    page = add_standard_page(
        site_tree["en"],
        "About",
        body=[
            section("Contact", "Write to us."),
            section("Contact", "Or call."),
            section("Team", "Who we are.", anchor="Our Team"),
        ],
    )
    page.refresh_from_db()

    assert [block.value["anchor"] for block in page.body] == ["contact", "contact-2", "our-team"]
