"""The audit trail: who did what, when and from where, kept in Wagtail's own log.

Entries are Wagtail log entries (`ModelLogEntry` for models, `PageLogEntry` for pages), so they
show in an object's history, in Reports → Site history, and in its CSV/XLSX export. Each entry
made while a request is being answered also records the client's address in its data, whoever
wrote it (our services or Wagtail itself, as when a page is published). Entries are kept for
CHASQUI_AUDIT_KEEP_DAYS days, then deleted by `prune_audit_log`; erasing a person scrubs their
data from the entries about them without deleting the fact that something happened.
"""

import contextvars
import datetime

from django.conf import settings
from django.utils import timezone
from wagtail import log_actions

from chasqui.core.ratelimit import client_ip

ADDRESS_KEY = "client_address"
ERASED_TEXT = "[erased]"
DEFAULT_KEEP_DAYS = 2190  # six years, as long as a charity keeps its accounts

_request_address = contextvars.ContextVar("audit_request_address", default="")


def staff_user(user):
    """The user to record: a signed-in user, or None (a member, Stripe, a scheduled job)."""
    return user if getattr(user, "is_authenticated", False) else None


def log(instance, action, *, request=None, user=None, data=None, title=None):
    """One entry for `instance`, by the request's user (or `user`), with the client's address."""
    data = dict(data or {})
    if request is not None:
        user = user or getattr(request, "user", None)
        data.setdefault(ADDRESS_KEY, client_ip(request))
    return log_actions.log(instance, action, user=staff_user(user), data=data, title=title)


def entries_for(instance):
    """Every audit entry about one object (its own history)."""
    return log_actions.registry.get_logs_for_instance(instance)


# From where: the address of the request an entry was written in ---------------------------


class AuditAddressMiddleware:
    """Remembers the client's address while a request is answered, for the entries it writes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_address.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            _request_address.reset(token)


def add_request_address(entry):
    """A new entry written during a request (Wagtail's publish too) says where it came from."""
    address = _request_address.get()
    if entry.pk is None and address and ADDRESS_KEY not in (entry.data or {}):
        entry.data = {**(entry.data or {}), ADDRESS_KEY: address}


def address_of(entry):
    return (entry.data or {}).get(ADDRESS_KEY, "")


# Keeping and scrubbing ----------------------------------------------------------------------


def keep_days():
    """How long entries are kept; 0 keeps them for ever."""
    return getattr(settings, "CHASQUI_AUDIT_KEEP_DAYS", DEFAULT_KEEP_DAYS)


def expired_entries(now=None):
    """A queryset per log model of the entries older than the keeping period (none when kept for ever)."""
    days = keep_days()
    if not days:
        return []
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    return [
        model.objects.filter(timestamp__lt=cutoff) for model in log_actions.registry.get_log_entry_models()
    ]


def prune(now=None):
    """Delete the entries older than the keeping period; returns how many went."""
    return sum(query.delete()[0] for query in expired_entries(now))


def scrub_value(value, scrub, personal_keys):
    """Personal keys lose their values entirely; everything else loses the personal text inside."""
    if isinstance(value, dict):
        return {
            key: _erased_like(item) if key in personal_keys else scrub_value(item, scrub, personal_keys)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [scrub_value(item, scrub, personal_keys) for item in value]
    return scrub(value) if isinstance(value, str) else value


def _erased_like(value):
    return [ERASED_TEXT] * len(value) if isinstance(value, list) else ERASED_TEXT


def scrub_entries(entries, *, label, scrub, personal_keys=()):
    """Relabel the entries and scrub their data; they stay, so the trail still shows what happened."""
    count = 0
    for entry in entries:
        entry.label = label
        entry.data = scrub_value(entry.data or {}, scrub, set(personal_keys))
        entry.save(update_fields=["label", "data"])
        count += 1
    return count
