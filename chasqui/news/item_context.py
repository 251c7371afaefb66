"""What a news item's page shows besides its own fields: its index, links, feeds and JSON-LD."""

import json

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from chasqui.core.models import SiteSettings
from chasqui.core.sites import page_url

from .routes import subpage_path

SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def news_index_of(page):
    """The item's news index, in one query.

    The index model is looked up by name because the index page routes to the news views, which
    show items: importing it here would make an import loop.
    """
    index_model = apps.get_model("news", "NewsIndexPage")
    return index_model.objects.filter(path=page.path[: -page.steplen]).first()


def feed_links(index, index_url, filters=None):
    """(title, type, url) for each feed matching the listing, for <link rel="alternate">.

    Routes are the index type's, so `index` may be a plain Page (as the home page fetches it).
    """
    routes = apps.get_model("news", "NewsIndexPage").get_resolver()
    links = [
        (_("All news (RSS)"), "application/rss+xml", index_url + subpage_path(routes, "feed", "rss")),
        (_("All news (Atom)"), "application/atom+xml", index_url + subpage_path(routes, "feed", "atom")),
    ]
    for kind, value in (("topic", filters and filters.topic), ("region", filters and filters.region)):
        if value:
            for feed, mime in (("rss", "application/rss+xml"), ("atom", "application/atom+xml")):
                title = f"{value.display_name} ({feed.upper() if feed == 'rss' else 'Atom'})"
                url = index_url + subpage_path(routes, f"{kind}_feed", value.slug, feed)
                links.append((title, mime, url))
    return links


def news_article_json_ld(page, request, organisation):
    """schema.org NewsArticle on the public address, escaped for a <script> element."""
    organisation_data = {"@type": "Organization", "name": organisation}
    url = page_url(page, request)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.lede,
        "datePublished": page.date.isoformat(),
        "dateModified": (page.last_published_at or page.latest_revision_created_at or page.date).isoformat(),
        "inLanguage": page.locale.language_code,
        "url": url,
        "mainEntityOfPage": url,
        "author": organisation_data,
        "publisher": organisation_data,
    }
    encoded = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return mark_safe(encoded)  # noqa: S308


def news_item_context(page, request):
    """Everything the item template needs, fetched in a fixed number of queries."""
    index = news_index_of(page)
    index_url = index.get_url(request) if index else None
    organisation = SiteSettings.for_request(request).organisation_name

    def filtered_url(kind, slug):
        return index_url + index.reverse_subpage(kind, args=[slug]) if index_url else None

    topics = [(topic, filtered_url("topic", topic.slug)) for topic in page.topics.all()]
    regions = [(region, filtered_url("region", region.slug)) for region in page.regions.all()]
    related = [
        link.related for link in page.related_links.all().select_related("related") if link.related.live
    ]
    return {
        "index": index,
        "index_url": index_url,
        "topic_links": topics,
        "region_links": regions,
        "sources": list(page.sources.all()),
        "related_items": related,
        "json_ld": news_article_json_ld(page, request, organisation),
        "feed_links": feed_links(index, index_url) if index_url else [],
    }
