"""The route memory serves what the tree walk would, with fewer queries, and never a stale page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from chasqui.pages.models import StandardPage


def publish_page(parent, title, slug):
    page = parent.add_child(instance=StandardPage(title=title, slug=slug, intro="Background."))
    page.save_revision().publish()
    return page


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    return response, len(context.captured_queries)


def test_second_request_routes_with_fewer_queries(client, site_tree):
    publish_page(site_tree["en"], "Aims", "aims")

    first, cold = count_queries(client, "/aims/")
    second, warm = count_queries(client, "/aims/")

    assert first.status_code == second.status_code == 200
    assert b"Aims" in second.content
    assert warm < cold


def test_unpublished_page_is_not_served_from_memory(client, site_tree):
    page = publish_page(site_tree["en"], "Aims", "aims")
    assert client.get("/aims/").status_code == 200

    page.unpublish()

    assert client.get("/aims/").status_code == 404


def test_slug_change_moves_the_page_and_frees_the_old_url(client, site_tree):
    page = publish_page(site_tree["en"], "Aims", "aims")
    assert client.get("/aims/").status_code == 200

    page.slug = "our-aims"
    page.save_revision().publish()

    assert client.get("/aims/").status_code == 404
    assert client.get("/our-aims/").status_code == 200


def test_spanish_and_english_urls_are_remembered_apart(client, site_tree):
    publish_page(site_tree["en"], "Aims", "aims")
    publish_page(site_tree["es"], "Objetivos", "objetivos")

    assert client.get("/aims/").status_code == 200
    assert client.get("/es/objetivos/").status_code == 200
    assert b"Objetivos" in client.get("/es/objetivos/").content
    assert client.get("/es/aims/").status_code == 404


def test_routable_index_keeps_its_own_routes_when_remembered(client, site_tree):
    for _ in range(2):
        archive = client.get("/news/")
        feed = client.get("/news/feed/rss/")

    assert archive.status_code == 200
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/rss+xml")
