"""What makes a hit cheap keeps it correct: each process's copies of recent pages are bounded and
dropped with their generation, and the generation read from a file cache is read again whenever
another process replaces it."""

import pytest
from django.core.cache.backends.filebased import FileBasedCache

from chasqui.pagecache import generation
from chasqui.pagecache.memory import RecentPages


def entry(size):
    return {"body": b"x" * size, "encoded": {"gzip": b"y" * (size // 10)}}


def test_recent_pages_keep_at_most_their_room_dropping_the_least_recently_used(settings):
    settings.CHASQUI_PAGE_CACHE_MEMORY = 2000  # four pages of 440 bytes
    pages = RecentPages()
    for name in "abcd":
        pages.put("g1", name, entry(400))
    assert pages.get("g1", "a") is not None  # used: "b" is now the oldest
    pages.put("g1", "e", entry(400))
    assert pages.get("g1", "b") is None
    assert [name for name in "acde" if pages.get("g1", name)] == list("acde")


def test_recent_pages_of_an_older_generation_are_dropped_once_a_new_one_is_seen(settings):
    pages = RecentPages()
    pages.put("g1", "home", entry(100))
    assert pages.get("g2", "home") is None
    assert pages.get("g1", "home") is None


def test_a_page_too_large_for_memory_is_still_answered_but_not_kept(settings):
    settings.CHASQUI_PAGE_CACHE_MEMORY = 1000
    pages = RecentPages()
    kept, prepared = pages.put("g1", "big", entry(600))
    assert kept["body"] == b"x" * 600
    assert prepared == {}
    assert pages.get("g1", "big") is None


@pytest.fixture
def file_cache(settings, tmp_path):
    settings.CACHES = {
        **settings.CACHES,
        "pagecache": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        },
    }
    return FileBasedCache(str(tmp_path), {})  # another process's view of the same directory


def test_a_generation_started_by_another_process_is_seen_on_the_next_read(file_cache):
    first = generation.current_generation()
    assert generation.current_generation() == first
    file_cache.set(generation.GENERATION_KEY, "started-elsewhere", timeout=None)
    assert generation.current_generation() == "started-elsewhere"
    file_cache.set(generation.GENERATION_KEY, "and-again", timeout=None)
    assert generation.current_generation() == "and-again"


def test_a_deleted_generation_file_makes_a_new_generation(file_cache):
    first = generation.current_generation()
    file_cache.delete(generation.GENERATION_KEY)
    assert generation.current_generation() != first
