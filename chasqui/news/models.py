"""The news app's models, defined by concern: items and their classification, and the index.

Django finds them here; `items` is imported by the views, and the index page by nothing the
views import, so the index can route to the views without an import loop.
"""

from .index_page import NewsIndexPage
from .items import NewsItemManager, NewsItemPage, NewsItemQuerySet, NewsSource, Region, RelatedNewsItem, Topic

__all__ = [
    "NewsIndexPage",
    "NewsItemManager",
    "NewsItemPage",
    "NewsItemQuerySet",
    "NewsSource",
    "Region",
    "RelatedNewsItem",
    "Topic",
]
