"""Deployment checks (`manage.py check --deploy`): a site must not go live mailing as a developer."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register
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
