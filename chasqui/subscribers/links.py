"""Signed links that act on a subscription without a login.

Unsubscribe links never expire (an old bulletin must still let a reader leave);
confirmation links expire with the sign-up.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from chasqui.core.sites import absolute_url

UNSUBSCRIBE_SALT = "chasqui.subscribers.unsubscribe"
CONFIRM_SALT = "chasqui.subscribers.confirm"


def unsubscribe_token(subscriber):
    """The same token every time for a subscriber: it never expires, so it carries no timestamp."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(subscriber.pk, compress=True)


def subscriber_id_from_unsubscribe_token(token):
    """The subscriber's id, or None for a forged or garbled token."""
    try:
        return int(signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def unsubscribe_url(subscriber):
    """The page a reader opens from a bulletin to leave the list (in their language)."""
    with translation.override(subscriber.language):
        return absolute_url(reverse("subscribers:unsubscribe", args=[unsubscribe_token(subscriber)]))


def one_click_unsubscribe_url(subscriber):
    """The RFC 8058 endpoint a mail client POSTs to; goes in the List-Unsubscribe header."""
    with translation.override(subscriber.language):
        path = reverse("subscribers:one_click_unsubscribe", args=[unsubscribe_token(subscriber)])
    return absolute_url(path)


def confirm_token(subscriber):
    """Names both id and address, so a link cannot confirm a different address reusing the id."""
    return signing.dumps([subscriber.pk, subscriber.email], salt=CONFIRM_SALT, compress=True)


class ConfirmLinkError(Exception):
    """A confirmation link that is forged, garbled (`expired` False) or too old (`expired` True)."""

    def __init__(self, expired=False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def confirm_link_target(token):
    """(subscriber id, email) named by a confirmation token still within its validity."""
    max_age = settings.CHASQUI_SUBSCRIBER_CONFIRM_DAYS * 24 * 60 * 60
    try:
        subscriber_id, email = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
        return int(subscriber_id), str(email)
    except signing.SignatureExpired as error:
        raise ConfirmLinkError(expired=True) from error
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise ConfirmLinkError() from error


def confirm_url(subscriber):
    """The page (in the subscriber's language) with the Confirm button."""
    with translation.override(subscriber.language):
        return absolute_url(reverse("subscribers:confirm", args=[confirm_token(subscriber)]))
