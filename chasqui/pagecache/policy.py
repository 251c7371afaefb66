"""Which requests the page cache may answer and which responses it may keep: the "never wrong" rules.

A request is answered from the cache only when nothing about the visitor can change the page: a GET
or HEAD, with no session, CSRF or messages cookie and no Authorization header, to a public address
(never the admin, the members' area, the forms' own pages or search), with at most the archive's own
filter parameters. A response is kept only when it is a plain 200 that sets no cookie and does not ask
to stay private; so a page showing a form with a CSRF token (which sets the CSRF cookie) never is.
"""

import hashlib
import re
from urllib.parse import parse_qsl

from django.conf import settings
from django.utils.translation import get_language_from_path

SAFE_METHODS = ("GET", "HEAD")
# Addresses (after the language prefix) that depend on the visitor, post forms or are files of their own.
NEVER_CACHED_PREFIXES = (
    "/admin/",
    "/documents/",
    "/members/",
    "/membership/",
    "/subscribe/",
    "/write-to-us/",
    "/search/",
    "/anymail/",
    "/healthz",
    "/bulletins/preview/",
    "/static/",
    "/media/",
)
# The news archive's filters and the listings' page numbers; any other parameter goes to the application,
# so made-up query strings cannot fill the cache.
CACHED_QUERY_PARAMETERS = frozenset({"page", "topic", "region", "year", "month"})
QUERY_VALUE = re.compile(r"^[\w-]{0,40}$")
PRIVATE_DIRECTIVES = frozenset({"private", "no-store", "no-cache"})
CACHED_CONTENT_TYPES = (
    "text/html",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "text/plain",
    "application/json",
)


def visitor_cookies():
    """Cookies that mean the page may be the visitor's own: signed in, a form's token, a message waiting."""
    return (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages")


def path_language(request):
    """The language named by the address's prefix ("/es/news/" → "es"), None for none."""
    return get_language_from_path(request.path_info)


def cached_query(query_string):
    """True for an empty query string or one made only of the archive's own short parameters."""
    if not query_string:
        return True
    pairs = parse_qsl(query_string, keep_blank_values=True)
    return bool(pairs) and all(
        name in CACHED_QUERY_PARAMETERS and QUERY_VALUE.match(value) for name, value in pairs
    )


def request_is_cacheable(request, language):
    if not settings.CHASQUI_PAGE_CACHE or request.method not in SAFE_METHODS:
        return False
    if "HTTP_AUTHORIZATION" in request.META or any(name in request.COOKIES for name in visitor_cookies()):
        return False
    path = request.path_info
    unprefixed = path[len(language) + 1 :] if language else path
    if unprefixed.startswith(NEVER_CACHED_PREFIXES):
        return False
    return cached_query(request.META.get("QUERY_STRING", ""))


def request_key(request, generation, language):
    """The key of this address's entry: generation, scheme, host, language and the full path (hashed, so
    that a long address makes a key as short as any other)."""
    language = language or settings.LANGUAGE_CODE
    address = f"{request.scheme}:{request.get_host()}:{language}:{request.get_full_path()}"
    return f"page:{generation}:{hashlib.blake2b(address.encode(), digest_size=16).hexdigest()}"


def response_is_storable(response):
    if response.status_code != 200 or response.streaming or response.cookies or "Set-Cookie" in response:
        return False
    directives = {part.split("=")[0].strip().lower() for part in response.get("Cache-Control", "").split(",")}
    if directives & PRIVATE_DIRECTIVES:
        return False
    return response.get("Content-Type", "").startswith(CACHED_CONTENT_TYPES)
