"""RSS and Atom feeds of the latest news, for the whole archive or one topic or region."""

from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from chasqui.core.models import SiteSettings

from .listing import NewsArchive, NewsFilters

FEED_LENGTH = 30


@dataclass
class FeedSource:
    index: object
    filters: NewsFilters
    request: object
    organisation: str


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

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

    def description(self, source):
        subject = self._subject(source)
        if subject:
            return _("The latest news from %(organisation)s about %(subject)s.") % {
                "organisation": source.organisation,
                "subject": subject,
            }
        return _("The latest news from %(organisation)s.") % {"organisation": source.organisation}

    def subtitle(self, source):
        return self.description(source)

    def link(self, source):
        url = source.index.get_url(source.request)
        if source.filters.topic:
            url += source.index.reverse_subpage("topic", args=[source.filters.topic.slug])
        elif source.filters.region:
            url += source.index.reverse_subpage("region", args=[source.filters.region.slug])
        return url

    def feed_url(self, source):
        return source.request.path

    def items(self, source):
        archive = NewsArchive(
            source.index,
            per_page=FEED_LENGTH,
            prepare=lambda queryset: queryset.defer_streamfields().prefetch_related("topics"),
        )
        return archive.page(1, source.filters).items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lede

    def item_link(self, item):
        return item.get_url(self._request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time.min))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        return [topic.display_name for topic in item.topics.all()]

    def get_feed(self, obj, request):
        self._request = request
        return super().get_feed(obj, request)


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
