"""The page cache's generation: part of every key, so starting a new one makes every page fresh on
every process and machine at once (invalidation.py says when).

It lives in the shared `pagecache` cache and is read on every request. With the file cache (one
machine), reading it means opening, unpickling and decompressing a file; so each process remembers
the file's identity (inode, modification time, size) and reads it again only when a stat shows it
was replaced. The cache writes a new file and renames it over the old, so a new generation always
changes what the stat sees.
"""

import os
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


def current_generation():
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


def start_new_generation():
    files.switch_to(page_generation().start_new())
