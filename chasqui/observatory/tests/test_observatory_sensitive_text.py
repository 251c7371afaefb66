"""A person at risk named in rich text: marked in the editor, stored as a reference to the sensitive
actor with its public description, and never found again anywhere outside the actor's own record."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from chasqui.core.blocks import RICH_TEXT_FEATURES
from chasqui.news.models import NewsItemPage
from chasqui.newsletter.content import render_bulletin_email
from chasqui.newsletter.models import Bulletin, BulletinItem
from chasqui.search.services import search

from .conftest import SECRET_NAME

pytestmark = pytest.mark.django_db

SURNAME = "Quispetupa"
DESCRIPTION = "A community leader"


def marked(text, actor_id, before="The leader ", after=" was threatened again."):
    """Contentstate as the editor sends it: `text` marked as a sensitive name of actor `actor_id`."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": before + text + after,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": len(before), "length": len(text), "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {
                "0": {"type": "SENSITIVE_NAME", "mutability": "IMMUTABLE", "data": {"id": actor_id}}
            },
        }
    )


def unmarked(text):
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "d3e4f",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                    "data": {},
                }
            ],
            "entityMap": {},
        }
    )


def converter():
    return ContentstateConverter(features=RICH_TEXT_FEATURES)


def test_a_marked_name_is_stored_as_the_actors_reference_and_description(sensitive_world):
    leader = sensitive_world["leader"]
    # The editor typed the real name and marked it: the stored text has the description instead.
    stored = converter().to_database_format(marked(SECRET_NAME, leader.pk))

    assert stored == (
        f'<p data-block-key="a1b2c">The leader <a linktype="sensitive" id="{leader.pk}">{DESCRIPTION}</a>'
        " was threatened again.</p>"
    )


def test_the_editor_round_trips_a_marked_name(sensitive_world):
    leader = sensitive_world["leader"]
    stored = converter().to_database_format(marked(DESCRIPTION, leader.pk))

    contentstate = json.loads(converter().from_database_format(stored))

    entity = contentstate["entityMap"]["0"]
    assert entity == {
        "type": "SENSITIVE_NAME",
        "mutability": "IMMUTABLE",
        "data": {"id": leader.pk, "label": DESCRIPTION},
    }
    assert converter().to_database_format(json.dumps(contentstate)) == stored


def test_a_mark_without_a_sensitive_actor_keeps_no_typed_text(sensitive_world):
    stored = converter().to_database_format(marked(SECRET_NAME, "not-an-id"))

    assert SECRET_NAME not in stored
    assert "[name withheld]" in stored


def editor(django_user_model, username="writer"):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "x")
    user.groups.add(Group.objects.get(name="Editor"))
    return user


