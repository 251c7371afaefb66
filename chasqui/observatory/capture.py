"""Capturing a source's address: its page fetched and stored as the archived copy, with its checksum,
type, the address it ended at, the HTTP status and when. A failed capture notes why and keeps any
earlier copy; the link check tries again.
"""

from urllib.parse import urlsplit

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import archive_files, fetching
from .models import IncidentSource, SourceLink

CAPTURE_FIELDS = [
    "capture",
    "capture_sha256",
    "capture_size",
    "capture_content_type",
    "capture_final_url",
    "capture_status",
    "captured_at",
    "capture_error",
    "capture_tried_at",
]


def links_for(urls):
    """{url: SourceLink} for these addresses, creating the ones not yet known."""
    urls = {url for url in urls if url}
    known = {link.url: link for link in SourceLink.objects.filter(url__in=urls)}
    missing = [SourceLink(url=url) for url in sorted(urls - known.keys())]
    if missing:
        SourceLink.objects.bulk_create(missing, ignore_conflicts=True)
        known.update((link.url, link) for link in SourceLink.objects.filter(url__in=[m.url for m in missing]))
    return known


def needs_capture(links):
    """The links among `links` that have no captured copy and are cited by a live source without an
    uploaded one."""
    urls = [link.url for link in links]
    bare = IncidentSource.objects.filter(page__live=True, archived_copy="", url__in=urls)
    wanted = set(bare.values_list("url", flat=True))
    return [link for link in links if not link.capture and link.url in wanted]


def fetch_copy(url):
    """(Answer, ArchiveFacts) of the page at `url`; FetchError or ArchiveRejected when it cannot be kept."""
    answer = fetching.fetch(url, max_bytes=archive_files.max_bytes())
    if not 200 <= answer.status < 300:
        raise fetching.FetchError(
            _("The address answered with HTTP status %(status)s.") % {"status": answer.status}, answer.status
        )
    return answer, archive_files.inspect_chunks([answer.body], answer.content_type)


def capture(link_id):
    """Capture one address; returns what happened, for the task's result."""
    link = SourceLink.objects.filter(pk=link_id).first()
    if link is None:
        return {"captured": False, "error": "gone"}
    now = timezone.now()
    try:
        answer, facts = fetch_copy(link.url)
    except (fetching.FetchError, archive_files.ArchiveRejected) as error:
        # A plain update: nothing readers see has changed, so no page needs refreshing.
        SourceLink.objects.filter(pk=link.pk).update(capture_error=str(error)[:1000], capture_tried_at=now)
        return {"captured": False, "error": str(error)}
    store(link, answer, facts, now)
    return {"captured": True, "sha256": facts.sha256, "size": facts.size}


def file_name(answer, facts, now):
    host = slugify(urlsplit(answer.url).hostname or "source")[:60] or "source"
    return f"{host}-{now:%Y%m%d}.{facts.extension}"


@transaction.atomic
def store(link, answer, facts, now):
    """Keep the new copy (the same content keeps its file) and let go of the one it replaces."""
    link = SourceLink.objects.select_for_update().get(pk=link.pk)
    replaced = ""
    if not (link.capture and link.capture_sha256 == facts.sha256):
        replaced = link.capture.name
        link.capture.save(file_name(answer, facts, now), ContentFile(answer.body), save=False)
    link.capture_sha256 = facts.sha256
    link.capture_size = facts.size
    link.capture_content_type = facts.content_type
    link.capture_final_url = answer.url[:2000]
    link.capture_status = answer.status
    link.captured_at = now
    link.capture_error = ""
    link.capture_tried_at = now
    # Saved, not updated: the incident pages citing it change, and saving is what refreshes cached pages.
    link.save(update_fields=CAPTURE_FIELDS)
    if replaced:
        transaction.on_commit(lambda: default_storage.delete(replaced))
    return link
