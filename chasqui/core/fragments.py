"""Parts of public pages kept rendered in the cache, and never stale.

A template wraps an expensive part in Django's own `{% cache %}` tag, varying on the `fragment`
object that `{% load fragment_tags %}{% fragment_vary as fragment %}` gives, plus the pk of what
it shows:

    {% cache fragment.timeout "news-item-body" fragment page.pk %}…{% endcache %}

`fragment` turns into the content generation, the site, the language, and the scheme and host. The
generation is the one every public change starts anew when it commits (the page cache's: the
`pagecache` app hands its function over with `use_generation`, so `core` imports no app), so the
first request after a change renders every fragment again, on every process. It is read once,
when the request comes in (`FragmentGenerationMiddleware`), before any content: a request that
read old content can only store it under the old generation.

What goes inside a fragment must be the same for every visitor: no CSRF token, no CSP nonce, no
messages, nothing about the signed-in user. Previews (a draft shown under the page's own pk) and
requests with no generation read never use or fill the cache.
"""

import functools
import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

_generation = None
# Seconds a fragment lives: long, since a change replaces it at once whatever this says.
FRAGMENT_TIMEOUT = 24 * 3600


def use_generation(function):
    """`function()` gives the current content generation (a string that every public change replaces)."""
    global _generation
    _generation = function


def current_generation():
    return _generation() if _generation is not None else None


class FragmentVary:
    """What every cached fragment of one request varies on, as a string; `timeout` is 0 when off."""

    def __init__(self, generation, site_id, language, origin=""):
        self.active = generation is not None
        # Off: a value nothing was ever stored under, so the cache tag always renders afresh.
        self.generation = generation if self.active else uuid.uuid4().hex
        self.site_id = site_id
        self.language = language
        self.origin = origin  # scheme and host, for the absolute addresses some fragments hold

    @property
    def timeout(self):
        return FRAGMENT_TIMEOUT if self.active else 0

    def __str__(self):
        return f"{self.generation}:{self.site_id}:{self.language}:{self.origin}"


def fragment_vary(request, language):
    """The request's `FragmentVary`: off for previews and requests the middleware has not seen."""
    generation = getattr(request, "chasqui_fragment_generation", None)
    draft = getattr(request, "is_preview", False) or getattr(request, "is_dummy", False)
    if draft or not getattr(settings, "CHASQUI_FRAGMENTS", True):
        generation = None
    if generation is None:
        return FragmentVary(None, None, language)
    site = Site.find_for_request(request)
    origin = f"{request.scheme}://{request.get_host()}"
    return FragmentVary(generation, getattr(site, "pk", None), language, origin)


class FragmentGenerationMiddleware:
    """Reads the content generation once, as the request comes in, before any content is read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            request.chasqui_fragment_generation = current_generation()
        return self.get_response(request)


def lazy_values(compute, keys):
    """{key: the value `compute()` gives it}, each worked out when first read and `compute` run once
    at most: a view's context whose cached fragments, when they come from the cache, cost nothing."""
    computed = functools.cache(compute)
    return {key: SimpleLazyObject(functools.partial(lambda key: computed()[key], key)) for key in keys}


def cached_response(request, name, parts, respond):
    """`respond()`'s 200 answer (body and headers), kept like a fragment under `name` and `parts`
    (the pks and such that tell one answer from another): for whole answers built from nothing of the
    visitor's, such as feeds. Any other status is never kept."""
    vary = fragment_vary(request, translation.get_language())
    if not vary.active:
        return respond()
    key = "fragment-response:" + hashlib.sha256(":".join(map(str, [vary, name, *parts])).encode()).hexdigest()
    kept = cache.get(key)
    if kept is not None:
        status, headers, content = kept
        response = HttpResponse(content, status=status)
        for header, value in headers:
            response[header] = value
        return response
    response = respond()
    if response.status_code == 200 and not response.streaming and not response.cookies:
        cache.set(key, (response.status_code, list(response.items()), response.content), vary.timeout)
    return response
