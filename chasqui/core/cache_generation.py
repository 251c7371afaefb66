"""Forgetting a whole family of cached entries at once.

Every key of the family includes the current generation; starting a new one leaves the old keys
unreachable (they expire on their own), which works on every cache backend, none of which can
delete by prefix cheaply.
"""

import uuid

from django.core.cache import cache


class CacheGeneration:
    """The generation stored under `key`, created on first use."""

    def __init__(self, key):
        self.key = key

    def current(self):
        generation = cache.get(self.key)
        if generation is None:
            generation = uuid.uuid4().hex
            cache.set(self.key, generation, timeout=None)
        return generation

    def start_new(self):
        cache.set(self.key, uuid.uuid4().hex, timeout=None)
