import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chasqui.pages.tests.factories import DocumentFactory, ImageFactory, pdf_bytes

from .factories import add_publication, publications_index_of

pytestmark = pytest.mark.django_db


def get_soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_index_lists_live_publications_newest_first_with_authors(site_tree, client):
    index = publications_index_of(site_tree["en"])
    add_publication(index, "Older", date=datetime.date(2017, 5, 1), authors=["Ana Pérez"])
    add_publication(index, "Newest", date=datetime.date(2019, 3, 23), authors=["John Crabtree", "Ana Pérez"])
    add_publication(index, "Unpublished draft", date=datetime.date(2020, 1, 1), live=False)

    soup = get_soup(client, index.url)
    teasers = soup.select(".publication-teaser")

    assert [(t.a.get_text(strip=True), t.a["href"]) for t in teasers] == [
        ("Newest", "/publications/newest/"),
        ("Older", "/publications/older/"),
    ]
    authors = teasers[0].select_one(".publication-teaser__authors").get_text(strip=True)
    assert authors == "John Crabtree, Ana Pérez"
    assert teasers[0].time["datetime"] == "2019-03-23"


def test_index_paginates_and_the_last_page_holds_the_oldest(site_tree, client):
    index = publications_index_of(site_tree["en"])
    for n in range(index.per_page + 2):
        add_publication(index, f"Report {n}", date=datetime.date(2000 + n, 1, 1))

    first = get_soup(client, index.url)
    second = get_soup(client, index.url + "?page=2")

    assert len(first.select(".publication-teaser")) == index.per_page
    assert first.select_one(".pagination__next")["href"] == "?page=2"
    assert [a.get_text(strip=True) for a in second.select(".publication-teaser__title a")] == [
        "Report 1",
        "Report 0",
    ]


def test_index_query_count_does_not_grow_with_publications_and_covers(site_tree, client):
    index = publications_index_of(site_tree["en"])
    add_publication(index, "First", cover_image=ImageFactory(), authors=["A"])
    client.get(index.url)
    with CaptureQueriesContext(connection) as one:
        client.get(index.url)
    for n in range(6):
        add_publication(index, f"More {n}", cover_image=ImageFactory(), authors=["A", "B"])
    client.get(index.url)
    with CaptureQueriesContext(connection) as seven:
        soup = get_soup(client, index.url)

    assert len(soup.select(".publication-teaser__cover")) == 7
    assert len(seven) == len(one)


def test_publication_page_shows_authors_partners_summary_and_cover(site_tree, client):
    page = add_publication(
        publications_index_of(site_tree["en"]),
        "Listening first: dialogue in Peruvian mining",
        authors=["John Crabtree", "Ana Pérez"],
        partners=[("Idehpucp", "https://idehpucp.pucp.edu.pe/"), ("Peru Support Group", "")],
        cover_image=ImageFactory(description="Cover of the report"),
    )

    soup = get_soup(client, page.url)

    assert soup.h1.get_text(strip=True) == "Listening first: dialogue in Peruvian mining"
    assert soup.select_one(".publication__date time")["datetime"] == "2019-03-23"
    assert soup.select_one(".publication__authors").get_text(strip=True) == "John Crabtree, Ana Pérez"
    partners = soup.select_one(".publication__partners")
    assert [(a.get_text(strip=True), a["href"]) for a in partners.select("a")] == [
        ("Idehpucp", "https://idehpucp.pucp.edu.pe/")
    ]
    assert "Peru Support Group" in partners.get_text()
    assert soup.select_one(".publication__summary").get_text(strip=True) == "What good dialogue looks like."
    cover = soup.select_one(".publication__cover img")
    assert cover["alt"] == "Cover of the report"
    assert cover["src"].startswith("/media/images/")


def test_publication_page_offers_the_pdf_with_its_size_and_type(site_tree, client):
    document = DocumentFactory(file__data=pdf_bytes(1_572_864))
    page = add_publication(publications_index_of(site_tree["en"]), "Annual report", document=document)

    link = get_soup(client, page.url).select_one(".publication__download a")

    assert link["href"] == document.url
    assert link.select_one(".publication__download-meta").get_text(strip=True) == "(PDF, 1.5\xa0MB)"
    assert client.get(link["href"]).status_code == 200


def test_publication_page_without_a_document_has_no_download_link(site_tree, client):
    page = add_publication(publications_index_of(site_tree["en"]), "Briefing")

    assert get_soup(client, page.url).select(".publication__download") == []


def test_publication_page_describes_itself_as_a_schema_org_report(site_tree, client):
    page = add_publication(
        publications_index_of(site_tree["en"]),
        "Mining </script> report",
        authors=["John Crabtree"],
        partners=[("Idehpucp", "https://idehpucp.pucp.edu.pe/")],
        document=DocumentFactory(),
    )

    response = client.get(page.url)
    scripts = BeautifulSoup(response.content, "html.parser").find_all("script", type="application/ld+json")
    [data] = [d for d in (json.loads(s.string) for s in scripts) if d.get("@type") == "Report"]

    assert b"Mining </script>" not in response.content
    assert data["@type"] == "Report"
    assert data["name"] == "Mining </script> report"
    assert data["datePublished"] == "2019-03-23"
    assert data["author"] == [{"@type": "Person", "name": "John Crabtree"}]
    assert data["contributor"][0]["url"] == "https://idehpucp.pucp.edu.pe/"
    assert data["encoding"]["encodingFormat"] == "application/pdf"
    assert data["url"].endswith("/publications/mining-script-report/")


def test_publication_page_query_count_does_not_grow_with_authors_and_partners(site_tree, client):
    index = publications_index_of(site_tree["en"])
    small = add_publication(
        index,
        "Small",
        authors=["A"],
        partners=[("P", "")],
        document=DocumentFactory(),
        cover_image=ImageFactory(),
    )
    large = add_publication(
        index,
        "Large",
        authors=[f"Author {n}" for n in range(10)],
        partners=[(f"Partner {n}", f"https://p{n}.example/") for n in range(10)],
        document=DocumentFactory(),
        cover_image=ImageFactory(),
    )
    counts = []
    for page in (small, large):
        client.get(page.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page.url).status_code == 200
        counts.append(len(captured))

    assert counts[0] == counts[1]


def test_spanish_publications_index_lists_only_spanish_publications(site_tree, client):
    add_publication(publications_index_of(site_tree["en"]), "English report")
    add_publication(publications_index_of(site_tree["es"]), "Informe en castellano")

    soup = get_soup(client, "/es/publicaciones/")

    titles = [a.get_text(strip=True) for a in soup.select(".publication-teaser__title a")]
    assert titles == ["Informe en castellano"]
