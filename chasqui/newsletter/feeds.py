"""RSS and Atom feeds of the sent bulletins in the current language."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from chasqui.core.models import SiteSettings

from .content import email_safe_html
from .models import Bulletin

FEED_LENGTH = 30


class BulletinRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, *args, **kwargs):
        return SiteSettings.for_request(request).organisation_name

    def title(self, organisation):
        return _("Bulletins · %(organisation)s") % {"organisation": organisation}

    def description(self, organisation):
        return _("The weekly news bulletins of %(organisation)s.") % {"organisation": organisation}

    def subtitle(self, organisation):
        return self.description(organisation)

    def link(self):
        return reverse("newsletter:archive")

    def items(self):
        return Bulletin.objects.sent().in_language(translation.get_language()).newest_first()[:FEED_LENGTH]

    def item_title(self, bulletin):
        return bulletin.title

    def item_description(self, bulletin):
        return email_safe_html(bulletin.introduction)

    def item_link(self, bulletin):
        return bulletin.get_url()

    def item_pubdate(self, bulletin):
        return bulletin.sent_at


class BulletinAtomFeed(BulletinRssFeed):
    feed_type = Atom1Feed
