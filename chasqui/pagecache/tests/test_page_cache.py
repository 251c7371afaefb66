"""Anonymous pages come from the cache after their first render, without a query; visitors who may
see a page of their own never get (or leave) a cached one."""

import gzip

import brotli
import pytest
from django.http import HttpResponse

from chasqui.pagecache import invalidation, policy
from chasqui.search.tests.factories import publish_background, publish_news

pytestmark = pytest.mark.django_db


def fetch_twice(client, url, **headers):
    first = client.get(url, headers=headers)
    return first, client.get(url, headers=headers)


def test_a_page_is_served_from_the_cache_after_its_first_render_without_a_query(
    client, site_tree, page_cache, django_assert_num_queries
):
    first = client.get("/")
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize("kind", ["news", "background"])
def test_every_kind_of_public_page_is_cached(client, site_tree, page_cache, kind, django_assert_num_queries):
    page = (publish_news if kind == "news" else publish_background)(site_tree["en"], "Water in Cajamarca")
    url = page.url
    for address in (url, "/news/", "/es/", "/sitemap.xml", "/robots.txt", "/news/feed/rss/"):
        assert client.get(address).status_code == 200, address
        with django_assert_num_queries(0):
            assert client.get(address)["X-Page-Cache"] == "hit", address


def test_the_cached_page_keeps_the_nonce_of_its_policy(client, site_tree, page_cache):
    item = publish_news(site_tree["en"], "A story with structured data")
    first, second = fetch_twice(client, item.url)
    assert second["X-Page-Cache"] == "hit"
    policy_header = second["Content-Security-Policy"]
    if "'nonce-" in policy_header:
        nonce = policy_header.split("'nonce-")[1].split("'")[0]
        assert f'nonce="{nonce}"' in second.content.decode()
    assert policy_header == first["Content-Security-Policy"]


def test_languages_and_hosts_have_entries_of_their_own(client, site_tree, page_cache):
    english = client.get("/")
    spanish = client.get("/es/")
    assert spanish["X-Page-Cache"] == "miss"
    assert spanish.content != english.content
    other_host = client.get("/", headers={"host": "mirror.example.org"})
    assert other_host["X-Page-Cache"] == "miss"
    assert client.get("/es/")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize(
    "cookie", ["sessionid", "csrftoken", "messages"], ids=["session", "csrf", "messages"]
)
def test_a_visitor_with_a_session_csrf_or_messages_cookie_bypasses_the_cache(
    client, site_tree, page_cache, cookie
):
    fetch_twice(client, "/")
    client.cookies[cookie] = "something"
    response = client.get("/")
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "private"


def test_a_signed_in_editor_never_sees_or_leaves_a_cached_page(
    client, site_tree, page_cache, django_user_model
):
    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(editor)
    assert "X-Page-Cache" not in client.get("/")
    client.logout()
    client.cookies.clear()
    assert client.get("/")["X-Page-Cache"] == "miss"


@pytest.mark.parametrize("url", ["/search/?q=water", "/?utm_source=mail", "/news/?topic=" + "x" * 50])
def test_search_and_made_up_query_strings_go_to_the_application(client, site_tree, page_cache, url):
    client.get(url)
    assert "X-Page-Cache" not in client.get(url)


def test_archive_filters_and_page_numbers_are_cached(client, site_tree, page_cache):
    client.get("/news/?page=1")
    assert client.get("/news/?page=1")["X-Page-Cache"] == "hit"


def test_posts_are_never_answered_from_the_cache(client, site_tree, page_cache):
    fetch_twice(client, "/")
    assert "X-Page-Cache" not in client.post("/")


def test_not_found_is_never_cached(client, site_tree, page_cache):
    for _ in range(2):
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        assert "X-Page-Cache" not in response


def test_a_response_that_sets_a_cookie_or_asks_to_stay_private_is_never_stored():
    with_cookie = HttpResponse("page", content_type="text/html")
    with_cookie.set_cookie("csrftoken", "token")
    private = HttpResponse("page", content_type="text/html", headers={"Cache-Control": "private"})
    never = HttpResponse("page", content_type="text/html", headers={"Cache-Control": "no-store"})
    plain = HttpResponse("page", content_type="text/html")
    assert not any(policy.response_is_storable(response) for response in (with_cookie, private, never))
    assert policy.response_is_storable(plain)


def test_a_page_showing_a_csrf_token_is_not_stored(client, site_tree, page_cache):
    response = client.get("/write-to-us/")
    assert "X-Page-Cache" not in response


def test_a_cached_page_carries_no_cookie(client, site_tree, page_cache):
    first, second = fetch_twice(client, "/")
    assert not first.cookies
    assert not second.cookies
    assert "csrfmiddlewaretoken" not in second.content.decode()


def test_etag_and_last_modified_answer_304(client, site_tree, page_cache, django_assert_num_queries):
    first = client.get("/news/feed/rss/")
    assert first["ETag"]
    assert first["Last-Modified"]
    with django_assert_num_queries(0):
        by_etag = client.get("/news/feed/rss/", headers={"if-none-match": first["ETag"]})
        by_date = client.get("/news/feed/rss/", headers={"if-modified-since": first["Last-Modified"]})
    assert by_etag.status_code == 304
    assert by_date.status_code == 304
    assert by_etag["ETag"] == first["ETag"]
    changed = client.get("/news/feed/rss/", headers={"if-none-match": '"something-else"'})
    assert changed.status_code == 200


def test_a_first_render_answers_304_to_a_current_copy(client, site_tree, page_cache):
    first = client.get("/news/feed/rss/")
    # A new generation makes the next request a miss; rendered again unchanged, the copy is still current.
    invalidation.start_new_generation()
    again = client.get("/news/feed/rss/", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again["X-Page-Cache"] == "miss"


def test_pages_are_compressed_for_browsers_that_accept_it(client, site_tree, page_cache):
    plain = client.get("/").content
    for encoding, decompress in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        for _ in range(2):
            response = client.get("/", headers={"accept-encoding": f"{encoding}, deflate"})
            assert response["Content-Encoding"] == encoding
            assert decompress(response.content) == plain
            assert "Accept-Encoding" in response["Vary"]


def test_cache_control_lets_shared_caches_keep_pages_and_browsers_revalidate(
    client, site_tree, page_cache, settings
):
    settings.CHASQUI_HTTP_S_MAXAGE = 600
    page = client.get("/")
    feed = client.get("/news/feed/atom/")
    assert page["Cache-Control"] == "public, max-age=0, s-maxage=600, stale-while-revalidate=60"
    assert "stale-while-revalidate=600" in feed["Cache-Control"]
    assert "Accept-Language" not in page["Vary"]
    assert "Cookie" not in page["Vary"]


def test_the_cache_is_off_when_switched_off(client, site_tree, page_cache, settings):
    settings.CHASQUI_PAGE_CACHE = False
    fetch_twice(client, "/")
    assert "X-Page-Cache" not in client.get("/")
