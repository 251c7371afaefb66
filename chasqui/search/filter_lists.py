"""The search form's topic, region and year lists, kept in the cache until what they list changes.

Reading them costs four queries, on every search; they change only when the index does (a page
published, unpublished, moved, deleted or rebuilt: the years come from the index) or a topic or
region is saved or deleted. Each of those starts a new generation of the lists, at once and again
when the transaction commits (as the page cache does), so the next search in any process reads
them afresh and a search made in between cannot leave the old lists behind.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.utils import translation

from chasqui.core.cache_generation import CacheGeneration

from .facets import FACETS, Option, facet_options, year_options

GENERATION = CacheGeneration("search:filter-lists-generation")
TIMEOUT = 24 * 60 * 60


@dataclass(frozen=True)
class FilterLists:
    options: dict[str, list[Option]]  # by facet name
    years: list[int]


def filter_lists() -> FilterLists:
    """The lists in the current language (topics and regions are named in it)."""
    key = f"search:filter-lists:{GENERATION.current()}:{translation.get_language()}"
    lists = cache.get(key)
    if lists is None:
        lists = FilterLists({facet.name: facet_options(facet) for facet in FACETS}, year_options())
        cache.set(key, lists, TIMEOUT)
    return lists


def forget_filter_lists(**kwargs):
    """Receives signals too, hence `kwargs`."""
    GENERATION.start_new()
    transaction.on_commit(GENERATION.start_new)
