"""The site Chasqui answers for, and absolute addresses on it.

Emails, feeds and webhooks are read away from any request, so their links are built from the
configured public address (`BASE_URL`), never from a request's Host header.
"""

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
