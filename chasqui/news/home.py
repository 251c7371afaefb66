"""What the home page shows of the news: the latest items, grouped by week."""

import datetime

from chasqui.core.sections import HomeSection
from chasqui.images.pictures import with_lead_images

from .item_context import feed_links
from .models import NewsIndexPage, NewsItemPage

# A full weekly bulletin; bounds the home page's news query however large the archive grows.
NEWS_ITEMS_PER_WEEK_LIMIT = 8


def group_by_week(items, weeks):
    """Group items (newest first) into at most `weeks` lists, one per Monday-to-Sunday week."""
    groups = []
    for item in items:
        start = item.date - datetime.timedelta(days=item.date.weekday())
        if not groups or groups[-1]["start"] != start:
            if len(groups) == weeks:
                break
            groups.append({"start": start, "items": []})
        groups[-1]["items"].append(item)
    return groups


def latest_news_by_week(news_index, weeks):
    """The newest items under a news index, grouped by week; one query at any archive size.

    The no-op upper date bound steers SQLite down the date index, so the query stops after
    `limit` rows instead of sorting the whole archive.
    """
    if not news_index:  # None, or the home page's lazy stand-in for none
        return []
    weeks = max(1, weeks)
    limit = weeks * NEWS_ITEMS_PER_WEEK_LIMIT
    queryset = (
        NewsItemPage.objects.child_of(news_index)
        .published()
        .filter(date__lte=datetime.date.max)
        .newest_first()
        .only(
            "title", "slug", "url_path", "date", "lede", "listing_summary", "lead_image_id", "lead_image_alt"
        )
    )
    items = list(with_lead_images(queryset, "lead", "thumb")[:limit])
    groups = group_by_week(items, weeks)
    if len(items) == limit and len(groups) > 1 and sum(len(g["items"]) for g in groups) == limit:
        # The limit may have cut the oldest week short: leave it out rather than show part of it.
        groups.pop()
    return groups


def lead_story(groups):
    """The newest item with a picture, taken out of its week so it shows once; none without pictures."""
    lead = next((item for group in groups for item in group["items"] if item.lead_image_id), None)
    if lead is None:
        return None, groups
    rest = [{**group, "items": [item for item in group["items"] if item is not lead]} for group in groups]
    return lead, [group for group in rest if group["items"]]


def home_news(home, news_index, request):
    """The home page's news: as many weeks as the home's `news_weeks` asks for, and its feeds."""
    index_url = news_index.get_url(request) if news_index else ""
    lead, weeks = lead_story(latest_news_by_week(news_index, home.news_weeks))
    return {
        # Items link as index URL + slug: one URL computation instead of one per item.
        "news_index_url": index_url,
        "news_lead": lead,
        "news_by_week": weeks,
        # Feed readers given the home page's address find the news feeds of its language.
        "feed_links": feed_links(news_index, index_url) if index_url else [],
    }


NEWS_SECTION = HomeSection(
    key="news",
    index_model=NewsIndexPage,
    titles={"en": ("News", "news"), "es": ("Noticias", "noticias")},
    home_context=home_news,
    context_keys=("news_index_url", "news_lead", "news_by_week", "feed_links"),
)
