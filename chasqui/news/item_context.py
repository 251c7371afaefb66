"""What a news item's page shows besides its own fields: its index, links, feeds and JSON-LD."""

import functools
import json
import math

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from chasqui.core.models import SiteSettings
from chasqui.core.renditions import cached_rendition
from chasqui.core.sites import absolute_url, page_url

from .routes import subpage_path

SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
WORDS_PER_MINUTE = 200


def _texts(value):
    """Every string inside a StreamField's raw data (rich text, headings, quotes), depth first."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("id", "type"):
                yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def reading_minutes(page):
    """Minutes to read the lede and body at 200 words a minute, never less than one."""
    words = len(page.lede.split()) + sum(
        len(strip_tags(text).split()) for text in _texts(list(page.body.raw_data))
    )
    return max(1, math.floor(words / WORDS_PER_MINUTE + 0.5))


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


def publisher_data(site_settings):
    """schema.org Organization for `publisher`, with the logo Google asks of news publishers."""
    data = {"@type": "Organization", "name": site_settings.organisation_name}
    logo = cached_rendition(site_settings.logo_id, "height-96")
    if logo:
        data["logo"] = {
            "@type": "ImageObject",
            "url": absolute_url(logo["url"]),
            "width": logo["width"],
            "height": logo["height"],
        }
    return data


def news_article_json_ld(page, request, site_settings):
    """schema.org NewsArticle on the public address, escaped for a <script> element."""
    organisation_data = {"@type": "Organization", "name": site_settings.organisation_name}
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
        "author": {"@type": "Person", "name": page.author} if page.author else organisation_data,
        "publisher": publisher_data(site_settings),
    }
    image = page.share_image(site_settings)
    if image:
        data["image"] = {
            "@type": "ImageObject",
            "url": image["url"],
            "width": image["width"],
            "height": image["height"],
        }
    encoded = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return mark_safe(encoded)  # noqa: S308


def news_item_context(page, request):
    """Everything the item template needs, in a fixed number of queries.

    Each value is worked out when the template first reads it, so what a cached fragment shows
    (see the template) costs nothing when the fragment comes from the cache.
    """

    @functools.cache
    def index_and_url():
        index = news_index_of(page)
        return index, index.get_url(request) if index else None

    def filtered_url(kind, slug):
        index, index_url = index_and_url()
        return index_url + index.reverse_subpage(kind, args=[slug]) if index_url else None

    def related():
        links = page.related_links.all().select_related("related")
        return [link.related for link in links if link.related.live]

    def site_feed_links():
        index, index_url = index_and_url()
        return feed_links(index, index_url) if index_url else []

    return {
        "index": SimpleLazyObject(lambda: index_and_url()[0]),
        "index_url": SimpleLazyObject(lambda: index_and_url()[1]),
        "topic_links": SimpleLazyObject(
            lambda: [(topic, filtered_url("topic", topic.slug)) for topic in page.topics.all()]
        ),
        "region_links": SimpleLazyObject(
            lambda: [(region, filtered_url("region", region.slug)) for region in page.regions.all()]
        ),
        "sources": SimpleLazyObject(lambda: list(page.sources.all())),
        "related_items": SimpleLazyObject(related),
        "json_ld": SimpleLazyObject(
            lambda: news_article_json_ld(page, request, SiteSettings.for_request(request))
        ),
        "feed_links": SimpleLazyObject(site_feed_links),
        "reading_minutes": SimpleLazyObject(lambda: reading_minutes(page)),
    }
