"""Cache-based counters that stop a script from hammering the public forms (sign-up, join, sign-in).

They are kept in the `ratelimit` cache, apart from page data, so that nothing that fills the default
cache can evict a counter and so reset a used-up limit.
"""

from django.core.cache import caches

from chasqui.core.client_address import client_address


def counters():
    return caches["ratelimit"]


def client_ip(request):
    """The client's address, trusting `X-Forwarded-For` only from a configured proxy."""
    return client_address(request)


def hit(key, limit, window_seconds):
    """Count one use of `key`; True while the count stays within `limit` for the window."""
    cache_key = f"rate:{key}"
    cache = counters()
    cache.add(cache_key, 0, window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the key expired between add and incr
        cache.set(cache_key, 1, window_seconds)
        count = 1
    return count <= limit


def exceeded(key, limit):
    """True when `key` has already used up its allowance (without counting another use)."""
    return (counters().get(f"rate:{key}") or 0) >= limit


def reset(key):
    counters().delete(f"rate:{key}")
