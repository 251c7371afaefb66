"""Keep the search index in step with publishing, moves, privacy changes and upgrades, and the
search form's cached filter lists with the topics and regions they name."""

from functools import partial

from django.apps import apps as django_apps
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from chasqui.core.signals import pages_bulk_changed

from . import services
from .facets import FACETS
from .filter_lists import forget_filter_lists


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


@receiver(post_migrate)
def rebuild_outdated_entries(sender, app_config=None, using=DEFAULT_DB_ALIAS, apps=None, **kwargs):
    """After an upgrade changes how words are prepared, re-index the entries written the old way.

    Only once the search app's own migrations are applied (the migrated state has `scheme`).
    """
    if getattr(app_config, "label", None) != "search" or using != DEFAULT_DB_ALIAS or apps is None:
        return
    try:
        fields = {field.name for field in apps.get_model("search", "SearchEntry")._meta.get_fields()}
    except LookupError:
        return
    if "scheme" in fields:
        services.rebuild_outdated()


# A deleted page takes its entry with it (a cascade, which tells nothing); pages written in bulk
# bring entries of their own.
post_delete.connect(forget_filter_lists, sender=Page, dispatch_uid="search-filter-lists-page-deleted")
pages_bulk_changed.connect(forget_filter_lists, dispatch_uid="search-filter-lists-bulk")
for facet in FACETS:
    for signal in (post_save, post_delete):
        signal.connect(
            forget_filter_lists,
            sender=django_apps.get_model(facet.model),
            dispatch_uid=f"search-filter-lists-{facet.name}-{signal is post_save}",
        )
