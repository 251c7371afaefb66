"""Forgetting a whole family of cached entries at once.

Every key of the family includes the current generation; starting a new one leaves the old keys
unreachable (they expire on their own), which works on every cache backend, none of which can
delete by prefix cheaply.
"""

import uuid

from django.core.cache import caches


class CacheGeneration:
    """The generation stored under `key` in the cache `alias`, created on first use."""

    def __init__(self, key, alias="default"):
        self.key = key
        self.alias = alias

    def current(self):
        cache = caches[self.alias]
        generation = cache.get(self.key)
        if generation is None:
            generation = uuid.uuid4().hex
            cache.set(self.key, generation, timeout=None)
        return generation

    def start_new(self):
        """The new generation, already stored."""
        generation = uuid.uuid4().hex
        caches[self.alias].set(self.key, generation, timeout=None)
        return generation
