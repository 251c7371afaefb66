"""Deleting the archived copies no source cites any more, so old copies do not pile up in storage.

A copy is let go of only once the transaction that removed or replaced its last source has
committed, and only when no source left cites it: an uploaded copy is shared by an incident's
translations and by the rows each publish writes again, a capture by every source with its address.
An uploaded copy named in the latest revision of an incident (a draft not yet published) is kept
too. Older revisions are history: reverting to one brings back its source, not a copy deleted since.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone
from wagtail.models import Revision

from .models import IncidentPage, IncidentSource, SourceLink

logger = logging.getLogger(__name__)
FOLDERS = ("observatory/sources", "observatory/captures")
ORPHAN_AGE = datetime.timedelta(days=1)  # a file stored moments ago may belong to a page being saved


def in_latest_revisions(name):
    """Whether the latest revision of any incident names this stored file."""
    revisions = IncidentPage.objects.exclude(latest_revision=None).values("latest_revision_id")
    return Revision.objects.filter(pk__in=revisions, content__icontains=name).exists()


def upload_is_cited(name):
    return IncidentSource.objects.filter(archived_copy=name).exists() or in_latest_revisions(name)


def delete_file(name, dry_run=False):
    if not dry_run:
        try:
            default_storage.delete(name)
        except OSError:  # storage unreachable: the leftovers command tries again
            logger.exception("Could not delete the archived copy %s", name)
            return False
    return True


@dataclass
class Forgotten:
    captures: list = field(default_factory=list)
    uploads: list = field(default_factory=list)


def forget_uncited(urls=(), names=(), dry_run=False):
    """Delete the captures of `urls` and the uploaded copies `names` that no source cites any more."""
    result = Forgotten()
    uncited = SourceLink.objects.filter(url__in=set(urls)).exclude(
        url__in=IncidentSource.objects.filter(url__in=set(urls)).values("url")
    )
    for link in uncited:
        if link.capture and delete_file(link.capture.name, dry_run):
            result.captures.append(link.capture.name)
        if not dry_run:
            link.delete()  # its link check history goes too: no incident cites the address
    for name in sorted(set(filter(None, names))):
        if not upload_is_cited(name) and delete_file(name, dry_run):
            result.uploads.append(name)
    return result


def after_commit(urls, names):
    transaction.on_commit(lambda: safely(forget_uncited, urls, names))


def safely(function, *args):
    try:
        function(*args)
    except Exception:  # the source is saved or gone already: a leftover file is the command's to delete
        logger.exception("Could not delete archived copies no source cites")


def source_saving(sender, instance, raw=False, **kwargs):
    """Remember what a saved source replaces (its address, its uploaded copy), to let go of after commit."""
    if raw or instance.pk is None:
        return
    before = IncidentSource.objects.filter(pk=instance.pk).values("url", "archived_copy").first()
    if before is not None:
        instance.replaced_copies = (
            [before["url"]] if before["url"] != instance.url else [],
            [before["archived_copy"]] if before["archived_copy"] != instance.archived_copy.name else [],
        )


def source_saved(sender, instance, raw=False, **kwargs):
    urls, names = getattr(instance, "replaced_copies", ((), ()))
    instance.replaced_copies = ((), ())
    if urls or names:
        after_commit(urls, names)


def source_deleted(sender, instance, **kwargs):
    after_commit([instance.url] if instance.url else [], [instance.archived_copy.name])


def stored_files(folder):
    """Every file under `folder` in storage, at any depth."""
    try:
        directories, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        yield f"{folder}/{name}"
    for directory in directories:
        yield from stored_files(f"{folder}/{directory}")


def leftover_files(now):
    """Stored copies older than ORPHAN_AGE that no source, capture or latest revision names."""
    kept = set(IncidentSource.objects.exclude(archived_copy="").values_list("archived_copy", flat=True))
    kept |= set(SourceLink.objects.exclude(capture="").values_list("capture", flat=True))
    for folder in FOLDERS:
        for name in stored_files(folder):
            if name in kept or default_storage.get_modified_time(name) > now - ORPHAN_AGE:
                continue
            if not in_latest_revisions(name):
                yield name


def delete_leftovers(dry_run=False):
    """The weekly sweep: captures of addresses no source cites, and stored copies nothing names."""
    urls = SourceLink.objects.exclude(url__in=IncidentSource.objects.values("url")).values_list(
        "url", flat=True
    )
    result = forget_uncited(list(urls), dry_run=dry_run)
    for name in leftover_files(timezone.now()):
        if delete_file(name, dry_run):
            result.uploads.append(name)
    return result


def connect():
    pre_save.connect(source_saving, sender=IncidentSource, dispatch_uid="observatory-copy-replacing")
    post_save.connect(source_saved, sender=IncidentSource, dispatch_uid="observatory-copy-replaced")
    post_delete.connect(source_deleted, sender=IncidentSource, dispatch_uid="observatory-copy-deleted")
