"""A flood of requests for addresses that do not exist must not fill the shared cache.

The file cache is shared by every process and culls a random third of its entries when full,
rate-limit counters included; so each unknown URL that leaves an entry behind lets anyone wipe
the cache (and reset the limits) just by asking for made-up addresses.
"""

from pathlib import Path

import pytest
from django.core.cache import caches

pytestmark = pytest.mark.django_db

UNKNOWN_URLS = 500
# Entries a first request may add once (site, settings, menus, generations); not per URL.
ALLOWED_GROWTH = 10


def cache_entries(directory):
    return sum(1 for path in Path(directory).iterdir() if path.suffix == ".djcache")


@pytest.fixture
def file_cache(settings, tmp_path):
    directory = tmp_path / "cache"
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(directory),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    }
    caches["default"].clear()
    return directory


def test_unknown_topic_urls_do_not_grow_the_cache(client, site_tree, file_cache):
    assert client.get("/news/").status_code == 200
    assert client.get("/news/topic/warm-up/").status_code == 404
    before = cache_entries(file_cache)

    for n in range(UNKNOWN_URLS):
        assert client.get(f"/news/topic/no-such-topic-{n}/").status_code == 404

    grown = cache_entries(file_cache) - before
    assert grown <= ALLOWED_GROWTH, f"{UNKNOWN_URLS} unknown URLs added {grown} cache entries"
