"""What the incident, actor and case pages show besides their own fields, in a fixed number of queries."""

from dataclasses import dataclass

from django.apps import apps

from . import data_cache
from .chart_data import per_month
from .public import public_actor
from .records import child_url, for_listing, model, public_incidents, same_language
from .timeline import strip_for

PAGE_LIMIT = 100  # incidents listed on an actor's or case's page; the index lists the rest


def index_of(page, request):
    """(index, its URL) of a record page: its parent, in one query."""
    index = model("IncidentIndexPage").objects.filter(path=page.path[: -page.steplen]).first()
    return index, (index.get_url(request) if index else "")


def incidents_with(page, **lookups):
    """Live incidents in the page's language matching `lookups` (translation keys: either language links)."""
    return model("IncidentPage").objects.published().filter(locale_id=page.locale_id, **lookups).distinct()


def linked_pages(links, locale_id):
    """Live same-language pages for a list of chosen pages, in the editor's order."""
    pages = [page for page in links if page is not None]
    resolved = same_language(pages, locale_id, apps.get_model("wagtailcore", "Page"))
    return [page for page in dict.fromkeys(resolved[p.translation_key] for p in pages) if page.live]


@dataclass(frozen=True)
class PageLink:
    title: str
    url: str


def incident_pages(page, index_url):
    """(the incident's public record, its live news items, its live case or None)."""
    record = public_incidents([page], index_url, with_sources=True)[0]
    news = linked_pages(
        [link.news_item for link in page.news_links.select_related("news_item")], page.locale_id
    )
    case = None
    if page.case_id:
        case = same_language([page.case], page.locale_id, model("CasePage")).get(page.case.translation_key)
    return record, news, case if case and case.live else None


def incident_context(page, request):
    """What the API's incident document shows besides the record's own fields."""
    index, index_url = index_of(page, request)
    record, news, case = incident_pages(page, index_url)
    return {"index": index, "index_url": index_url, "record": record, "news_items": news, "case_page": case}


def incident_page_context(page, request):
    """What the incident's page shows, the pages it links to as titles and addresses. A published
    incident's is kept for the generation (data_cache: it starts anew when the incident, its
    actors, its case, a news item or a source's archived copy changes); a preview, which shows
    the editor's unsaved changes, is drawn afresh."""
    index, index_url = index_of(page, request)

    def parts():
        record, news, case = incident_pages(page, index_url)
        return {
            "record": record,
            "news_items": [PageLink(item.title, item.get_url(request)) for item in news],
            "case_page": PageLink(case.title, case.get_url(request)) if case else None,
        }

    if getattr(request, "is_preview", False) or not page.live:
        return {"index": index, "index_url": index_url, **parts()}
    key = (page.pk, index_url, request.get_host())
    return {"index": index, "index_url": index_url, **data_cache.cached("incident", key, parts)}


def actor_context(page, request):
    index, index_url = index_of(page, request)
    incidents = list(
        for_listing(
            incidents_with(page, actor_links__actor__translation_key=page.translation_key)
        ).newest_first()[:PAGE_LIMIT]
    )
    links = [link.linked for link in page.links.select_related("linked")]
    news_ids = (
        model("IncidentNewsItem").objects.filter(page__in=[i.pk for i in incidents]).values("news_item")
    )
    reported = apps.get_model("news", "NewsItemPage").objects.filter(pk__in=news_ids)
    pages = linked_pages([*links, *reported.order_by("-date")[:PAGE_LIMIT]], page.locale_id)
    news_type = apps.get_model("news", "NewsItemPage")
    return {
        "index": index,
        "index_url": index_url,
        "actor": public_actor(page, child_url(index_url, page)),
        "incidents": public_incidents(incidents, index_url, with_actors=False),
        "news_items": [p for p in pages if p.specific_class is news_type],
        "publications": [p for p in pages if p.specific_class is not news_type],
        "all_incidents_url": f"{index_url}?actor={page.slug}" if index_url else "",
    }


def case_context(page, request):
    """The case's incidents, oldest first, under a strip of its incidents per month."""
    index, index_url = index_of(page, request)
    incidents = incidents_with(page, case__translation_key=page.translation_key)
    timeline = list(for_listing(incidents).order_by("public_date", "pk")[:PAGE_LIMIT])
    return {
        "index": index,
        "index_url": index_url,
        "timeline": public_incidents(timeline, index_url),
        "strip": strip_for(per_month(incidents), chart_id="case-strip") if timeline else None,
        "all_incidents_url": f"{index_url}?case={page.slug}" if index_url else "",
        "timeline_url": f"{index_url}{index.reverse_subpage('timeline')}?case={page.slug}" if index else "",
    }
