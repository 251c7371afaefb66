"""Never stale: every change that can show on a public page starts a new page cache generation, and
the caches in front of the site (a CDN, Varnish) are told which addresses to forget: once a
transaction commits, by one background task naming each address it affects once.

The generation lives in the shared `pagecache` cache, so the next request on every process and every
machine builds new keys and misses. A new one is started once the transaction commits (once however
many objects it saved); until then the thread making the change uses a generation of its own, so it
sees its change at once while everyone else keeps being served the committed pages. A request reads
the generation before it reads any content, so one that read the old content cannot store it under
the new generation. Rather than listing what matters (and forgetting the next
model added), every saved or deleted object counts except those listed in IGNORED, which never show
on a public page or are written by readers' own visits (sessions, image renditions, sign-ups).
"""

import functools
import logging
import threading

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from modelcluster.fields import ParentalKey
from wagtail.images.models import AbstractImage
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move, pre_page_move

from chasqui.core.affected_urls import affected_urls
from chasqui.core.signals import pages_bulk_changed

from .generation import start_new_generation, start_own_generation
from .tasks import purge_front_end_caches

logger = logging.getLogger(__name__)
# Whole apps, then single models, whose rows never show on a public page.
IGNORED_APPS = frozenset(
    {
        "admin", "auth", "axes", "contenttypes", "django_tasks_database", "importer", "operations",
        "otp_static", "otp_totp", "sessions", "subscribers", "users", "wagtail_localize",
        "wagtailadmin", "wagtailembeds", "wagtailforms", "wagtailsearch", "wagtailusers", "search",
    }
)  # fmt: skip
IGNORED_MODELS = frozenset(
    {
        "images.rendition", "wagtailimages.rendition", "newsletter.delivery",
        "membership.giftaiddeclaration", "membership.giftaidclaim", "membership.giftaidclaimline",
        "membership.numbersequence", "membership.member", "membership.payment", "membership.memberevent",
        "membership.reminder", "membership.stripeevent", "membership.signincode",
        "wagtailcore.revision", "wagtailcore.pagelogentry", "wagtailcore.modellogentry",
        "wagtailcore.workflowstate", "wagtailcore.taskstate", "wagtailcore.pagesubscription",
        "wagtailcore.comment", "wagtailcore.commentreply", "wagtailcore.uploadedfile",
        "wagtailcore.referenceindex", "wagtailcore.apitoken", "wagtailcore.grouppagepermission",
        "wagtailcore.groupcollectionpermission", "wagtailcore.groupsitepermission",
    }
)  # fmt: skip

# A page saved with only these changed is a draft being edited (or autosaved): nothing public changes.
DRAFT_FIELDS = frozenset(
    {"latest_revision", "latest_revision_created_at", "draft_title", "has_unpublished_changes",
     "locked", "locked_at", "locked_by"}
)  # fmt: skip
# An image saved with only these changed has had its size or checksum worked out when first drawn (a
# reader's visit does it for an image stored without them): nothing public changes.
MEASURED_IMAGE_FIELDS = frozenset({"file_size", "file_hash"})


def shows_on_public_pages(model):
    return model._meta.app_label not in IGNORED_APPS and model._meta.label_lower not in IGNORED_MODELS


class CommittedChange:
    """What one transaction changed. Each save registers its own on-commit callback (so that whichever
    survive a rolled-back savepoint still run), and the first to run does the work: a new generation
    and one background purge naming each affected address once, however many objects were saved."""

    def __init__(self):
        self.urls = set()
        self.everything = False
        self.done = False

    def run(self):
        if self.done:
            return
        self.done = True
        start_new_generation()
        if self.urls or self.everything:
            purge_front_end_caches.enqueue(sorted(self.urls), everything=self.everything)

    def is_pending(self, connection):
        """True while one of its callbacks waits for the commit (none does once it ran, or was rolled
        back). Django keeps them in `run_on_commit`; the newest, nearest the end, is looked at first."""
        waiting = reversed(connection.run_on_commit)
        return not self.done and any(getattr(func, "__self__", None) is self for _s, func, _r in waiting)


_transaction = threading.local()


def _after_commit(urls, everything):
    """Adds to the transaction's change (a new one when the last has run or was rolled back) and runs it
    after commit, at once outside a transaction: the change."""
    connection = transaction.get_connection()
    change = getattr(_transaction, "change", None)
    if change is None or not change.is_pending(connection):
        change = _transaction.change = CommittedChange()
    change.urls |= urls
    change.everything = change.everything or everything
    transaction.on_commit(change.run)
    return change


def content_changed(urls=None, purge=True):
    """Makes every page fresh: at once for this thread, for everyone once the change commits (at once
    outside a transaction); then purges `urls` (a callable giving the addresses the change affects;
    None: every address) from the front-end caches, in the background."""
    purge = purge and bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))
    change = _after_commit(urls() if purge and urls else set(), everything=purge and urls is None)
    if not change.done:
        start_own_generation(lambda: change.is_pending(transaction.get_connection()))


def _page_change(instance):
    content_changed(lambda: affected_urls(instance))


@receiver(page_published, dispatch_uid="pagecache_published")
@receiver(page_unpublished, dispatch_uid="pagecache_unpublished")
@receiver(page_slug_changed, dispatch_uid="pagecache_slug_changed")
@receiver(pre_page_move, dispatch_uid="pagecache_pre_move")
@receiver(post_page_move, dispatch_uid="pagecache_moved")
def page_changed(sender, instance, **kwargs):
    _page_change(instance)


@receiver(pre_delete, dispatch_uid="pagecache_page_deleted")
def page_deleted(sender, instance, **kwargs):
    """Before the page is gone, while its addresses can still be worked out."""
    if isinstance(instance, Page):
        _page_change(instance)


@receiver(post_save, dispatch_uid="pagecache_saved")
@receiver(post_delete, dispatch_uid="pagecache_deleted")
def object_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not shows_on_public_pages(sender):
        return
    if isinstance(instance, AbstractImage) and update_fields and set(update_fields) <= MEASURED_IMAGE_FIELDS:
        return
    if isinstance(instance, Page):
        if update_fields and set(update_fields) <= DRAFT_FIELDS:
            return
        # Publishing, moving and deleting purge through the signals above; any other save of a page
        # (a script changing a live page) still makes every page fresh.
        content_changed(purge=False)
        return
    # A page's own rows (a news item's sources) are saved when it is published, which purges it.
    content_changed(purge=not page_own_rows(sender))


@functools.cache
def page_own_rows(model):
    """Rows a page holds through a ParentalKey and that name no other page (a news item's sources, not
    its links to other items or actors): saved and published with it, they show only on it."""
    to_pages = [
        field
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model and issubclass(field.related_model, Page)
    ]
    return len(to_pages) == 1 and isinstance(to_pages[0], ParentalKey)


@receiver(m2m_changed, dispatch_uid="pagecache_m2m_changed")
def relation_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and shows_on_public_pages(type(instance)):
        content_changed(purge=False)


@receiver(pages_bulk_changed, dispatch_uid="pagecache_bulk_changed")
def pages_changed_in_bulk(**kwargs):
    content_changed()
