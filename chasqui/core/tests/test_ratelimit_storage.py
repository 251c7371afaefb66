"""Rate-limit counters are kept where filling the page cache cannot evict them."""

import os
import socket

import pytest
from django.core.cache import caches

from chasqui.core import ratelimit

REDIS = ("127.0.0.1", 6379)


def file_caches(tmp_path, default_entries):
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
            "OPTIONS": {"MAX_ENTRIES": default_entries, "CULL_FREQUENCY": 2},
        },
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache-ratelimit"),
        },
    }


def test_a_used_up_limit_survives_a_flood_that_fills_the_page_cache(settings, tmp_path):
    settings.CACHES = file_caches(tmp_path, default_entries=50)
    for _ in range(3):
        ratelimit.hit("sign-up:203.0.113.9", 3, 3600)
    assert not ratelimit.hit("sign-up:203.0.113.9", 3, 3600)

    page_cache = caches["default"]
    for number in range(500):  # culled again and again: a third of the page cache goes each time
        page_cache.set(f"route:/news/topic/made-up-{number}/", number, 3600)

    assert len(list((tmp_path / "cache").glob("*.djcache"))) <= 50
    assert not ratelimit.hit("sign-up:203.0.113.9", 3, 3600)
    assert ratelimit.exceeded("sign-up:203.0.113.9", 3)


def redis_reachable():
    try:
        with socket.create_connection(REDIS, timeout=0.5):
            return True
    except OSError:
        return False


def test_limits_count_on_redis_when_it_is_configured(settings):
    if not redis_reachable():
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("Redis is not answering on 127.0.0.1:6379 and CI=true")
        pytest.skip("Redis is not answering on 127.0.0.1:6379")
    location = "redis://127.0.0.1:6379/15"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location},
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "ratelimit",
        },
    }
    ratelimit.reset("join:198.51.100.4")
    try:
        assert [ratelimit.hit("join:198.51.100.4", 2, 60) for _ in range(3)] == [True, True, False]
        assert caches["default"].get("rate:join:198.51.100.4") is None  # kept under its own prefix
    finally:
        ratelimit.reset("join:198.51.100.4")