def news_form(item, body_contentstate, **overrides):
    data = {
        "title": item.title,
        "slug": item.slug,
        "date": item.date.isoformat(),
        "lede": "A defender was threatened.",
        "body": streamfield([("paragraph", body_contentstate)]),
        "sources": inline_formset([]),
        "related_links": inline_formset([]),
        "comments": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def publish_body(client, item, body_contentstate):
    return client.post(f"/admin/pages/{item.pk}/edit/", news_form(item, body_contentstate))


@pytest.fixture
def marked_item(client, sensitive_world, django_user_model):
    """The news item, its body naming the leader, published from the editor by an editor."""
    item = sensitive_world["news_item"]
    client.force_login(editor(django_user_model))
    response = publish_body(client, item, marked(SECRET_NAME, sensitive_world["leader"].pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    return NewsItemPage.objects.get(pk=item.pk)


def rows_naming(word):
    """(table, row as a dict) of every row of every table with a text value containing `word`."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (the database's own tables)
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                if any(isinstance(value, str) and word.casefold() in value.casefold() for value in row):
                    found.append((table, dict(zip(columns, row, strict=True))))
    return found


def test_the_stored_body_and_every_revision_hold_only_the_description(marked_item, sensitive_world):
    body = json.dumps(list(marked_item.body.raw_data), ensure_ascii=False)
    assert SECRET_NAME not in body
    assert SURNAME not in body
    assert f'linktype=\\"sensitive\\" id=\\"{sensitive_world["leader"].pk}\\">{DESCRIPTION}</a>' in body
    revisions = Revision.page_revisions.filter(object_id=str(marked_item.pk))
    assert revisions.count() >= 2
    for revision in revisions:
        assert SURNAME not in json.dumps(revision.content, ensure_ascii=False)


def test_only_the_sensitive_records_hold_the_name_in_the_whole_database(marked_item, sensitive_world):
    """The actor's real name, and the sensitive incident's source (whose address names the person),
    with their revisions: nothing else, the news item, its revisions and the search tables included."""
    leader, incident = sensitive_world["leader"], sensitive_world["incident"]
    places = {
        ("observatory_actorpage", "page_ptr_id", leader.pk),
        ("observatory_incidentsource", "page_id", incident.pk),
        ("wagtailcore_revision", "object_id", str(leader.pk)),
        ("wagtailcore_revision", "object_id", str(incident.pk)),
    }
    found = rows_naming(SURNAME)
    assert any(table == "observatory_actorpage" for table, _ in found)
    for table, row in found:
        assert any(table == name and row.get(column) == key for name, column, key in places), (table, row)


def test_public_page_feeds_search_and_cache_show_the_description(client, marked_item, sensitive_world):
    html = client.get(marked_item.url).content.decode()
    assert DESCRIPTION in html
    assert f'<a href="{sensitive_world["leader"].url}">{DESCRIPTION}</a>' in html
    for address in [
        marked_item.url,
        "/news/feed/rss/",
        "/news/feed/atom/",
        "/search/?q=leader",
        "/search/?q=threatened",
    ]:
        response = client.get(address)
        assert response.status_code == 200, address
        assert SURNAME not in response.content.decode(), address
    for alias in ("default", "pagecache"):
        for value in getattr(caches[alias], "_cache", {}).values():
            assert SURNAME.encode() not in value, alias


def test_search_finds_the_item_by_the_description_never_by_the_name(marked_item):
    assert not search(SURNAME, language="en").results
    assert marked_item.title in [result.title for result in search("community leader", language="en").results]


def test_a_bulletin_carries_the_description(marked_item, sensitive_world):
    introduction = converter().to_database_format(marked(SECRET_NAME, sensitive_world["leader"].pk))
    bulletin = Bulletin.objects.create(number=7, language="en", introduction=introduction)
    BulletinItem.objects.create(bulletin=bulletin, news_item=marked_item, sort_order=0)

    email = render_bulletin_email(bulletin)

    for part in (email.html, email.text, email.subject, email.preheader):
        assert SURNAME not in part
    assert DESCRIPTION in email.html
    assert DESCRIPTION in email.text


def test_an_unmarked_real_name_or_alias_is_refused_with_the_field_named(
    client, sensitive_world, django_user_model
):
    item = sensitive_world["news_item"]
    client.force_login(editor(django_user_model))
    before = Revision.page_revisions.filter(object_id=str(item.pk)).count()

    for text in (f"Threats against {SECRET_NAME}.", "Don Zaca was threatened."):
        response = publish_body(client, item, unmarked(text))
        assert response.status_code == 200
        content = response.content.decode()
        assert "names a person at risk (A community leader) without marking it" in content
        assert "“body”" in content

    response = client.post(
        f"/admin/pages/{item.pk}/edit/",
        news_form(item, unmarked("Quiet week."), title=f"{SECRET_NAME} threatened", **{"action-publish": ""}),
    )
    assert "“title”" in response.content.decode()
    assert Revision.page_revisions.filter(object_id=str(item.pk)).count() == before
    assert SURNAME not in json.dumps(
        list(NewsItemPage.objects.get(pk=item.pk).body.raw_data), ensure_ascii=False
    )
