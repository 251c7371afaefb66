"""Deployment checks (`manage.py check --deploy`): a site must not go live mailing as a developer,
with a mail provider's webhook open to anyone, with half a Stripe set-up, with uploads anyone on
the server may rewrite, or without nightly backups."""

import ipaddress
import os
import stat
from urllib.parse import urlsplit

from anymail import urls as anymail_urls
from django.conf import settings
from django.core.checks import Error, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import DatabaseError

from . import mail


def is_public_host(host):
    """False for localhost and for loopback, private or unspecified IP addresses."""
    if not host or host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return True
    return address.is_global


@register("chasqui", deploy=True)
def check_sender(app_configs=None, **kwargs):
    """Emails from an address such as noreply@localhost are rejected or marked as spam."""
    try:
        address = mail.sender()
    except DatabaseError:
        # Before migrations have run there are no site settings to read: judge the setting alone.
        address = settings.DEFAULT_FROM_EMAIL
    if not mail.is_development_address(address):
        return []
    return [
        Warning(
            f"Emails would be sent from {address!r}, an address that exists only in development.",
            hint=(
                "Set the contact email in Settings → Site settings, or the DEFAULT_FROM_EMAIL "
                "environment variable to an address your mail provider may send from."
            ),
            id="chasqui.W001",
        )
    ]


@register("chasqui", deploy=True)
def check_base_url(app_configs=None, **kwargs):
    """Every link in emails and feeds starts with BASE_URL, so it must be the public https address."""
    base_url = settings.WAGTAILADMIN_BASE_URL or ""
    parts = urlsplit(base_url)
    if parts.scheme == "https" and is_public_host(parts.hostname):
        return []
    return [
        Warning(
            f"BASE_URL is {base_url!r}: links in emails and feeds would not reach the public site.",
            hint="Set the BASE_URL environment variable to the site's public https address.",
            id="chasqui.W002",
        )
    ]


def tracking_webhook_view(provider):
    """The anymail view receiving `provider`'s bounces and complaints, or None if it has none."""
    for pattern in anymail_urls.urlpatterns:
        if pattern.name == f"{provider}_tracking_webhook":
            return pattern.callback
    return None


def webhook_secret():
    """The user:password a provider's webhook must present (ANYMAIL_WEBHOOK_SECRET); may be empty."""
    return getattr(settings, "ANYMAIL", {}).get("WEBHOOK_SECRET") or ""


@register("chasqui", deploy=True)
def check_mail_provider_webhook(app_configs=None, **kwargs):
    """A provider's webhook marks addresses bounced or complained: anyone able to post to it could
    stop the bulletin reaching any reader, so it must be authenticated (and configured at all)."""
    provider = getattr(settings, "CHASQUI_MAIL_PROVIDER", "")
    if not provider:
        return []
    view = tracking_webhook_view(provider)
    if view is None:
        return [
            Error(
                f"CHASQUI_MAIL_PROVIDER is {provider!r}, which has no bounce and complaint webhook.",
                hint="Name an anymail provider (e.g. postmark, sendgrid) or use an anymail backend.",
                id="chasqui.E001",
            )
        ]
    if not webhook_secret():
        return [
            Error(
                f"The {provider} webhook has no secret, so it refuses every bounce and complaint.",
                hint=(
                    "Set ANYMAIL_WEBHOOK_SECRET to a random user:password and give the provider "
                    f"https://user:password@<your site>/anymail/{provider}/tracking/ as its webhook."
                ),
                id="chasqui.E002",
            )
        ]
    try:
        view.view_class(**view.view_initkwargs)
    except ImproperlyConfigured as error:
        return [
            Error(
                f"The {provider} webhook is not fully configured: {error}",
                hint="Set the named setting as an ANYMAIL_<NAME> environment variable.",
                id="chasqui.E003",
            )
        ]
    return []


@register("chasqui", deploy=True)
def check_stripe_keys(app_configs=None, **kwargs):
    """The secret key turns card payments on, and only the signed webhook makes a payment count: one
    without the other takes members' money without ever activating them, or refuses every event."""
    has_secret_key = bool(settings.STRIPE_SECRET_KEY)
    has_webhook_secret = bool(settings.STRIPE_WEBHOOK_SECRET)
    if has_secret_key == has_webhook_secret:
        return []
    present, missing = (
        ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET")
        if has_secret_key
        else ("STRIPE_WEBHOOK_SECRET", "STRIPE_SECRET_KEY")
    )
    return [
        Error(
            f"{present} is set but {missing} is not: card payments would not work.",
            hint=(
                "Set both (card payments on) or neither (card payments off); the webhook secret is "
                "the signing secret of the endpoint https://<your site>/membership/stripe/webhook/."
            ),
            id="chasqui.E004",
        )
    ]


@register("chasqui", deploy=True)
def check_media_root_permissions(app_configs=None, **kwargs):
    """Uploads are served to every reader: a folder anyone on the server may write to lets any
    local account swap a document or image on the public site. Media in a bucket has no such folder."""
    if not isinstance(default_storage, FileSystemStorage):
        return []
    try:
        mode = os.stat(settings.MEDIA_ROOT).st_mode
    except OSError:
        return []
    if not mode & stat.S_IWOTH:
        return []
    return [
        Warning(
            f"MEDIA_ROOT ({settings.MEDIA_ROOT}) is writable by every account on the server.",
            hint=f"Remove the write permission for others: chmod o-w {settings.MEDIA_ROOT}",
            id="chasqui.W003",
        )
    ]


@register("chasqui", deploy=True)
def check_backups(app_configs=None, **kwargs):
    """Members' records and the archive exist nowhere else: a site goes live backed up every night."""
    if settings.CHASQUI_BACKUP_AT.strip():
        return []
    return [
        Warning(
            "Nightly backups are off (CHASQUI_BACKUP_AT is empty).",
            hint=(
                "Set CHASQUI_BACKUP_AT to a time of day, e.g. 02:30, and CHASQUI_BACKUP_DIR or "
                "CHASQUI_BACKUP_S3_BUCKET to where the backups go; see docs/operations.md."
            ),
            id="chasqui.W004",
        )
    ]
