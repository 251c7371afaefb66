"""RSS and Atom feeds of the sent bulletins in the current language.

Feeds are read away from the site, so every link is on the configured public address and every
entry has a permanent `tag:` id (RFC 4151) from that address's host, the bulletin's creation date
and its number, never from the request's Host header. Text fields are plain text without tags, and
the introduction is sanitised HTML, so nothing an editor types reaches a feed reader as live HTML.
"""

from urllib.parse import urlsplit

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from chasqui.core.models import SiteSettings
from chasqui.core.sites import absolute_url, base_url

from .content import email_safe_html
from .models import Bulletin

FEED_LENGTH = 30


def plain(text):
    """Text with any markup removed, for fields that some feed readers show as HTML."""
    return " ".join(strip_tags(str(text or "")).split())


def bulletin_tag(bulletin):
    """The bulletin's permanent id, e.g. ``tag:news.example.org,2026-11-20:bulletins/en/120``."""
    host = urlsplit(base_url()).hostname or "localhost"
    created = timezone.localdate(bulletin.created_at).isoformat()
    return f"tag:{host},{created}:bulletins/{bulletin.language}/{bulletin.number}"


class BulletinRssFeed(Feed):
    feed_type = Rss201rev2Feed
    feed_url_name = "newsletter:feed"

    def get_object(self, request, *args, **kwargs):
        return plain(SiteSettings.for_request(request).organisation_name)

    def title(self, organisation):
        return _("Bulletins · %(organisation)s") % {"organisation": organisation}

    def description(self, organisation):
        return _("The weekly news bulletins of %(organisation)s.") % {"organisation": organisation}

    def subtitle(self, organisation):
        return self.description(organisation)

    def author_name(self, organisation):
        return organisation

    def link(self):
        return absolute_url(reverse("newsletter:archive"))

    def feed_url(self):
        return absolute_url(reverse(self.feed_url_name))

    def items(self, organisation):
        bulletins = Bulletin.objects.sent().in_language(translation.get_language()).newest_first()
        bulletins = list(bulletins[:FEED_LENGTH])
        for bulletin in bulletins:
            bulletin.feed_author = organisation  # the feed instance is shared, so it holds no request state
        return bulletins

    def item_title(self, bulletin):
        return plain(bulletin.subject or bulletin.title)

    def item_description(self, bulletin):
        return email_safe_html(bulletin.introduction)

    def item_link(self, bulletin):
        return bulletin.get_full_url()

    def item_guid(self, bulletin):
        return bulletin_tag(bulletin)

    item_guid_is_permalink = False

    def item_author_name(self, bulletin):
        return bulletin.feed_author

    def item_pubdate(self, bulletin):
        return bulletin.sent_at

    def item_updateddate(self, bulletin):
        return bulletin.sent_at


class BulletinAtomFeed(BulletinRssFeed):
    feed_type = Atom1Feed
    feed_url_name = "newsletter:atom_feed"
