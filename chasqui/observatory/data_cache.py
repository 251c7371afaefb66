"""What the public observatory pages compute from the records, kept until the records change.

The filter form's choices, the incidents' years, a list page's records and count, the map and the
figures are all derived from public values of live records only, so they can be shared by every
reader. They are kept under one generation (chasqui.core.cache_generation) that any change to an
incident, an actor, a case, an incident type or a region starts anew (signals.py): the next
request after a publish, an unpublish, an edit or a bulk change computes them again.
"""

import hashlib

from django.core.cache import cache
from django.db import transaction
from django.utils import translation

from chasqui.core.cache_generation import CacheGeneration

GENERATION = CacheGeneration("observatory:data-generation")
TIMEOUT = 300  # a backstop where each process has its own cache


def forget(**kwargs):
    """Start a new generation: every page computes its figures and lists again on next use.

    At once, so the change's own request sees it, and again when its transaction commits: a
    request that read the old records in between cannot have left them under the generation kept.
    """
    GENERATION.start_new()
    transaction.on_commit(GENERATION.start_new)


def key(name, parts):
    """The cache key of `name` for `parts` (any repr-able values, such as a request's filters)."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:40]
    return f"observatory:{name}:{GENERATION.current()}:{digest}"


def cached(name, parts, compute, language=True):
    """`compute()`, kept for this generation under `name` and `parts` (and the active language,
    as labels and dates are written in it). The key is taken before computing, so a value computed
    while the records change is kept under the generation it belongs to, never the new one."""
    if language:
        parts = (translation.get_language(), *parts)
    entry = key(name, parts)
    value = cache.get(entry)
    if value is None:
        value = compute()
        cache.set(entry, value, TIMEOUT)
    return value
