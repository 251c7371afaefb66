"""The weekly link check: does each address cited by a published incident still answer?

Every run of the scheduled jobs checks a few addresses whose last check is a week old (or that were
never checked), oldest first, a bounded number a run and of any one host, a few seconds apart on
one host, and starts no check past a time budget: so every address is checked about once a week
without hammering a site or holding up the other jobs. A check asks with HEAD and, when that fails
(many servers mishandle it), with GET.

An address has *stopped answering* when it has failed every check for at least STOPPED_AFTER, from
its first failure to its latest: two failed weekly checks in a row, never one bad afternoon or two
checks by hand minutes apart. One success clears it. Pages then show the archived copy first.
"""

import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import timedelta
from itertools import chain, zip_longest
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import capture, fetching
from .models import IncidentSource, SourceLink
from .tasks import enqueue_captures

CHECK_EVERY = timedelta(days=7)
STOPPED_AFTER = timedelta(days=7)


@dataclass
class CheckRun:
    checked: int = 0
    failed: int = 0
    stopped: int = 0
    captures: int = 0
    left: int = 0  # due but not reached this run: past the limit, the host's share or the time budget


def host_of(url):
    return (urlsplit(url).hostname or "").lower()


def check_link(url):
    """(answered, HTTP status or None, error): HEAD first, GET when HEAD fails or is refused."""
    try:
        answer = fetching.fetch(url, method="HEAD")
        if answer.status < 400:
            return True, answer.status, ""
    except fetching.Refused as error:
        return False, None, str(error)
    except fetching.FetchError:
        pass
    try:
        answer = fetching.fetch(url, method="GET")
    except fetching.FetchError as error:
        return False, error.status, str(error)
    if answer.status < 400:
        return True, answer.status, ""
    return False, answer.status, _("HTTP status %(status)s") % {"status": answer.status}


def record(link, answered, status, error, now):
    """Note a check; a change readers see (stopped answering, or answering again) saves the link, which
    refreshes cached pages, and any other is a plain update."""
    if answered:
        values = {"last_status": status, "last_error": "", "failing_since": None, "failed_checks": 0}
    else:
        since = link.failing_since or now
        values = {
            "last_status": status,
            "last_error": error[:300],
            "failing_since": since,
            "failed_checks": min(link.failed_checks + 1, 32767),
        }
    values["last_checked_at"] = now
    values["stopped_answering"] = not answered and now - values["failing_since"] >= STOPPED_AFTER
    visible = values["stopped_answering"] != link.stopped_answering
    for name, value in values.items():
        setattr(link, name, value)
    if visible:
        link.save(update_fields=list(values))
    else:
        SourceLink.objects.filter(pk=link.pk).update(**values)
    return link


def add_new_addresses():
    """A SourceLink for every address a published incident cites that has none yet."""
    new = (
        IncidentSource.objects.filter(page__live=True)
        .exclude(url="")
        .exclude(url__in=SourceLink.objects.values("url"))
        .values_list("url", flat=True)
        .distinct()
    )
    SourceLink.objects.bulk_create([SourceLink(url=url) for url in new], ignore_conflicts=True)


def due_links(now, limit, per_host, everything=False):
    """(links to check now, oldest checked first and taking turns by host; how many due were left)."""
    links = SourceLink.objects.cited()
    if not everything:
        links = links.filter(Q(last_checked_at__isnull=True) | Q(last_checked_at__lte=now - CHECK_EVERY))
    ordered = links.order_by(F("last_checked_at").asc(nulls_first=True), "pk").values_list("pk", "url")
    chosen, taken, left = [], Counter(), 0
    for pk, url in ordered.iterator():
        host = host_of(url)
        if len(chosen) >= limit or taken[host] >= per_host:
            left += 1
            continue
        taken[host] += 1
        chosen.append(pk)
    found = SourceLink.objects.in_bulk(chosen)
    by_host = defaultdict(list)
    for pk in chosen:
        by_host[host_of(found[pk].url)].append(found[pk])
    turns = zip_longest(*by_host.values())
    return [link for link in chain.from_iterable(turns) if link is not None], left


def run(limit=None, per_host=None, everything=False, sleep=time.sleep):
    """One run of the check; returns its CheckRun."""
    limit = settings.CHASQUI_SOURCE_CHECK_PER_RUN if limit is None else limit
    per_host = settings.CHASQUI_SOURCE_CHECK_PER_HOST if per_host is None else per_host
    delay, budget = settings.CHASQUI_SOURCE_CHECK_HOST_DELAY, settings.CHASQUI_SOURCE_CHECK_SECONDS
    add_new_addresses()
    links, left = due_links(timezone.now(), limit, per_host, everything)
    result, started, last_asked, answering = CheckRun(left=left), time.monotonic(), {}, []
    for link in links:
        if time.monotonic() - started > budget:
            result.left += 1
            continue
        host = host_of(link.url)
        wait = delay - (time.monotonic() - last_asked.get(host, float("-inf")))
        if wait > 0:
            sleep(wait)
        answered, status, error = check_link(link.url)
        last_asked[host] = time.monotonic()
        record(link, answered, status, error, timezone.now())
        result.checked += 1
        result.failed += not answered
        result.stopped += link.stopped_answering
        if answered:
            answering.append(link)
    result.captures = enqueue_captures(capture.needs_capture(answering))
    return result
