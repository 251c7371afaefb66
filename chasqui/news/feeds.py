"""RSS and Atom feeds of the latest news, for the whole archive or one topic or region.

Ids are tag: URIs and links are on the configured public address, so neither changes with a
renamed slug or the Host a reader asked on. Ledes are plain text: Atom says so (type="text"),
and RSS, whose description readers take as HTML, gets them HTML-escaped once before the XML
writer escapes them again, so no markup in a lede ever reaches a reader as markup.
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from chasqui.core.models import SiteSettings
from chasqui.core.sites import absolute_url, page_url, tag_uri
from chasqui.images.pictures import lead_image_data, with_lead_images

from .listing import NewsArchive, NewsFilters

FEED_LENGTH = 30
FEED_IMAGE_SPEC = "fill-1200x630"
MEDIA_NAMESPACE = "http://search.yahoo.com/mrss/"


def add_media_content(handler, item):
    """The item's picture as Media RSS `media:content`, which RSS and Atom readers both take."""
    media = item.get("media")
    if media:
        attrs = {
            "url": media["url"],
            "medium": "image",
            "type": media["type"],
            "width": str(media["width"]),
            "height": str(media["height"]),
        }
        handler.addQuickElement("media:content", None, attrs)


class MediaRss201rev2Feed(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        add_media_content(handler, item)


class PlainTextAtom1Feed(Atom1Feed):
    """Atom whose entry summaries are plain text, not HTML."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NAMESPACE}

    def add_item_elements(self, handler, item):
        summary = item["description"]
        super().add_item_elements(handler, {**item, "description": None})
        if summary is not None:
            handler.addQuickElement("summary", summary, {"type": "text"})
        add_media_content(handler, item)


@dataclass
class FeedSource:
    index: object
    filters: NewsFilters
    request: object
    organisation: str


class NewsRssFeed(Feed):
    feed_type = MediaRss201rev2Feed

    def __init__(self, index, filters=None):
        self.index = index
        self.filters = filters or NewsFilters()

    def get_object(self, request, *args, **kwargs):
        organisation = SiteSettings.for_request(request).organisation_name
        return FeedSource(index=self.index, filters=self.filters, request=request, organisation=organisation)

    def _subject(self, source):
        parts = [part.display_name for part in (source.filters.topic, source.filters.region) if part]
        return ", ".join(parts)

    def title(self, source):
        subject = self._subject(source)
        if subject:
            return f"{source.index.title}: {subject} · {source.organisation}"
        return f"{source.index.title} · {source.organisation}"

    def subtitle(self, source):
        """The feed's description as plain text."""
        subject = self._subject(source)
        if subject:
            return _("The latest news from %(organisation)s about %(subject)s.") % {
                "organisation": source.organisation,
                "subject": subject,
            }
        return _("The latest news from %(organisation)s.") % {"organisation": source.organisation}

    def description(self, source):
        return escape(self.subtitle(source))

    def author_name(self, source):
        return source.organisation

    def link(self, source):
        url = page_url(source.index, source.request)
        if source.filters.topic:
            url += source.index.reverse_subpage("topic", args=[source.filters.topic.slug])
        elif source.filters.region:
            url += source.index.reverse_subpage("region", args=[source.filters.region.slug])
        return url

    def feed_url(self, source):
        return absolute_url(source.request.path)

    def feed_guid(self, source):
        return self.feed_url(source)

    def items(self, source):
        archive = NewsArchive(
            source.index,
            per_page=FEED_LENGTH,
            prepare=lambda queryset: with_lead_images(
                queryset.defer_streamfields().prefetch_related("topics"), specs=[FEED_IMAGE_SPEC]
            ),
        )
        return archive.page(1, source.filters).items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return escape(item.lede)

    def item_link(self, item):
        return page_url(item, self._request)

    def item_guid(self, item):
        """Permanent: the item's translation and language, dated by its first publication."""
        first = item.first_published_at
        day = timezone.localdate(first) if first else item.date
        language = self.index.locale.language_code  # every item is under the index, in its locale
        return tag_uri(day, f"news/{item.translation_key}/{language}")

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time.min))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_extra_kwargs(self, item):
        return {"media": lead_image_data(item, FEED_IMAGE_SPEC)}

    def item_categories(self, item):
        return [topic.display_name for topic in item.topics.all()]

    def get_feed(self, obj, request):
        self._request = request
        return super().get_feed(obj, request)


class NewsAtomFeed(NewsRssFeed):
    feed_type = PlainTextAtom1Feed

    def item_description(self, item):
        return item.lede
