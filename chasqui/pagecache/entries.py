"""A stored page: its body (plain, gzip and Brotli, compressed once when stored), its headers and its
validators; and the HTTP caching every cacheable answer carries (Cache-Control, ETag, Last-Modified,
304 Not Modified).

Only cached pages are compressed: they carry no token or other secret, so compressing them cannot leak
one (BREACH), which is why Django's GZipMiddleware is not used for every response.
"""

import gzip
import hashlib
import time

import brotli
from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_etags, parse_http_date_safe

# Headers computed again for each answer, or that must never be kept.
NOT_STORED = frozenset(
    {
        "content-length",
        "content-encoding",
        "set-cookie",
        "etag",
        "last-modified",
        "cache-control",
        "vary",
        "date",
    }
)
# The English pages' language comes from their address, not the visitor's Accept-Language.
NOT_VARIED_ON = frozenset({"accept-language", "cookie"})
FEED_TYPES = ("application/rss+xml", "application/atom+xml")
MIN_COMPRESSED_SIZE = 512


def header(entry, wanted):
    """A stored header's value, "" when the page went out without it."""
    return next((value for name, value in entry["headers"] if name.lower() == wanted), "")


def cache_control(content_type):
    """Shared caches keep a page for CHASQUI_HTTP_S_MAXAGE (purged sooner when it changes); browsers
    check every time and get 304 while it is unchanged. Feed readers poll, so a feed may be served stale
    for longer while a fresh copy is fetched."""
    s_maxage = settings.CHASQUI_HTTP_S_MAXAGE
    stale = settings.CHASQUI_HTTP_STALE_WHILE_REVALIDATE
    if content_type.startswith(FEED_TYPES):
        stale = max(stale, s_maxage)
    return f"public, max-age=0, s-maxage={s_maxage}, stale-while-revalidate={stale}"


def compressed(body):
    if len(body) < MIN_COMPRESSED_SIZE:
        return {}
    return {"br": brotli.compress(body, quality=5), "gzip": gzip.compress(body, compresslevel=6, mtime=0)}


def make_entry(response):
    body = response.content
    vary = [part.strip() for part in response.get("Vary", "").split(",") if part.strip()]
    return {
        "headers": [(name, value) for name, value in response.items() if name.lower() not in NOT_STORED],
        "vary": [name for name in vary if name.lower() not in NOT_VARIED_ON],
        "body": body,
        "encoded": compressed(body),
        "etag": f'"{hashlib.blake2b(body, digest_size=12).hexdigest()}"',
        "modified": int(time.time()),
    }


def chosen_encoding(request, entry):
    accepted = {
        part.split(";")[0].strip().lower() for part in request.META.get("HTTP_ACCEPT_ENCODING", "").split(",")
    }
    for encoding in ("br", "gzip"):
        if encoding in accepted and encoding in entry["encoded"]:
            return encoding
    return None


def not_modified(request, entry):
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        tags = parse_etags(if_none_match)
        return "*" in tags or entry["etag"] in tags or f"W/{entry['etag']}" in tags
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and since >= entry["modified"]


def add_validators(response, entry):
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["modified"])
    response["Cache-Control"] = cache_control(header(entry, "content-type"))
    response["Vary"] = ", ".join([*entry["vary"], "Accept-Encoding"])


def answer(request, entry, status):
    """The response for a stored page: 304 when the visitor's copy is current, else the body in the best
    encoding the visitor accepts. `status` says where it came from (hit or miss), for logs and tests."""
    if not_modified(request, entry):
        response = HttpResponseNotModified()
    else:
        encoding = chosen_encoding(request, entry)
        body = entry["encoded"][encoding] if encoding else entry["body"]
        response = HttpResponse(b"" if request.method == "HEAD" else body)
        if encoding:
            response["Content-Encoding"] = encoding
        response["Content-Length"] = str(len(body))
    for name, value in entry["headers"]:
        if name.lower() != "content-length" and not (
            response.status_code == 304 and name.lower() == "content-type"
        ):
            response[name] = value
    add_validators(response, entry)
    response["X-Page-Cache"] = status
    return response


def answer_miss(request, response, entry):
    """The freshly rendered response, given the same validators, headers and encoding as a hit."""
    if not_modified(request, entry):
        return answer(request, entry, "miss")
    encoding = chosen_encoding(request, entry)
    if encoding:
        response.content = entry["encoded"][encoding]
        response["Content-Encoding"] = encoding
        response["Content-Length"] = str(len(response.content))
    add_validators(response, entry)
    response["X-Page-Cache"] = "miss"
    return response
