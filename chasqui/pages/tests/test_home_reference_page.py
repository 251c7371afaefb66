"""The home page can show everything on the charity's current home page, read from the reference text."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup

from chasqui.core.testing.reference import REFERENCE_DIR

from .factories import add_news_items, add_standard_page, news_index_of

pytestmark = [pytest.mark.django_db, pytest.mark.reference_file("home-page.txt")]

# The reference page lives in shared/, beside the repository (it is not part of the project).
REFERENCE = REFERENCE_DIR / "home-page.txt"
TOP_LEVEL_ITEM = re.compile(r"^ {0,2}• (.+)$")
NESTED_ITEM = re.compile(r"^ {3,}• (.+)$")


def parse_reference():
    """Split the text into its top-level bullet items: (heading, [lines beneath])."""
    items = []
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        if match := TOP_LEVEL_ITEM.match(line):
            items.append((match.group(1).strip(), []))
        elif line.strip() and items:
            items[-1][1].append(line.strip())
    news, background, why_join = [], [], None
    for heading, lines in items:
        date = parse_date(lines[0]) if lines else None
        if date:
            news.append((heading, date, lines[1] if len(lines) > 1 else ""))
        elif any(line.startswith("• ") for line in lines):
            benefits = [line[2:] for line in lines if line.startswith("• ")]
            link_text = [line for line in lines if not line.startswith("• ")][-1]
            why_join = (heading, benefits, link_text)
        else:
            background.append((heading, " ".join(lines)))
    return news, background, why_join


def parse_date(text):
    try:
        return datetime.datetime.strptime(text, "%d %B %Y").replace(tzinfo=datetime.UTC).date()
    except ValueError:
        return None


def test_home_shows_the_reference_news_by_week_newest_first(site_tree, client):
    news, _background, _why_join = parse_reference()
    assert len(news) == 10
    index = news_index_of(site_tree["en"])
    # Published oldest first, as the editors did; the page lists the newest first.
    add_news_items(index, list(reversed(news)))

    soup = BeautifulSoup(client.get("/").content, "html.parser")
    teasers = soup.select(".news-teaser")

    assert [
        (
            t.select_one(".news-teaser__title a").get_text(strip=True),
            datetime.date.fromisoformat(t.time["datetime"]),
            t.select_one(".news-teaser__lede").get_text(strip=True),
        )
        for t in teasers
    ] == news
    weeks = [
        (w.select_one(".news-week__heading").get_text(" ", strip=True), len(w.select(".news-teaser")))
        for w in soup.select(".news-week")
    ]
    assert weeks == [
        ("Week of 15 April 2019", 2),
        ("Week of 8 April 2019", 4),
        ("Week of 1 April 2019", 1),
        ("Week of 18 March 2019", 3),
    ]


def test_home_shows_the_reference_background_teasers_and_why_join_panel(site_tree, client):
    _news, background, (why_title, benefits, link_text) = parse_reference()
    home = site_tree["en"]
    pages = [add_standard_page(home, title, intro=summary) for title, summary in background]
    join = add_standard_page(home, link_text)
    home.featured_pages = [("page", page) for page in pages]
    home.why_join_title = why_title
    home.why_join_benefits = [("benefit", benefit) for benefit in benefits]
    home.join_page = join
    home.join_link_text = link_text
    home.save()

    soup = BeautifulSoup(client.get("/").content, "html.parser")

    assert [
        (t.a.get_text(strip=True), t.select_one(".page-teaser__summary").get_text(strip=True))
        for t in soup.select(".page-teaser")
    ] == [(title, summary.strip()) for title, summary in background]
    assert [t.a["href"] for t in soup.select(".page-teaser")] == [page.url for page in pages]
    panel = soup.select_one(".why-join")
    assert panel.h2.get_text(strip=True) == why_title
    assert [li.get_text(strip=True) for li in panel.select("li")] == benefits
    assert (panel.select_one("a.button").get_text(strip=True), panel.select_one("a.button")["href"]) == (
        link_text,
        join.url,
    )
