"""The site search index: one row per live, public page of a searchable type.

The row's primary key sorts by date then page (see `entry_key`), so both
database engines can read matches newest first straight from their indexes.
The full-text parts are created in migrations for the engine in use: an FTS5
table kept in step by triggers on SQLite, generated tsvector columns with a GIN
index on PostgreSQL. On SQLite, Django rebuilds a table when a later migration
alters it, which drops those triggers: such a migration must create them again
(see `chasqui.search.schema`).

`title` and `body` keep the text as written, for results and snippets; the
`*_terms` columns hold the same words prepared for matching (see
`chasqui.search.terms`), which is all the full-text structures index. `scheme`
says which version of an entry wrote a row, so rows written by an older one are
rebuilt after an upgrade. The lead image and its alternative text are copied
from the page, so a page of results draws its thumbnails without loading pages.
"""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

PAGE_ID_SPAN = 10**10


def entry_key(date: datetime.date, page_id: int) -> int:
    """A primary key that orders entries by date, then by page id."""
    return date.toordinal() * PAGE_ID_SPAN + page_id


class SearchEntry(models.Model):
    id = models.BigIntegerField(primary_key=True)
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="search_entry", verbose_name=_("page")
    )
    language = models.CharField(_("language"), max_length=8)
    # A SearchType's kind (see `chasqui.search.types`); higher apps add their own.
    kind = models.CharField(_("type"), max_length=16)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("text"), blank=True)
    date = models.DateField(_("date"))
    title_terms = models.TextField(blank=True, default="")
    lede_terms = models.TextField(blank=True, default="")
    body_terms = models.TextField(blank=True, default="")
    # Space-separated tokens of the topics and regions the page is filed under ("t3 r12").
    facets = models.TextField(blank=True, default="")
    scheme = models.PositiveSmallIntegerField(default=0)
    lead_image = models.ForeignKey(
        "images.CustomImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead_image_alt = models.CharField(max_length=255, blank=True, default="")

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return self.title
