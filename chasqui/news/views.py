"""Request handling for the news index routes and the news item page."""

from dataclasses import dataclass
from datetime import date
from functools import partial

from django.core.paginator import InvalidPage
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject

from chasqui.core.fragments import cached_response
from chasqui.images.pictures import images_by_id

from .feeds import NewsAtomFeed, NewsRssFeed
from .forms import NewsFilterForm
from .item_context import feed_links
from .items import NewsItemPage, Region, Topic
from .listing import NewsArchive, NewsFilters, archive_years

FEED_CLASSES = {"rss": NewsRssFeed, "atom": NewsAtomFeed}


def _filters_heading(filters):
    parts = [part.display_name for part in (filters.topic, filters.region) if part]
    if filters.year and filters.month:
        parts.append(date_format(date(filters.year, filters.month, 1), "YEAR_MONTH_FORMAT"))
    elif filters.year:
        parts.append(str(filters.year))
    return ", ".join(parts)


@dataclass
class ListedItem:
    """What a listing shows of an item, read without building page objects."""

    pk: int
    title: str
    slug: str
    date: date
    summary: str
    topics: list
    lead_image_id: int | None = None
    lead_image_alt: str = ""
    lead_image: object = None


LISTING_FIELDS = ("pk", "title", "slug", "date", "lede", "listing_summary", "lead_image_id", "lead_image_alt")


def _listed_items(rows, topics, index, index_url):
    _link_archives(index, index_url, topics)
    topics_by_pk = {topic.pk: topic for topic in topics}
    links = NewsItemPage.topics.through.objects.filter(newsitempage_id__in=[row["pk"] for row in rows])
    item_topics = {}
    for item_pk, topic_pk in links.values_list("newsitempage_id", "topic_id"):
        item_topics.setdefault(item_pk, []).append(topics_by_pk[topic_pk])
    images = images_by_id([row["lead_image_id"] for row in rows], "thumb")
    return [
        ListedItem(
            pk=row["pk"],
            title=row["title"],
            slug=row["slug"],
            date=row["date"],
            summary=row["listing_summary"] or row["lede"],
            topics=sorted(item_topics.get(row["pk"], []), key=lambda topic: topic.name),
            lead_image_id=row["lead_image_id"],
            lead_image_alt=row["lead_image_alt"],
            lead_image=images.get(row["lead_image_id"]),
        )
        for row in rows
    ]


def _link_archives(index, index_url, topics):
    """Each topic's archive URL in the index's language, for the listing's topic links."""
    for topic in topics:
        topic.archive_url = index_url + index.reverse_subpage("topic", args=[topic.slug])


def serve_archive(index, request, topic_slug=None, region_slug=None, year=None, month=None):
    """A page of the archive; bad filters answer 400 with the form's errors, bad pages 404."""
    topics, regions = list(Topic.objects.all()), list(Region.objects.all())
    data = request.GET.copy()
    for name, slug, known in (("topic", topic_slug, topics), ("region", region_slug, regions)):
        if slug is not None:
            if slug not in {choice.slug for choice in known}:
                raise Http404(f"No such {name}")
            data[name] = slug
    if month is not None and not 1 <= month <= 12:
        raise Http404("No such month")

    archive = NewsArchive(index, prepare=lambda queryset: queryset.values(*LISTING_FIELDS))
    years = archive_years(index)
    if year is not None:
        if year not in years:
            raise Http404("No news from that year")
        data["year"] = str(year)
        data["month"] = str(month) if month is not None else ""

    index_url = index.get_url(request)
    form = NewsFilterForm(data, topics=topics, regions=regions, years=years)
    context = {
        "form": form,
        "index_url": index_url,
        "filters": NewsFilters(),
        "archive_page": None,
        "items": [],
        "filtered_by_query": any(request.GET.get(key) for key in ("topic", "region", "year", "month")),
    }
    status = 200
    if not form.is_valid():
        status = 400
    else:
        filters = form.filters()
        context["filters"] = filters
        context["heading"] = _filters_heading(filters)
        try:
            archive_page = archive.page(request.GET.get("page", 1), filters)
        except InvalidPage:
            status = 404
            context["page_error"] = True
        else:
            context["archive_page"] = archive_page
            # Read only when the template's cached fragment of the list is not in the cache.
            context["items"] = SimpleLazyObject(
                partial(_listed_items, archive_page.items, topics, index, index_url)
            )
            context["page_links"] = _page_links(request, archive_page)
    context["select_fields"] = form.select_fields()
    context["feed_links"] = feed_links(index, index_url, context["filters"])
    response = index.render(request, context_overrides=context)
    response.status_code = status
    return response


def _page_links(request, archive_page):
    def url(number):
        query = request.GET.copy()
        query.pop("page", None)
        if number > 1:
            query["page"] = number
        encoded = query.urlencode()
        return f"?{encoded}" if encoded else request.path

    links = {}
    if archive_page.has_previous():
        links["first"] = url(1)
        links["previous"] = url(archive_page.previous_page_number())
    if archive_page.has_next():
        links["next"] = url(archive_page.next_page_number())
        links["last"] = url(archive_page.num_pages)
    return links


def serve_feed(index, request, kind, topic_slug=None, region_slug=None):
    feed_class = FEED_CLASSES.get(kind)
    if feed_class is None:
        raise Http404("No such feed")
    filters = NewsFilters(
        topic=get_object_or_404(Topic, slug=topic_slug) if topic_slug else None,
        region=get_object_or_404(Region, slug=region_slug) if region_slug else None,
    )
    # The same for every reader until the next change: kept whole (core.fragments).
    parts = (index.pk, kind, filters.cache_fragment())
    return cached_response(request, "news-feed", parts, lambda: feed_class(index, filters)(request))
