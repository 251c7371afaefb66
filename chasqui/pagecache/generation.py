"""The page cache's generation: part of every key, so starting a new one makes every page fresh on
every process and machine at once (invalidation.py says when). A thread that has made a change not yet
committed uses a generation of its own meanwhile.

It lives in the shared `pagecache` cache and is read on every request. With the file cache (one
machine), reading it means opening, unpickling and decompressing a file; so each process remembers
the file's identity (inode, modification time, size) and reads it again only when a stat shows it
was replaced. The cache writes a new file and renames it over the old, so a new generation always
changes what the stat sees.
"""

import os
import threading
import uuid
import weakref

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache

from chasqui.core.cache_generation import CacheGeneration

from . import files

GENERATION_KEY = "pagecache:generation"
# Per generation file: (its identity when read, the generation it held).
_read_from_file = {}
# Per file cache object (one a thread): the generation's file.
_paths = weakref.WeakKeyDictionary()
# (generation, still pending) of a change this thread made and has not committed yet.
_own = threading.local()


def page_cache_alias():
    """The `pagecache` cache; the default one where it is not configured (a test's own CACHES)."""
    return "pagecache" if "pagecache" in settings.CACHES else "default"


def page_generation():
    return CacheGeneration(GENERATION_KEY, alias=page_cache_alias())


def _identity(path):
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    return found.st_ino, found.st_mtime_ns, found.st_ctime_ns, found.st_size


def shared_generation():
    alias = page_cache_alias()
    cache = caches[alias]
    if not isinstance(cache, FileBasedCache):
        return CacheGeneration(GENERATION_KEY, alias=alias).current()
    path = _paths.get(cache)
    if path is None:
        # The cache's own name for the key's file (there is no public way to ask for it).
        path = _paths[cache] = cache._key_to_file(GENERATION_KEY)  # noqa: SLF001
    identity = _identity(path)
    remembered = _read_from_file.get(path)
    if identity is not None and remembered is not None and remembered[0] == identity:
        return remembered[1]
    # Stat first, then read: what is read is at least as new as what the stat saw.
    generation = CacheGeneration(GENERATION_KEY, alias=alias).current()
    if identity is not None:
        _read_from_file[path] = (identity, generation)
    return generation


def current_generation():
    """This thread's own generation while a change it made waits for its commit, else the shared one."""
    own = getattr(_own, "generation", None)
    if own is not None:
        generation, still_pending = own
        if still_pending():
            return generation
        _own.generation = None
    return shared_generation()


def start_own_generation(still_pending):
    """A change not yet committed is seen at once by the thread that made it (its later requests, a
    test's client), and by no one else: other processes still read the committed content, and keep
    serving it (from the shared cache, from nginx's files) until the commit starts a shared generation.
    `still_pending()` says when the transaction has ended without one (rolled back)."""
    _own.generation = (uuid.uuid4().hex, still_pending)


def start_new_generation():
    """Every process and machine misses on its next request, and nginx serves a new, empty directory."""
    _own.generation = None
    files.switch_to(page_generation().start_new())
