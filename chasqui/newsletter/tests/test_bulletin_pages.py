"""The public archive, each bulletin's page and the feeds."""

import pytest
from django.utils import timezone

from chasqui.demo.bulletins import create_demo_bulletins
from chasqui.newsletter.choices import BulletinStatus
from chasqui.newsletter.models import Bulletin, BulletinItem

pytestmark = pytest.mark.django_db


def make_sent(number, language="en", items=(), introduction=""):
    bulletin = Bulletin.objects.create(
        number=number,
        language=language,
        status=BulletinStatus.SENT,
        sent_at=timezone.now() - timezone.timedelta(days=200 - number),
        introduction=introduction,
    )
    for position, item in enumerate(items):
        BulletinItem.objects.create(bulletin=bulletin, news_item=item, sort_order=position)
    return bulletin


def test_archive_lists_sent_bulletins_newest_first(client, site_settings):
    make_sent(118)
    make_sent(119)
    Bulletin.objects.create(number=120)  # a draft is not public

    response = client.get("/bulletins/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Update 119" in html
    assert "Update 118" in html
    assert html.index("Update 119") < html.index("Update 118")
    assert "Update 120" not in html
    assert 'href="/bulletins/119/"' in html


def test_archive_is_per_language(client, site_settings):
    make_sent(5, language="en")
    make_sent(7, language="es")

    assert "Update 7" not in client.get("/bulletins/").content.decode()
    spanish = client.get("/es/bulletins/").content.decode()
    assert 'href="/es/bulletins/7/"' in spanish
    assert "/es/bulletins/5/" not in spanish


def test_archive_paginates_and_rejects_missing_pages(client, site_settings, settings):
    for number in range(1, 26):
        make_sent(number)

    first = client.get("/bulletins/").content.decode()
    second = client.get("/bulletins/?page=2").content.decode()

    assert "Update 25" in first
    assert "Update 6<" in first
    assert "Update 5<" not in first
    assert "Update 5<" in second
    assert 'rel="prev"' in second
    assert client.get("/bulletins/?page=9").status_code == 404


def test_archive_query_count_does_not_grow(client, site_settings, django_assert_max_num_queries):
    for number in range(1, 4):
        make_sent(number)
    with django_assert_max_num_queries(30) as few:
        client.get("/bulletins/")
    for number in range(4, 20):
        make_sent(number)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/bulletins/")


def test_archive_shows_each_issue_headlines_in_order(client, site_settings, news_index, add_item):
    first = add_item(news_index, "Mine spill in Cajamarca")
    second = add_item(news_index, "Protest in Puno")
    make_sent(42, items=[second, first])
    make_sent(43, items=[first])

    html = client.get("/bulletins/").content.decode()

    issue_42 = html[html.index("Update 42") :]
    assert issue_42.index("Protest in Puno") < issue_42.index("Mine spill in Cajamarca")
    issue_43 = html[html.index("Update 43") : html.index("Update 42")]
    assert "Mine spill in Cajamarca" in issue_43
    assert "Protest in Puno" not in issue_43


def test_archive_headlines_cost_the_same_queries_for_more_issues(
    client, site_settings, news_index, add_item, django_assert_max_num_queries
):
    item = add_item(news_index, "Mine spill in Cajamarca")
    make_sent(1, items=[item])
    with django_assert_max_num_queries(30) as few:
        client.get("/bulletins/")
    for number in range(2, 12):
        make_sent(number, items=[item])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/bulletins/")


def test_bulletin_page_shows_items_in_order_with_links(client, site_settings, news_index, add_item):
    first = add_item(news_index, "Mine spill in Cajamarca")
    second = add_item(news_index, "Protest in Puno")
    make_sent(
        42, items=[second, first], introduction="<p>Two stories <script>alert(1)</script>this week.</p>"
    )

    response = client.get("/bulletins/42/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Update 42</h1>" in html
    assert html.index("Protest in Puno") < html.index("Mine spill in Cajamarca")
    assert 'href="/news/protest-in-puno/"' in html
    assert "Two stories" in html
    assert "<script>alert" not in html


def test_draft_or_unknown_bulletin_is_not_found(client, site_settings):
    Bulletin.objects.create(number=3)
    assert client.get("/bulletins/3/").status_code == 404
    assert client.get("/bulletins/99/").status_code == 404


def test_feeds_list_sent_bulletins(client, site_settings):
    make_sent(10, introduction="<p>Tenth issue.</p>")
    Bulletin.objects.create(number=11)

    rss = client.get("/bulletins/feed/")
    atom = client.get("/bulletins/feed/atom/")

    assert rss.status_code == 200
    assert rss["Content-Type"].startswith("application/rss+xml")
    body = rss.content.decode()
    assert "<title>Update 10</title>" in body
    assert "/bulletins/10/" in body
    assert "Update 11" not in body
    assert "Peru Watch Trust" in body
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "Update 10" in atom.content.decode()


def test_demo_bulletins_are_public_and_numbered(client, site_settings, news_index, add_item):
    for n in range(7):
        add_item(news_index, f"Demo story {n}", f"2026-11-{10 + n:02d}")

    created = create_demo_bulletins()

    assert [bulletin.number for bulletin in created] == [2, 1]
    assert create_demo_bulletins() == []
    html = client.get("/bulletins/2/").content.decode()
    assert "Demo story 6" in html
    assert "Demo story 2" in html
    assert "Demo story 1" not in html
    assert "Update 1" in client.get("/bulletins/").content.decode()
