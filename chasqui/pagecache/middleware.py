"""The page cache's door: listed before sessions, authentication, CSRF, the locale, URL routing and the
Content Security Policy, so a hit is answered after a cache lookup or two and nothing else.

A miss runs the whole stack; a response the rules allow (policy.py) is stored with the headers it went
out with, its CSP header included, so a cached page and its policy (and any nonce in it) always match.
"""

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost

from . import entries, files, policy
from .invalidation import current_generation, page_cache_alias


def pages():
    return caches[page_cache_alias()]


def keep_private(response):
    """A response the page cache would not keep is not for shared caches either."""
    if "Cache-Control" not in response:
        response["Cache-Control"] = "private"
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not policy.request_is_cacheable(request):
            return keep_private(self.get_response(request))
        try:
            generation = current_generation()
            key = policy.request_key(request, generation)
        except DisallowedHost:
            return self.get_response(request)
        entry = pages().get(key)
        if entry is not None:
            return entries.answer(request, entry, "hit")
        response = self.get_response(request)
        if not policy.response_is_storable(response):
            return keep_private(response)
        entry = entries.make_entry(response)
        pages().set(key, entry, timeout=settings.CHASQUI_PAGE_CACHE_TIMEOUT)
        files.write(request, generation, entry)
        return entries.answer_miss(request, response, entry)
