"""Keep the search index in step with publishing, moves and privacy changes."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import services


@receiver(page_published)
def index_published_page(sender, instance, **kwargs):
    if sender in services.indexed_models():
        services.index_page(instance)


@receiver(page_unpublished)
def remove_unpublished_page(sender, instance, **kwargs):
    services.remove_page(instance.pk)


@receiver(post_page_move)
def reindex_moved_page(sender, instance, parent_page_before, parent_page_after, **kwargs):
    """A new parent may make the page private or public; its URL is read from the page tree."""
    if parent_page_before.pk != parent_page_after.pk:
        transaction.on_commit(partial(services.refresh_subtree, instance.pk))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def reindex_restricted_section(sender, instance, **kwargs):
    transaction.on_commit(partial(services.refresh_subtree, instance.page_id))
