"""Never stale across processes: two real servers share the site and its caches; a change made in a
third process is seen by both on their very next request."""

import pytest

from .servers import Server, get, run_python

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PUBLISH = """
from django.utils import timezone
from chasqui.news.models import NewsIndexPage
from chasqui.news.tests.factories import NewsItemPageFactory
index = NewsIndexPage.objects.filter(locale__language_code="en").get()
NewsItemPageFactory(parent=index, title={title!r}, slug={slug!r}, date=timezone.localdate(), publish=True)
"""


@pytest.fixture(scope="module")
def site(real_site):
    directory, env = real_site
    servers = [Server(env, directory / f"server-{n}.log") for n in (1, 2)]
    # A new site's first visit creates what it lacks (a change like any other); start after it.
    for path in ("/", "/news/"):
        get(servers[0].url + path)
    yield env, servers
    for server in servers:
        server.stop()


def cache_status(server, path):
    status, headers, body = get(server.url + path)
    assert status == 200, (path, status)
    return headers["X-Page-Cache"], body.decode()


def test_a_page_cached_by_one_server_is_served_by_the_other(site):
    _env, (first, second) = site
    assert cache_status(first, "/news/")[0] in ("miss", "hit")
    assert cache_status(first, "/news/")[0] == "hit"
    assert cache_status(second, "/news/")[0] == "hit"


def test_a_publish_in_another_process_is_seen_by_both_servers_at_once(site):
    env, (first, second) = site
    for server in (first, second):
        cache_status(server, "/")
        cache_status(server, "/news/")
    assert cache_status(second, "/news/")[0] == "hit"

    run_python(env, PUBLISH.format(title="Road blockade lifted in Puno", slug="road-blockade-lifted"))

    status, body = cache_status(second, "/news/")
    assert status == "miss"
    assert "Road blockade lifted in Puno" in body
    assert "Road blockade lifted in Puno" in cache_status(first, "/news/")[1]
    assert "Road blockade lifted in Puno" in cache_status(first, "/")[1]
    assert cache_status(first, "/news/road-blockade-lifted/")[0] == "miss"
    assert cache_status(second, "/news/road-blockade-lifted/")[0] == "hit"
