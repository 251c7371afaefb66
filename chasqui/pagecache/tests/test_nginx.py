"""deploy/nginx/pagecache.conf with a real nginx: a cached page is served from its file, with a nonce
of its own; whatever may be a visitor's own page goes to the application; a publish removes the file."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .servers import ROOT, Server, free_port, get, run_python, wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SNIPPET = ROOT / "deploy" / "nginx" / "pagecache.conf"
NONCE = re.compile(r"'nonce-([^']+)'")
PUBLISH = """
from chasqui.news.models import NewsIndexPage
index = NewsIndexPage.objects.filter(locale__language_code="en").get()
index.title = "Latest reports"
index.save_revision().publish()
"""


def nginx_config(directory, port, app):
    user = "user root root;" if os.geteuid() == 0 else ""
    return f"""{user}
daemon off;
worker_processes 1;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {directory}/body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    server {{
        listen 127.0.0.1:{port};
        server_name 127.0.0.1;
        set $chasqui_page_cache {directory.parent}/var/pagecache/current;
        location @chasqui {{
            proxy_pass {app.url};
            proxy_set_header Host $host;
        }}
        include {SNIPPET};
    }}
}}
"""


@pytest.fixture(scope="module")
def nginx(real_site):
    if not Path(NGINX).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is missing (apt-get install nginx)")
        pytest.skip("nginx is not installed")
    directory, env = real_site
    app = Server(env, directory / "nginx-app.log")
    root = directory / "nginx"
    root.mkdir(exist_ok=True)
    port = free_port()
    (root / "nginx.conf").write_text(nginx_config(root, port, app))
    process = subprocess.Popen(
        [NGINX, "-p", str(root), "-c", str(root / "nginx.conf")], stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    wait_for(url + "/robots.txt", process, root / "error.log")
    yield env, app, url
    process.terminate()
    process.wait(timeout=10)
    app.stop()


def served_by(url, path, **kwargs):
    status, headers, body = get(url + path, **kwargs)
    return status, headers.get("X-Page-Cache"), headers, body.decode()


def test_a_cached_page_is_served_from_its_file_with_a_nonce_of_its_own(nginx):
    _env, app, url = nginx
    served_by(url, "/news/")
    status, source, headers, body = served_by(url, "/news/")
    assert (status, source) == (200, "nginx")
    nonce = NONCE.search(headers["Content-Security-Policy"]).group(1)
    assert f'nonce="{nonce}"' in body
    assert "<!--#" not in body
    again = served_by(url, "/news/")[2]
    assert NONCE.search(again["Content-Security-Policy"]).group(1) != nonce

    from_app = get(app.url + "/news/")[1]
    for name in ("Content-Security-Policy", "Permissions-Policy", "Referrer-Policy", "X-Frame-Options"):
        assert NONCE.sub("", headers[name]) == NONCE.sub("", from_app[name]), name


def test_a_conditional_request_to_nginx_answers_304(nginx):
    _env, _app, url = nginx
    served_by(url, "/")
    headers = served_by(url, "/")[2]
    assert get(url + "/", headers={"If-Modified-Since": headers["Last-Modified"]})[0] == 304


@pytest.mark.parametrize(
    ("path", "cookies"),
    [
        ("/news/", {"sessionid": "abc"}),
        ("/news/", {"csrftoken": "abc"}),
        ("/news/?year=2026", None),
        ("/news/?page=1&year=2026", None),
        ("/news/?page=01", None),
    ],
    ids=["session", "csrf", "query-string", "page-and-more", "odd-page-number"],
)
def test_a_visitor_of_their_own_or_a_query_string_goes_to_the_application(nginx, path, cookies):
    _env, _app, url = nginx
    served_by(url, "/news/")
    served_by(url, "/news/?page=1")
    served_by(url, path, cookies=cookies)
    assert served_by(url, path, cookies=cookies)[1] != "nginx"


def test_a_listing_page_number_is_served_from_a_file_of_its_own(nginx):
    _env, app, url = nginx
    assert served_by(url, "/news/?page=1")[0] == 200
    status, source, _headers, body = served_by(url, "/news/?page=1")
    assert (status, source) == (200, "nginx")
    assert 'nonce="' in body
    assert "<!--#" not in body
    # The first page at its plain address is a file of its own too, not the numbered one.
    assert served_by(url, "/news/")[0] == 200
    assert served_by(url, "/news/")[1] == "nginx"


@pytest.mark.parametrize(
    ("kind", "content_type"), [("rss", "application/rss+xml"), ("atom", "application/atom+xml")]
)
def test_a_feed_is_served_from_its_file_with_its_own_type(nginx, kind, content_type):
    _env, app, url = nginx
    path = f"/news/feed/{kind}/"
    assert served_by(url, path)[0] == 200
    status, source, headers, body = served_by(url, path)
    assert (status, source) == (200, "nginx")
    assert headers["Content-Type"] == f"{content_type}; charset=utf-8"
    assert body == get(app.url + path)[2].decode()
    assert "<!--#" not in body
    assert get(url + path, headers={"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    # A feed has no numbered pages: a page number goes to the application.
    assert served_by(url, path + "?page=2")[1] != "nginx"


def test_after_a_publish_the_file_is_gone_and_the_page_fresh(nginx):
    env, _app, url = nginx
    served_by(url, "/news/")
    assert served_by(url, "/news/")[1] == "nginx"
    run_python(env, PUBLISH)
    status, source, _headers, body = served_by(url, "/news/")
    assert source == "miss"
    assert "Latest reports" in body
