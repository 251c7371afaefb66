"""Signed links to a bulletin before it is sent, so a test email's "read on the website" link works.

The link names the bulletin by a signed token (no login), is marked noindex and expires after
`CHASQUI_BULLETIN_PREVIEW_DAYS` days; the bulletin's public page exists only once it is sent.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from chasqui.core.sites import absolute_url

from .choices import BulletinStatus
from .models import Bulletin

SALT = "chasqui.newsletter.preview"


def max_age():
    return timedelta(days=getattr(settings, "CHASQUI_BULLETIN_PREVIEW_DAYS", 14))


def preview_token(bulletin):
    return signing.dumps(bulletin.pk, salt=SALT)


def bulletin_for_token(token):
    """The bulletin a valid, unexpired token names, or None."""
    try:
        pk = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.BadSignature:  # also raised for an expired token
        return None
    return Bulletin.objects.filter(pk=pk).first()


def preview_url(bulletin):
    """The signed preview address on the public site, in the bulletin's language."""
    with translation.override(bulletin.language):
        return absolute_url(reverse("newsletter:preview", args=[preview_token(bulletin)]))


def web_url(bulletin):
    """Where "read on the website" leads: the archive page once sent, else the signed preview."""
    if bulletin.status == BulletinStatus.SENT:
        return bulletin.get_full_url()
    return preview_url(bulletin)
