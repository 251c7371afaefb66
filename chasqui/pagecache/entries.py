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
    modified = int(time.time())
    vary = [part.strip() for part in response.get("Vary", "").split(",") if part.strip()]
    return {
        "headers": [(name, value) for name, value in response.items() if name.lower() not in NOT_STORED],
        "vary": [name for name in vary if name.lower() not in NOT_VARIED_ON],
        "body": body,
        "encoded": compressed(body),
        "etag": f'"{hashlib.blake2b(body, digest_size=12).hexdigest()}"',
        "modified": modified,
        "last_modified": http_date(modified),
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
    if_modified_since = request.META.get("HTTP_IF_MODIFIED_SINCE")
    if not if_modified_since:
        return False
    since = parse_http_date_safe(if_modified_since)
    return since is not None and since >= entry["modified"]


def add_validators(response, entry):
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = entry.get("last_modified") or http_date(entry["modified"])
    response["Cache-Control"] = cache_control(header(entry, "content-type"))
    response["Vary"] = ", ".join([*entry["vary"], "Accept-Encoding"])


def _answer_headers(entry, encoding, status, unchanged):
    """Every header of one kind of answer (304 when `unchanged`), as Django's response keeps them."""
    model = HttpResponseNotModified() if unchanged else HttpResponse()
    if not unchanged:
        if encoding:
            model["Content-Encoding"] = encoding
        model["Content-Length"] = str(len(entry["encoded"][encoding] if encoding else entry["body"]))
    for name, value in entry["headers"]:
        if name.lower() != "content-length" and not (unchanged and name.lower() == "content-type"):
            model[name] = value
    add_validators(model, entry)
    model["X-Page-Cache"] = status
    return dict(model.headers._store)  # noqa: SLF001


def answer(request, entry, status, prepared=None):
    """The response for a stored page: 304 when the visitor's copy is current, else the body in the best
    encoding the visitor accepts. `status` says where it came from (hit or miss), for logs and tests.

    Each kind of answer's headers are worked out once and kept in `prepared` (memory.py keeps one such
    dict beside each entry), then copied into the response as they are: no header is checked and
    encoded again on every hit."""
    unchanged = not_modified(request, entry)
    encoding = None if unchanged else chosen_encoding(request, entry)
    kind = (status, unchanged, encoding)
    prepared = {} if prepared is None else prepared
    headers = prepared.get(kind)
    if headers is None:
        headers = prepared[kind] = _answer_headers(entry, encoding, status, unchanged)
    if unchanged:
        response = HttpResponseNotModified()
    else:
        body = entry["encoded"][encoding] if encoding else entry["body"]
        response = HttpResponse(b"" if request.method == "HEAD" else body)
    response.headers._store.update(headers)  # noqa: SLF001
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
