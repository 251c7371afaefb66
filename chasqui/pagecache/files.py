"""Cached pages written as files, for the nginx in front of one machine to serve without asking us
(deploy/nginx/pagecache.conf).

Files are written under a directory named after the cache generation they belong to, and `current`
is a symbolic link to the live generation's directory; nginx serves only what is under `current`.
A change switches the link to the new generation's (empty) directory in one rename and then deletes
the old directories, so a page rendered before the change and written after it lands in a directory
nothing serves. The directory is one machine's: on several machines leave CHASQUI_PAGE_CACHE_DIR empty.
"""

import contextlib
import os
import re
import shutil
import tempfile
import uuid
from pathlib import Path

from django.conf import settings

from .entries import header

CURRENT = "current"
# nginx gives each answer a nonce of its own: its $request_id, echoed into the page by SSI and into the
# Content-Security-Policy header by deploy/nginx/pagecache.conf.
NGINX_NONCE = b'<!--# echo var="request_id" -->'
NONCE_IN_POLICY = re.compile(r"'nonce-([^']+)'")
# Only plain addresses ending in a slash become files: no dot segments, no odd characters.
FILE_PATH = re.compile(r"^(/[\w~%-]+)*/$")
# The one query string a file stands for: a page number, as deploy/nginx/pagecache.conf matches it.
PAGE_NUMBER = re.compile(r"^page=([1-9][0-9]{0,5})$")
# The file name's extension for each kind of page nginx serves, and says the type of (the snippet's
# `types`); SSI fills the nonce in HTML only.
EXTENSIONS = {"text/html": "html", "application/rss+xml": "rss", "application/atom+xml": "atom"}


def root():
    directory = settings.CHASQUI_PAGE_CACHE_DIR
    return Path(directory) if directory else None


def page_file(directory, host, path, page_number="", extension="html"):
    """`index.html`, `index<N>.html` for `?page=<N>`, `index.rss`, `index.atom`: nginx's
    `index$arg_page.<type>` under the address."""
    return directory / host / path.lstrip("/") / f"index{page_number}.{extension}"


def host_name(request):
    """The host as nginx's $host names it: lower case, without a port."""
    host = request.get_host().lower()
    return "" if host.startswith("[") else host.split(":")[0]


def _write_atomically(target, data):
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    os.chmod(temporary, 0o644)
    os.replace(temporary, target)


def _link_points_to(base, generation):
    """True when `current` names this generation; creates the link on first use."""
    link = base / CURRENT
    try:
        return os.readlink(link) == generation
    except FileNotFoundError:
        base.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.symlink(generation, link)
        return os.readlink(link) == generation


def with_nginx_nonce(entry):
    """The body with the nonce it was rendered with replaced by nginx's per-request one."""
    policy = next(
        (value for name, value in entry["headers"] if name.lower() == "content-security-policy"), ""
    )
    found = NONCE_IN_POLICY.search(policy)
    if not found:
        return entry["body"]
    return entry["body"].replace(f'nonce="{found.group(1)}"'.encode(), b'nonce="' + NGINX_NONCE + b'"')


def write(request, generation, entry):
    """Writes the page as a file when it may be one: an HTML page or a feed at a plain address, or an
    HTML page with only a page number for its query string."""
    base = root()
    host = host_name(request)
    extension = EXTENSIONS.get(header(entry, "content-type").split(";")[0].strip())
    query = request.META.get("QUERY_STRING", "")
    page_number = PAGE_NUMBER.match(query)
    if base is None or not host or extension is None or (query and not page_number):
        return
    if page_number and extension != "html":
        return
    if not FILE_PATH.match(request.path) or not _link_points_to(base, generation):
        return
    body = with_nginx_nonce(entry) if extension == "html" else entry["body"]
    number = page_number[1] if page_number else ""
    _write_atomically(page_file(base / generation, host, request.path, number, extension), body)


def switch_to(generation):
    """Serves the new generation's (empty) directory and deletes every other one."""
    base = root()
    if base is None:
        return
    (base / generation).mkdir(parents=True, exist_ok=True)
    temporary_link = base / f".link-{uuid.uuid4().hex}"
    os.symlink(generation, temporary_link)
    os.replace(temporary_link, base / CURRENT)
    for child in base.iterdir():
        if child.name not in (generation, CURRENT) and not child.name.startswith(".link-"):
            shutil.rmtree(child, ignore_errors=True)
