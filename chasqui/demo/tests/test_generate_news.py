from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from chasqui.news.models import NewsIndexPage, NewsItemPage, Topic
from chasqui.news.tests.factories import NewsItemPageFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("generate_news", *args, "--skip-search-index", stdout=out)
    return out.getvalue()


def test_generate_news_creates_live_items_served_under_the_english_index(client, db):
    output = run("--count", "25", "--seed", "3")

    index = NewsIndexPage.objects.get(locale__language_code="en")
    items = NewsItemPage.objects.child_of(index)
    assert "Created 25 news items" in output
    assert items.live().count() == 25
    assert Page.objects.get(pk=index.pk).numchild == 25
    assert all(item.topics.exists() and item.regions.exists() and item.sources.exists() for item in items)
    assert len({item.title for item in items}) > 10
    first = items.first()
    response = client.get(first.url)
    assert response.status_code == 200
    assert first.title in response.content.decode()


def test_generate_news_creates_the_starter_topics_with_spanish_names(db):
    run("--count", "3")

    assert Topic.objects.get(slug="human-rights").name_es == "Derechos humanos"
    assert set(Topic.objects.values_list("slug", flat=True)) == {
        "mining",
        "congress",
        "human-rights",
        "indigenous-peoples",
        "environment",
        "obituaries",
    }


def test_spanish_items_go_under_the_spanish_index(client, db):
    run("--count", "5", "--language", "es", "--seed", "1")

    items = NewsItemPage.objects.published().in_language("es")
    assert items.count() == 5
    assert NewsItemPage.objects.in_language("en").count() == 0
    assert all(item.url.startswith("/es/noticias/") for item in items)
    assert client.get(items.first().url).status_code == 200
    assert len(client.get("/es/noticias/").context["items"]) == 5


def test_tree_stays_valid_for_editors_adding_pages_afterwards(db):
    run("--count", "12")
    index = NewsIndexPage.objects.get(locale__language_code="en")

    added = NewsItemPageFactory(parent=index, title="Added by hand", date="2024-01-01", lede="Lede.")

    assert added.get_parent().pk == index.pk
    assert Page.objects.get(pk=index.pk).numchild == 13
    assert Page.find_problems() == ([], [], [], [], [])
    assert [p.pk for p in NewsItemPage.objects.child_of(index)][-1] == added.pk


def test_count_must_be_positive(db):
    with pytest.raises(CommandError):
        run("--count", "0")
