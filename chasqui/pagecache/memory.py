"""Each process's own copies of the pages it served last, in front of the shared `pagecache` cache.

Every key includes the generation, so what is stored under a key never changes: a copy kept in memory
is what the shared cache holds, and answering from it costs no file read, no unpickling and no
decompression (most of a hit's time with the file cache). The copies of older generations are dropped
as soon as a request sees a new one; at most CHASQUI_PAGE_CACHE_MEMORY bytes are kept a process, the
least recently used going first.
"""

import threading
from collections import OrderedDict

from django.conf import settings


def entry_size(entry):
    return len(entry["body"]) + sum(len(body) for body in entry["encoded"].values())


class RecentPages:
    def __init__(self):
        self._lock = threading.Lock()
        self._generation = None
        self._entries = OrderedDict()
        self._size = 0

    def _start(self, generation):
        self._generation = generation
        self._entries.clear()
        self._size = 0

    def get(self, generation, key):
        """(entry, its prepared answers) or None."""
        with self._lock:
            if generation != self._generation:
                self._start(generation)
                return None
            found = self._entries.get(key)
            if found is None:
                return None
            self._entries.move_to_end(key)
            return found[0], found[2]

    def put(self, generation, key, entry):
        """Keeps the entry, unless it would take over a quarter of the room: (entry, prepared answers)."""
        limit = settings.CHASQUI_PAGE_CACHE_MEMORY
        size = entry_size(entry)
        prepared = {}
        if size > limit // 4:
            return entry, prepared
        with self._lock:
            if generation != self._generation:
                self._start(generation)
            previous = self._entries.pop(key, None)
            if previous is not None:
                self._size -= previous[1]
            self._entries[key] = (entry, size, prepared)
            self._size += size
            while self._size > limit:
                _key, (_entry, dropped, _prepared) = self._entries.popitem(last=False)
                self._size -= dropped
        return entry, prepared


recent_pages = RecentPages()
