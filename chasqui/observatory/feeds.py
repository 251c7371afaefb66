"""RSS and Atom feeds of new incidents, for any filtered list (one region, one type...).

Items are public records, dated by their public date, so a feed tells no more than the page.
Ids are tag: URIs, as in the news feeds; summaries are plain text, HTML-escaped once for RSS.
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from chasqui.core.models import SiteSettings
from chasqui.core.sites import absolute_url, page_url, tag_uri
from chasqui.news.feeds import PlainTextAtom1Feed

from .records import for_listing, public_incidents

FEED_LENGTH = 30


@dataclass
class IncidentFeedSource:
    index: object
    queryset: object
    filters: object
    request: object
    organisation: str


def subject_of(filters):
    parts = [part.display_name for part in (filters.region, filters.incident_type) if part]
    return ", ".join([*parts, *(part.title for part in (filters.actor, filters.case) if part)])


class IncidentRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index, queryset, filters):
        self.index, self.queryset, self.filters = index, queryset, filters

    def get_object(self, request, *args, **kwargs):
        organisation = SiteSettings.for_request(request).organisation_name
        return IncidentFeedSource(self.index, self.queryset, self.filters, request, organisation)

    def title(self, source):
        subject = subject_of(source.filters)
        return " · ".join(part for part in (source.index.title, subject, source.organisation) if part)

    def subtitle(self, source):
        subject = subject_of(source.filters)
        if subject:
            return _("New incidents recorded by %(organisation)s: %(subject)s.") % {
                "organisation": source.organisation,
                "subject": subject,
            }
        return _("New incidents recorded by %(organisation)s.") % {"organisation": source.organisation}

    def description(self, source):
        return escape(self.subtitle(source))

    def author_name(self, source):
        return source.organisation

    def link(self, source):
        return page_url(source.index, source.request)

    def feed_url(self, source):
        return absolute_url(source.request.get_full_path())

    def feed_guid(self, source):
        return self.feed_url(source)

    def items(self, source):
        incidents = list(for_listing(source.queryset).newest_first()[:FEED_LENGTH])
        return public_incidents(incidents, source.index.get_url(source.request), with_actors=False)

    def item_title(self, record):
        return record.title

    def summary(self, record):
        place = record.region.name if record.region else ""
        return " · ".join(
            part for part in (record.date_label, place, record.type_name, record.summary) if part
        )

    def item_description(self, record):
        return escape(self.summary(record))

    def item_link(self, record):
        return absolute_url(record.url)

    def item_guid(self, record):
        return tag_uri(record.date, f"incident/{record.key}/{self.index.locale.language_code}")

    def item_guid_is_permalink(self, record):
        return False

    def item_pubdate(self, record):
        return timezone.make_aware(datetime.combine(record.date, time.min))

    def item_categories(self, record):
        return [record.type_name] if record.type_name else []


class IncidentAtomFeed(IncidentRssFeed):
    feed_type = PlainTextAtom1Feed

    def item_description(self, record):
        return self.summary(record)


FEEDS = {"rss": IncidentRssFeed, "atom": IncidentAtomFeed}
