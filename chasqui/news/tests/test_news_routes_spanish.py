"""Spanish words for the news index's sub-routes (/es/noticias/tema/…), and redirects from the other
language's words, so a Spanish reader who follows an English link lands on the Spanish address."""

import re

import pytest
from bs4 import BeautifulSoup

from chasqui.news.routes import canonical_route, localize_route

pytestmark = pytest.mark.django_db


def test_route_words_go_into_spanish_and_back():
    assert localize_route("topic/mining/", "es") == "tema/mining/"
    assert localize_route("archive/2019/4/", "es") == "archivo/2019/4/"
    assert localize_route("topic/mining/", "en") == "topic/mining/"
    assert canonical_route("/tema/mining/", "es") == ("/topic/mining/", False)
    assert canonical_route("/topic/mining/", "es") == ("/topic/mining/", True)
    assert canonical_route("/region/cusco/", "es") == ("/region/cusco/", False)
    assert canonical_route("/tema/mining/", "en") == ("/topic/mining/", True)
    assert canonical_route("/archivo/2019/", "en") == ("/archive/2019/", True)
    assert canonical_route("/some-item/", "es") == ("/some-item/", False)


@pytest.mark.parametrize(
    "url",
    [
        "/es/noticias/tema/mining/",
        "/es/noticias/region/cusco/",
        "/es/noticias/archivo/2024/",
        "/es/noticias/archivo/2024/5/",
        "/es/noticias/tema/mining/feed/rss/",
        "/es/noticias/region/cusco/feed/atom/",
        "/es/noticias/feed/rss/",
        "/news/topic/mining/",
        "/news/archive/2024/5/",
    ],
)
def test_spanish_and_english_sub_routes_answer(
    client, spanish_news_index, news_index, add_item, topics, cusco, url
):
    add_item(spanish_news_index, "Noticia minera", "2024-05-02", topics=[topics["mining"]], regions=[cusco])
    add_item(news_index, "Mining news", "2024-05-02", topics=[topics["mining"]], regions=[cusco])

    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("/es/noticias/topic/mining/", "/es/noticias/tema/mining/"),
        ("/es/noticias/archive/2024/", "/es/noticias/archivo/2024/"),
        ("/es/noticias/archive/2024/5/?page=2", "/es/noticias/archivo/2024/5/?page=2"),
        ("/es/noticias/topic/mining/feed/atom/", "/es/noticias/tema/mining/feed/atom/"),
        ("/news/tema/mining/", "/news/topic/mining/"),
        ("/news/archivo/2024/", "/news/archive/2024/"),
    ],
)
def test_the_other_languages_words_redirect_permanently(
    client, spanish_news_index, add_item, topics, url, target
):
    add_item(spanish_news_index, "Noticia minera", "2024-05-02", topics=[topics["mining"]])

    response = client.get(url)

    assert response.status_code == 301
    assert response["Location"] == target


def test_an_unknown_topic_is_still_missing_in_either_language(client, spanish_news_index):
    assert client.get("/es/noticias/tema/nada/").status_code == 404
    assert client.get("/es/noticias/topic/nada/").status_code in (301, 404)


def test_spanish_pages_link_the_spanish_routes(client, spanish_news_index, add_item, topics, cusco):
    add_item(spanish_news_index, "Noticia minera", "2024-05-02", topics=[topics["mining"]], regions=[cusco])

    item = client.get("/es/noticias/noticia-minera/").content.decode()
    listing = client.get("/es/noticias/").content.decode()
    topic = client.get("/es/noticias/tema/mining/").content.decode()

    assert 'href="/es/noticias/tema/mining/"' in item
    assert 'href="/es/noticias/region/cusco/"' in item
    assert 'href="/es/noticias/tema/mining/"' in listing
    assert "/es/noticias/feed/rss/" in listing
    assert "/es/noticias/tema/mining/feed/rss/" in topic
    soup = BeautifulSoup(item + listing + topic, "html.parser")
    links = [a.get("href", "") for a in soup.select("a")] + [
        tag.get("href", "") for tag in soup.select("link")
    ]
    assert not [link for link in links if re.search(r"/es/noticias/(topic|archive)/", link)]


def test_english_pages_keep_the_english_routes(client, news_index, add_item, topics):
    add_item(news_index, "Mining news", "2024-05-02", topics=[topics["mining"]])

    item = client.get("/news/mining-news/").content.decode()

    assert 'href="/news/topic/mining/"' in item
    assert "/news/feed/rss/" in item


def test_spanish_dates_read_as_spanish_writes_them(client, spanish_news_index, news_index, add_item):
    add_item(spanish_news_index, "Noticia minera", "2019-04-15")
    add_item(news_index, "Mining news", "2019-04-15")

    assert "15 de abril de 2019" in client.get("/es/noticias/noticia-minera/").content.decode()
    assert "15 de abril de 2019" in client.get("/es/noticias/").content.decode()
    assert "abril de 2019" in client.get("/es/noticias/archivo/2019/4/").content.decode()
    assert "15 April 2019" in client.get("/news/mining-news/").content.decode()
