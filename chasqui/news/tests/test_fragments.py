"""Cached fragments of the news pages (core.fragments): fewer queries, never stale, nobody's secrets."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from chasqui.core.fragments import fragment_vary
from chasqui.news.models import NewsSource, RelatedNewsItem

pytestmark = pytest.mark.django_db

NONCE = re.compile(r"'nonce-([^']+)'")


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, [query["sql"] for query in captured]


@pytest.fixture
def item(news_index, add_item, topics):
    page = add_item(news_index, "River dispute", "2026-11-02", topics=[topics["mining"]])
    NewsSource.objects.create(page=page, title="Radio report", url="https://example.org/r")
    return page


def test_pages_served_from_fragments_cost_fewer_queries(client, item, news_index):
    urls = ["/", "/news/", item.url, "/news/topic/mining/", "/news/topic/mining/feed/rss/"]
    for url in urls:
        _response, cold = queries_of(client, url)
        _response, warm = queries_of(client, url)
        assert len(warm) < len(cold), url
    _response, warm = queries_of(client, item.url)
    assert not [sql for sql in warm if "news_topic" in sql or "news_newssource" in sql]
    assert len(warm) <= 4


@pytest.mark.parametrize("language", ["en", "es"])
def test_an_item_shows_its_new_revision_on_the_next_request(
    client, news_index, spanish_news_index, add_item, language, django_capture_on_commit_callbacks
):
    index = news_index if language == "en" else spanish_news_index
    page = add_item(
        index, "Old headline", "2026-11-02", body=[{"type": "paragraph", "value": "<p>Old body.</p>"}]
    )
    url, listing = page.url, index.url
    for address in (url, listing, "/" if language == "en" else "/es/"):
        assert "Old headline" in client.get(address).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        page.title = "New headline"
        page.body = [{"type": "paragraph", "value": "<p>New body.</p>"}]
        page.save_revision().publish()

    html = client.get(url).content.decode()
    assert "New headline" in html
    assert "New body." in html
    assert "Old body." not in html
    for address in (listing, "/" if language == "en" else "/es/"):
        html = client.get(address).content.decode()
        assert ">New headline</a>" in html
        assert ">Old headline</a>" not in html


def test_renaming_a_topic_shows_everywhere_at_once(client, item, topics, django_capture_on_commit_callbacks):
    for address in (item.url, "/news/", "/es/noticias/"):
        client.get(address)

    with django_capture_on_commit_callbacks(execute=True):
        topics["mining"].name = "Open-pit mining"
        topics["mining"].save()

    assert "Open-pit mining" in client.get(item.url).content.decode()
    assert "Open-pit mining" in client.get("/news/").content.decode()


def test_unpublishing_or_moving_an_item_takes_it_off_other_pages(
    client, news_index, spanish_news_index, add_item, django_capture_on_commit_callbacks
):
    shown = add_item(news_index, "Main story", "2026-11-03")
    gone = add_item(news_index, "Withdrawn story", "2026-11-02")
    moved = add_item(news_index, "Moved story", "2026-11-01")
    RelatedNewsItem.objects.create(page=shown, related=gone)
    for address in (shown.url, "/news/", "/"):
        html = client.get(address).content.decode()
        assert "Withdrawn story" in html
    assert "Moved story" in client.get("/news/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        gone.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        moved.move(spanish_news_index, pos="last-child")

    for address in (shown.url, "/news/", "/"):
        assert "Withdrawn story" not in client.get(address).content.decode(), address
    assert "Moved story" not in client.get("/news/").content.decode()
    assert "Moved story" in client.get("/es/noticias/").content.decode()


def test_previews_neither_read_nor_fill_the_fragments(rf, site_tree):
    request = rf.get("/news/")
    request.chasqui_fragment_generation = "g1"
    assert fragment_vary(request, "en").timeout > 0
    request.is_preview = True
    first, second = fragment_vary(request, "en"), fragment_vary(request, "en")
    assert first.timeout == 0
    assert str(first) != str(second)  # a key nothing was ever stored under


def test_no_visitor_gets_another_ones_nonce_or_an_editors_page(client, admin_user, item):
    first = client.get(item.url)
    second = Client().get(item.url)
    nonces = []
    for response in (first, second):
        (nonce,) = set(NONCE.findall(response["Content-Security-Policy"]))
        html = response.content.decode()
        assert set(re.findall(r'nonce="([^"]+)"', html)) == {nonce}
        nonces.append(nonce)
    assert nonces[0] != nonces[1]

    editor = Client()
    editor.force_login(admin_user)
    editor_html = editor.get(item.url).content.decode()
    assert "River dispute" in editor_html
    visitor_html = Client().get(item.url).content.decode()
    assert admin_user.get_username() not in visitor_html
    assert "csrfmiddlewaretoken" not in visitor_html
    assert "wagtail-userbar" not in visitor_html


def test_without_restrictions_wagtail_asks_nothing_about_them(client, item):
    client.get(item.url)
    _response, warm = queries_of(client, item.url)
    assert not [sql for sql in warm if "wagtailcore_pageviewrestriction" in sql]
    assert not [sql for sql in warm if '"alias_of_id" FROM' in sql]


def test_a_restricted_item_stays_protected_and_unlisted(client, item, django_capture_on_commit_callbacks):
    assert "River dispute" in client.get(item.url).content.decode()  # fragments filled, flag "none"
    assert "River dispute" in client.get("/news/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=item, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )

    response = client.get(item.url)
    assert "Radio report" not in response.content.decode()
    assert 'name="password"' in response.content.decode()
    assert "River dispute" not in client.get("/news/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert "Radio report" in client.get(item.url).content.decode()


def test_a_login_restriction_on_the_index_protects_every_item(client, item, news_index):
    client.get(item.url)
    PageViewRestriction.objects.create(page=news_index, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(item.url)
    assert response.status_code == 302
    assert "River dispute" not in client.get("/").content.decode()
