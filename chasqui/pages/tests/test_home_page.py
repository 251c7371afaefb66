import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from chasqui.news.home import NEWS_ITEMS_PER_WEEK_LIMIT, group_by_week
from chasqui.publications.models import PublicationIndexPage
from chasqui.publications.tests.factories import PublicationPageFactory

from .factories import add_news_items, add_standard_page, news_index_of, weekly_news

pytestmark = pytest.mark.django_db


def get_home(client, language="en"):
    response = client.get("/" if language == "en" else f"/{language}/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def weeks_shown(soup):
    """[(week heading, [item titles])] in page order."""
    return [
        (
            week.select_one(".news-week__heading").get_text(" ", strip=True),
            [a.get_text(strip=True) for a in week.select(".news-teaser__title a")],
        )
        for week in soup.select(".news-week")
    ]


def test_home_groups_news_by_week_newest_week_first(site_tree, client):
    index = news_index_of(site_tree["en"])
    add_news_items(
        index,
        [
            ("Older week item", datetime.date(2026, 10, 21), "Lede."),
            ("Monday item", datetime.date(2026, 10, 26), "Lede."),
            ("Sunday item", datetime.date(2026, 11, 1), "Lede."),
            ("Newest item", datetime.date(2026, 11, 3), "Lede."),
        ],
    )

    assert weeks_shown(get_home(client)) == [
        ("Week of 2 November 2026", ["Newest item"]),
        ("Week of 26 October 2026", ["Sunday item", "Monday item"]),
        ("Week of 19 October 2026", ["Older week item"]),
    ]


def test_home_news_item_shows_linked_title_date_and_lede(site_tree, client):
    [item] = add_news_items(
        news_index_of(site_tree["en"]),
        [("Congress debates mining law", datetime.date(2026, 11, 4), "A short lede about the debate.")],
    )

    teaser = get_home(client).select_one(".news-teaser")

    assert teaser.select_one(".news-teaser__title a")["href"] == item.url == "/news/" + item.slug + "/"
    assert teaser.select_one("time")["datetime"] == "2026-11-04"
    assert teaser.select_one("time").get_text(strip=True) == "4 November 2026"
    assert teaser.select_one(".news-teaser__lede").get_text(strip=True) == "A short lede about the debate."


def test_home_shows_only_the_configured_number_of_weeks(site_tree, client):
    home = site_tree["en"]
    home.news_weeks = 2
    home.save()
    add_news_items(news_index_of(home), weekly_news(12, per_week=3))

    weeks = weeks_shown(get_home(client))

    assert [heading for heading, _titles in weeks] == ["Week of 2 November 2026", "Week of 26 October 2026"]
    assert [len(titles) for _heading, titles in weeks] == [3, 3]


def test_home_leaves_out_a_week_the_item_limit_would_cut_short(site_tree, client):
    home = site_tree["en"]
    home.news_weeks = 1
    home.save()
    limit = NEWS_ITEMS_PER_WEEK_LIMIT
    add_news_items(news_index_of(home), weekly_news(limit + 3, per_week=limit + 3))

    weeks = weeks_shown(get_home(client))

    assert len(weeks) == 1
    assert len(weeks[0][1]) == limit


def test_group_by_week_drops_a_partial_oldest_week_only_when_others_remain():
    class Item:
        def __init__(self, date):
            self.date = date

    items = [Item(datetime.date(2026, 11, d)) for d in (4, 2)] + [Item(datetime.date(2026, 10, 30))]

    groups = group_by_week(items, weeks=1)

    assert [g["start"] for g in groups] == [datetime.date(2026, 11, 2)]
    assert len(groups[0]["items"]) == 2


def test_spanish_home_lists_only_spanish_news(site_tree, client):
    add_news_items(news_index_of(site_tree["en"]), [("English item", datetime.date(2026, 11, 3), "Lede.")])
    [spanish] = add_news_items(
        news_index_of(site_tree["es"]), [("Noticia en castellano", datetime.date(2026, 11, 2), "Entradilla.")]
    )

    soup = get_home(client, "es")
    titles = [a.get_text(strip=True) for a in soup.select(".news-teaser__title a")]

    assert titles == ["Noticia en castellano"]
    assert soup.select_one(".news-teaser__title a")["href"] == spanish.url
    assert spanish.url.startswith("/es/noticias/")
    assert "Semana del 2 de noviembre de 2026" in soup.select_one(".news-week__heading").get_text(
        " ", strip=True
    )
    assert "English item" not in str(soup)


def test_home_links_to_the_news_index(site_tree, client):
    add_news_items(news_index_of(site_tree["en"]), weekly_news(1))

    links = [a["href"] for a in get_home(client).select(".home-news .more-link a")]

    assert links == ["/news/"]


def test_home_teasers_link_to_the_featured_background_pages_in_order(site_tree, client):
    home = site_tree["en"]
    aims = add_standard_page(home, "Aims", intro="What we work for.")
    history = add_standard_page(home, "Historical overview", listing_summary="A century in brief.")
    draft = add_standard_page(home, "Draft page", live=False)
    home.featured_pages = [("page", history), ("page", draft), ("page", aims)]
    home.save()

    teasers = get_home(client).select(".page-teaser")

    assert [(t.a.get_text(strip=True), t.a["href"]) for t in teasers] == [
        ("Historical overview", "/historical-overview/"),
        ("Aims", "/aims/"),
    ]
    assert [t.select_one(".page-teaser__summary").get_text(strip=True) for t in teasers] == [
        "A century in brief.",
        "What we work for.",
    ]


def test_home_shows_the_latest_publication_and_links_to_all_publications(site_tree, client):
    index = PublicationIndexPage.objects.child_of(site_tree["en"]).get()
    for title, date in (("Older report", "2025-03-01"), ("Mining dialogue", "2026-03-23")):
        PublicationPageFactory(
            parent=index,
            title=title,
            date=datetime.date.fromisoformat(date),
            summary_text="<p>Lessons from Peru.</p>",
        )

    panel = get_home(client).select_one(".home-publication")

    assert panel.select_one(".publication-teaser__title a").get_text(strip=True) == "Mining dialogue"
    assert panel.select_one(".publication-teaser__title a")["href"] == "/publications/mining-dialogue/"
    assert panel.select_one("time")["datetime"] == "2026-03-23"
    assert panel.select_one(".publication-teaser__summary").get_text(strip=True) == "Lessons from Peru."
    assert panel.select_one(".more-link a")["href"] == "/publications/"
    assert "Older report" not in str(panel)


def test_why_join_panel_lists_benefits_and_links_to_the_join_page(site_tree, client):
    home = site_tree["en"]
    join = add_standard_page(home, "Join us")
    home.why_join_title = "Why become a member?"
    home.why_join_benefits = [("benefit", "Weekly news"), ("benefit", "Support our work")]
    home.join_page = join
    home.save()

    panel = get_home(client).select_one(".why-join")

    assert panel.h2.get_text(strip=True) == "Why become a member?"
    assert [li.get_text(strip=True) for li in panel.select(".why-join__benefits li")] == [
        "Weekly news",
        "Support our work",
    ]
    assert panel.select_one("a.button")["href"] == "/join-us/"
    assert panel.select_one("a.button").get_text(strip=True) == "Become a member"


def test_join_button_opens_the_join_form_when_no_page_is_chosen(site_tree, client):
    home = site_tree["en"]
    home.why_join_benefits = [("benefit", "Weekly news")]
    home.save()

    button = get_home(client).select_one(".why-join a.button")

    assert button["href"] == "/members/join/"
    assert client.get(button["href"]).status_code == 200


def count_home_queries(client):
    """Queries for one home-page request, after a warm-up request fills the caches."""
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


def test_home_query_count_does_not_grow_with_the_news_archive(site_tree, django_assert_num_queries, settings):
    # What the home page costs to render (the items are inserted without signals): no cached fragments.
    settings.CHASQUI_FRAGMENTS = False
    home = site_tree["en"]
    index = news_index_of(home)
    aims = add_standard_page(home, "Aims", intro="Aims.")
    join = add_standard_page(home, "Join")
    home.featured_pages = [("page", aims)]
    home.why_join_benefits = [("benefit", "News")]
    home.join_page = join
    home.save()
    PublicationPageFactory(
        parent=PublicationIndexPage.objects.child_of(home).get(),
        title="Report",
        date=datetime.date(2026, 1, 1),
        summary_text="<p>S</p>",
    )
    client = Client()

    add_news_items(index, weekly_news(10, prefix="Small"))
    small = count_home_queries(client)
    add_news_items(index, weekly_news(990, newest_week=datetime.date(2026, 12, 28), prefix="Big"))
    with django_assert_num_queries(small):
        response = client.get("/")

    assert len(BeautifulSoup(response.content, "html.parser").select(".news-teaser")) == 4 * 5


@pytest.mark.parametrize(
    ("home", "feeds"),
    [
        ("/", ["/news/feed/rss/", "/news/feed/atom/"]),
        ("/es/", ["/es/noticias/feed/rss/", "/es/noticias/feed/atom/"]),
    ],
)
def test_home_page_lets_feed_readers_discover_the_news_feeds_of_its_language(site_tree, client, home, feeds):
    soup = BeautifulSoup(client.get(home).content, "html.parser")
    links = soup.head.select('link[rel="alternate"][type$="+xml"]')

    assert [link["href"] for link in links] == feeds
    assert [link["type"] for link in links] == ["application/rss+xml", "application/atom+xml"]
    for feed in feeds:
        assert client.get(feed).status_code == 200
