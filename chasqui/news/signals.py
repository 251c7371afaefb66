"""Keep cached archive anchors in step with news items published, moved or deleted, singly or in bulk."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from chasqui.core.signals import pages_bulk_changed

from .listing import invalidate_news_listings
from .models import NewsItemPage


def _news_item_changed(sender, **kwargs):
    invalidate_news_listings()


def _page_moved(sender, instance, **kwargs):
    if issubclass(instance.specific_class or type(instance), NewsItemPage):
        invalidate_news_listings()


def connect():
    for name, signal in (
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("saved", post_save),
        ("deleted", post_delete),
    ):
        signal.connect(_news_item_changed, sender=NewsItemPage, dispatch_uid=f"news-listing-{name}")
    post_page_move.connect(_page_moved, dispatch_uid="news-listing-moved")
    pages_bulk_changed.connect(_news_item_changed, dispatch_uid="news-listing-bulk")
