import re

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from chasqui.news.listing import NewsArchive, archive_queryset
from chasqui.news.models import Region

pytestmark = pytest.mark.django_db


def listed_titles(response):
    return re.findall(r'class="news-teaser__title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def test_index_lists_published_items_newest_first_with_date_and_lede(client, news_index, add_item):
    add_item(news_index, "Older item", "2024-01-05", lede="An older lede.")
    add_item(news_index, "Newer item", "2024-03-01", lede="A newer lede.")
    add_item(news_index, "Draft item", "2024-04-01", live=False)

    response = client.get("/news/")

    assert response.status_code == 200
    assert listed_titles(response) == ["Newer item", "Older item"]
    html = response.content.decode()
    assert "A newer lede." in html
    assert '<time datetime="2024-03-01">1 March 2024</time>' in html
    assert 'href="/news/newer-item/"' in html


def test_items_on_the_same_date_are_ordered_by_newest_first(client, news_index, add_item):
    first = add_item(news_index, "First", "2024-01-01")
    second = add_item(news_index, "Second", "2024-01-01")
    assert second.pk > first.pk

    assert listed_titles(client.get("/news/")) == ["Second", "First"]


def test_listing_links_lead_to_the_items(client, news_index, add_item):
    add_item(news_index, "Linked item", "2024-01-01")

    html = client.get("/news/").content.decode()
    url = re.search(r'class="news-teaser__title"><a href="([^"]+)"', html).group(1)

    assert client.get(url).status_code == 200


@override_settings(CHASQUI_NEWS_PER_PAGE=2)
def test_pagination_splits_the_archive_and_links_pages(client, news_index, add_item):
    for day in range(1, 6):
        add_item(news_index, f"Item {day}", f"2024-01-0{day}")

    first = client.get("/news/")
    second = client.get("/news/", {"page": 2})
    last = client.get("/news/", {"page": 3})

    assert listed_titles(first) == ["Item 5", "Item 4"]
    assert listed_titles(second) == ["Item 3", "Item 2"]
    assert listed_titles(last) == ["Item 1"]
    assert "Page 2 of 3" in second.content.decode()
    assert 'href="?page=3" rel="next"' in second.content.decode()
    assert 'href="/news/" rel="prev"' in second.content.decode()


@override_settings(CHASQUI_NEWS_PER_PAGE=2)
@pytest.mark.parametrize("page", ["0", "-1", "4", "999999", "abc", "2.5", ""])
def test_page_numbers_outside_the_archive_give_a_helpful_404(client, news_index, add_item, page):
    for day in range(1, 6):
        add_item(news_index, f"Item {day}", f"2024-01-0{day}")

    response = client.get("/news/", {"page": page})

    assert response.status_code == 404
    assert "There is no such page in this list." in response.content.decode()
    assert listed_titles(response) == []


def test_empty_archive_first_page_is_fine(client, news_index):
    response = client.get("/news/")

    assert response.status_code == 200
    assert "0 news items" in response.content.decode()


@override_settings(CHASQUI_NEWS_PER_PAGE=3)
def test_every_keyset_page_matches_plain_offset_pagination(news_index, add_item):
    for number in range(11):
        add_item(news_index, f"Item {number}", f"2024-02-{1 + number // 3:02d}")
    expected = [item.pk for item in archive_queryset(news_index)]
    archive = NewsArchive(news_index)

    pages = [[item.pk for item in archive.page(number).items] for number in range(1, 5)]

    assert pages == [expected[0:3], expected[3:6], expected[6:9], expected[9:11]]


def test_topic_route_lists_only_that_topic_under_a_heading(client, news_index, add_item, topics):
    add_item(news_index, "About mining", "2024-01-01", topics=[topics["mining"]])
    add_item(news_index, "About congress", "2024-01-02", topics=[topics["congress"]])

    response = client.get("/news/topic/mining/")

    assert response.status_code == 200
    assert listed_titles(response) == ["About mining"]
    assert "<h1>News: Mining</h1>" in response.content.decode()


def test_region_route_lists_only_that_region(client, news_index, add_item, cusco):
    puno = Region.objects.get(slug="puno")
    add_item(news_index, "In Cusco", "2024-01-01", regions=[cusco])
    add_item(news_index, "In Puno", "2024-01-02", regions=[puno])

    response = client.get("/news/region/cusco/")

    assert listed_titles(response) == ["In Cusco"]
    assert "<h1>News: Cusco</h1>" in response.content.decode()


@pytest.mark.parametrize("url", ["/news/topic/no-such-topic/", "/news/region/atlantis/"])
def test_unknown_topic_or_region_route_is_404(client, news_index, topics, url):
    assert client.get(url).status_code == 404


def test_get_form_combines_topic_region_and_year(client, news_index, add_item, topics, cusco):
    add_item(news_index, "Match", "2023-06-01", topics=[topics["mining"]], regions=[cusco])
    add_item(news_index, "Wrong year", "2024-06-01", topics=[topics["mining"]], regions=[cusco])
    add_item(news_index, "Wrong region", "2023-06-02", topics=[topics["mining"]])
    add_item(news_index, "Wrong topic", "2023-06-03", topics=[topics["congress"]], regions=[cusco])

    response = client.get("/news/", {"topic": "mining", "region": "cusco", "year": "2023"})

    assert response.status_code == 200
    assert listed_titles(response) == ["Match"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_month_filter_keeps_only_that_month(client, news_index, add_item):
    add_item(news_index, "March", "2024-03-31")
    add_item(news_index, "April", "2024-04-01")

    assert listed_titles(client.get("/news/", {"year": "2024", "month": "3"})) == ["March"]
    assert listed_titles(client.get("/news/archive/2024/04/")) == ["April"]
    assert listed_titles(client.get("/news/archive/2024/")) == ["April", "March"]


def test_route_and_query_filters_combine(client, news_index, add_item, topics):
    add_item(news_index, "Mining 2023", "2023-05-01", topics=[topics["mining"]])
    add_item(news_index, "Mining 2024", "2024-05-01", topics=[topics["mining"]])

    response = client.get("/news/topic/mining/", {"year": "2023"})

    assert listed_titles(response) == ["Mining 2023"]


@pytest.mark.parametrize(
    "params",
    [
        {"topic": "nonsense"},
        {"region": "nowhere"},
        {"year": "abc"},
        {"year": "1850"},
        {"year": "2024", "month": "13"},
        {"month": "3"},
    ],
)
def test_invalid_query_filters_explain_the_problem_with_400(client, news_index, add_item, params):
    add_item(news_index, "Item", "2024-01-01")

    response = client.get("/news/", params)

    assert response.status_code == 400
    assert "Some of the filters could not be used." in response.content.decode()
    assert listed_titles(response) == []


@pytest.mark.parametrize("url", ["/news/archive/1850/", "/news/archive/2024/13/", "/news/archive/2024/00/"])
def test_date_routes_outside_the_archive_are_404(client, news_index, add_item, url):
    add_item(news_index, "Item", "2024-01-01")

    assert client.get(url).status_code == 404


def test_spanish_index_lists_only_spanish_items(client, news_index, spanish_news_index, add_item, topics):
    add_item(news_index, "English item", "2024-01-01", topics=[topics["mining"]])
    add_item(spanish_news_index, "Noticia en castellano", "2024-01-02", topics=[topics["mining"]])

    spanish = client.get("/es/noticias/")
    english = client.get("/news/")

    assert listed_titles(spanish) == ["Noticia en castellano"]
    assert listed_titles(english) == ["English item"]
    assert 'href="/es/noticias/tema/mining/">Minería</a>' in spanish.content.decode()
    assert listed_titles(client.get("/es/noticias/tema/mining/")) == ["Noticia en castellano"]


def test_newly_published_item_appears_at_once_despite_cached_anchors(client, news_index, add_item):
    add_item(news_index, "Before", "2024-01-01")
    assert listed_titles(client.get("/news/")) == ["Before"]

    after = add_item(news_index, "After", "2024-01-02")
    assert listed_titles(client.get("/news/")) == ["After", "Before"]

    after.unpublish()
    assert listed_titles(client.get("/news/")) == ["Before"]


def test_index_advertises_its_feeds(client, news_index, topics):
    html = client.get("/news/topic/mining/").content.decode()

    assert (
        '<link rel="alternate" type="application/rss+xml" title="All news (RSS)" href="/news/feed/rss/">'
        in html
    )
    assert 'type="application/atom+xml" title="Mining (Atom)" href="/news/topic/mining/feed/atom/"' in html


def test_the_year_filter_offers_only_years_with_live_news(client, news_index, add_item):
    add_item(news_index, "Old", "2019-04-15")
    add_item(news_index, "New", "2023-01-10")
    add_item(news_index, "Draft", "2021-06-01", live=False)

    page = BeautifulSoup(client.get("/news/").content, "html.parser")
    offered = [option["value"] for option in page.select('select[name="year"] option')]

    assert offered == ["", "2023", "2019"]
    assert client.get("/news/archive/2021/").status_code == 404
    assert client.get("/news/archive/2019/").status_code == 200


def test_the_year_filter_follows_publishing(client, news_index, add_item):
    add_item(news_index, "Old", "2019-04-15")
    client.get("/news/")
    later = add_item(news_index, "Later", "2022-02-02")

    page = BeautifulSoup(client.get("/news/").content, "html.parser")
    assert [option["value"] for option in page.select('select[name="year"] option')] == ["", "2022", "2019"]

    later.unpublish()
    page = BeautifulSoup(client.get("/news/").content, "html.parser")
    assert [option["value"] for option in page.select('select[name="year"] option')] == ["", "2019"]
