"""The page cache's door: listed before sessions, authentication, CSRF, the locale, URL routing and the
Content Security Policy, so a hit is answered after a cache lookup or two and nothing else.

A hit is answered from this process's memory when it served the page lately (memory.py), else from
the shared cache. A miss runs the whole stack; a response the rules allow (policy.py) is stored with
the headers it went out with, its CSP header included, so a cached page and its policy (and any nonce
in it) always match.
"""

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost

from . import entries, files, policy
from .generation import current_generation, page_cache_alias
from .memory import recent_pages


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
        language = policy.path_language(request)
        if not policy.request_is_cacheable(request, language):
            return keep_private(self.get_response(request))
        try:
            generation = current_generation()
            key = policy.request_key(request, generation, language)
        except DisallowedHost:
            return self.get_response(request)
        kept = recent_pages.get(generation, key)
        if kept is None:
            entry = pages().get(key)
            kept = None if entry is None else recent_pages.put(generation, key, entry)
        if kept is not None:
            entry, prepared = kept
            return entries.answer(request, entry, "hit", prepared)
        response = self.get_response(request)
        if not policy.response_is_storable(response):
            return keep_private(response)
        entry = entries.make_entry(response)
        pages().set(key, entry, timeout=settings.CHASQUI_PAGE_CACHE_TIMEOUT)
        recent_pages.put(generation, key, entry)
        files.write(request, generation, entry)
        return entries.answer_miss(request, response, entry)
