"""The site Chasqui answers for, and absolute addresses on it.

Emails, feeds and webhooks are read away from any request, so their links are built from the
configured public address (`BASE_URL`), never from a request's Host header.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def default_site():
    """The Wagtail site marked default, or the first one when none is marked."""
    return Site.objects.filter(is_default_site=True).first() or Site.objects.first()


def base_url():
    """The public address without a trailing slash, e.g. ``https://news.example.org``."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(url):
    """``url`` on the public address when it is a path; a full URL is returned as it is."""
    return base_url() + url if url.startswith("/") else url


def public_host():
    """The host name of the public address, e.g. ``news.example.org``: the authority of tag: ids."""
    return urlsplit(base_url()).hostname or "localhost"


def page_url(page, request=None):
    """A page's full URL on the public address, whatever Host the request came in on."""
    return absolute_url(page.get_url_parts(request)[2])


def tag_uri(day, specific):
    """A permanent id (RFC 4151), e.g. ``tag:news.example.org,2019-04-15:<specific>``.

    Unlike a URL it survives a renamed slug, so feed readers never show an item twice.
    """
    return f"tag:{public_host()},{day.isoformat()}:{specific}"
