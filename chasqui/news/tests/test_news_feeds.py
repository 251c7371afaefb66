import feedparser
import pytest

from chasqui.demo.generator import generate_news
from chasqui.news.feeds import FEED_LENGTH

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, feedparser.parse(response.content)


def test_rss_feed_lists_latest_items_with_absolute_links_and_dates(client, news_index, add_item, topics):
    add_item(news_index, "Older", "2024-01-01", lede="Older lede.")
    add_item(news_index, "Newer", "2024-02-03", lede="Newer lede.", topics=[topics["mining"]])

    response, feed = parse(client, "/news/feed/rss/")

    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed.version == "rss20"
    assert feed.feed.title == "News · Chasqui"
    assert [entry.title for entry in feed.entries] == ["Newer", "Older"]
    newest = feed.entries[0]
    assert newest.link == "http://127.0.0.1:8000/news/newer/"
    assert newest.summary == "Newer lede."
    assert tuple(newest.published_parsed[:3]) == (2024, 2, 3)
    assert [tag.term for tag in newest.tags] == ["Mining"]
    assert newest.id.startswith("tag:127.0.0.1,")


def test_atom_feed_has_the_same_items(client, news_index, add_item):
    add_item(news_index, "Only item", "2024-01-01")

    response, feed = parse(client, "/news/feed/atom/")

    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == ["Only item"]
    assert feed.entries[0].link == "http://127.0.0.1:8000/news/only-item/"
    assert tuple(feed.entries[0].updated_parsed[:1]) >= (2024,)


def test_topic_feed_contains_only_that_topic(client, news_index, add_item, topics):
    add_item(news_index, "Mining news", "2024-01-01", topics=[topics["mining"]])
    add_item(news_index, "Congress news", "2024-01-02", topics=[topics["congress"]])

    _, rss = parse(client, "/news/topic/mining/feed/rss/")
    _, atom = parse(client, "/news/topic/congress/feed/atom/")

    assert [entry.title for entry in rss.entries] == ["Mining news"]
    assert rss.feed.title == "News: Mining · Chasqui"
    assert rss.feed.link == "http://127.0.0.1:8000/news/topic/mining/"
    assert [entry.title for entry in atom.entries] == ["Congress news"]


def test_region_feed_contains_only_that_region(client, news_index, add_item, cusco):
    add_item(news_index, "Cusco news", "2024-01-01", regions=[cusco])
    add_item(news_index, "Elsewhere", "2024-01-02")

    _, feed = parse(client, "/news/region/cusco/feed/rss/")

    assert [entry.title for entry in feed.entries] == ["Cusco news"]


def test_feed_is_limited_to_the_latest_items(client, news_index):
    generate_news(FEED_LENGTH + 5, seed=1)

    _, feed = parse(client, "/news/feed/rss/")

    assert len(feed.entries) == FEED_LENGTH


def test_spanish_feed_lists_spanish_items_with_spanish_titles(
    client, news_index, spanish_news_index, add_item, topics
):
    add_item(news_index, "English item", "2024-01-01", topics=[topics["mining"]])
    add_item(spanish_news_index, "Noticia minera", "2024-01-02", topics=[topics["mining"]])

    _, feed = parse(client, "/es/noticias/tema/mining/feed/rss/")

    assert feed.feed.title == "Noticias: Minería · Chasqui"
    assert feed.feed.language == "es"
    assert feed.feed.link == "http://127.0.0.1:8000/es/noticias/tema/mining/"
    assert feed.feed.description == "Las últimas noticias de Chasqui sobre Minería."
    assert [entry.title for entry in feed.entries] == ["Noticia minera"]
    assert feed.entries[0].link == "http://127.0.0.1:8000/es/noticias/noticia-minera/"
    assert [tag.term for tag in feed.entries[0].tags] == ["Minería"]


@pytest.mark.parametrize(
    "url", ["/news/feed/json/", "/news/topic/nothing/feed/rss/", "/news/region/nowhere/feed/atom/"]
)
def test_unknown_feeds_are_404(client, news_index, url):
    assert client.get(url).status_code == 404
