"""Which answers become files for nginx, and under which name (deploy/nginx/pagecache.conf's
`index$arg_page.<type>`)."""

import pytest

from chasqui.pagecache import files


def entry(content_type, body=b"<p>page</p>"):
    return {"headers": [("Content-Type", content_type)], "body": body, "encoded": {}}


def written(page_cache, generation):
    directory = page_cache / generation / "testserver"
    return sorted(str(path.relative_to(directory)) for path in directory.rglob("*") if path.is_file())


@pytest.mark.parametrize(
    ("address", "content_type", "expected"),
    [
        ("/news/", "text/html; charset=utf-8", ["news/index.html"]),
        ("/news/?page=7", "text/html; charset=utf-8", ["news/index7.html"]),
        ("/news/feed/rss/", "application/rss+xml; charset=utf-8", ["news/feed/rss/index.rss"]),
        ("/news/feed/atom/", "application/atom+xml; charset=utf-8", ["news/feed/atom/index.atom"]),
        ("/news/?page=0", "text/html; charset=utf-8", []),
        ("/news/?page=2&year=2024", "text/html; charset=utf-8", []),
        ("/news/?year=2024", "text/html; charset=utf-8", []),
        ("/news/feed/rss/?page=2", "application/rss+xml; charset=utf-8", []),
        ("/observatory/api/v1/incidents/", "application/json", []),
        ("/sitemap.xml", "application/xml", []),
    ],
)
def test_an_answer_is_written_under_the_name_nginx_looks_for(rf, page_cache, address, content_type, expected):
    generation = "a" * 32
    files.switch_to(generation)
    files.write(rf.get(address), generation, entry(content_type))
    assert written(page_cache, generation) == expected


def test_only_html_gets_the_nginx_nonce(rf, page_cache):
    generation = "b" * 32
    files.switch_to(generation)
    headers = [("Content-Security-Policy", "script-src 'nonce-abc'")]
    html = entry("text/html", b'<script nonce="abc">')
    html["headers"] += headers
    feed = entry("application/rss+xml", b'nonce="abc"')
    feed["headers"] += headers
    files.write(rf.get("/"), generation, html)
    files.write(rf.get("/news/feed/rss/"), generation, feed)
    directory = page_cache / generation / "testserver"
    assert files.NGINX_NONCE in (directory / "index.html").read_bytes()
    assert (directory / "news" / "feed" / "rss" / "index.rss").read_bytes() == b'nonce="abc"'
