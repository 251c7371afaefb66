"""Each POST to a page's edit view runs alone, so a late autosave cannot undo a publish."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from wagtail import hooks

from chasqui.news.models import NewsIndexPage, NewsItemPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(site_tree):
    news_index = NewsIndexPage.objects.child_of(site_tree["en"]).get()
    page = NewsItemPage(title="Draft story", date=datetime.date(2026, 11, 30), lede="First lede.", live=False)
    news_index.add_child(instance=page)
    page.save_revision()
    return page


def edit_data(client, page, **changes):
    """The edit form as the browser would send it: every field as rendered, then `changes`."""
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    form = BeautifulSoup(html, "html.parser").select_one("form[data-edit-form]")
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        if field.name == "select":
            chosen = field.select("option[selected]")
            data[field["name"]] = [option.get("value", "") for option in chosen]
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(field["name"], []).append(field.get("value", "on"))
        elif field.get("type") not in ("submit", "button", "file"):
            data[field["name"]] = field.text if field.name == "textarea" else field.get("value", "")
    data.setdefault("body-count", "0")  # StreamFields are drawn by script; an empty body is enough
    return {**data, **changes}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishing_runs_in_one_transaction_that_holds_the_page(client, admin_user, draft):
    seen = []
    client.force_login(admin_user)

    def record(request, page):
        seen.append(connection.in_atomic_block)

    with hooks.register_temporarily("before_publish_page", record):
        response = client.post(
            f"/admin/pages/{draft.pk}/edit/",
            edit_data(client, draft, lede="An edited lede.", **{"action-publish": "1"}),
        )

    assert response.status_code == 302, response.content[:500]
    assert seen == [True]
    draft.refresh_from_db()
    assert draft.live
    assert draft.lede == "An edited lede."


def test_an_autosave_that_read_the_draft_before_a_publish_is_refused(client, admin_user, draft):
    client.force_login(admin_user)
    stale = edit_data(client, draft, lede="Words typed before Publish was pressed.")
    client.post(
        f"/admin/pages/{draft.pk}/edit/",
        edit_data(client, draft, lede="An edited lede.", **{"action-publish": "1"}),
    )

    response = client.post(f"/admin/pages/{draft.pk}/edit/", stale, headers={"accept": "application/json"})

    assert response.status_code == 400
    assert response.json()["error_code"] == "invalid_revision"
    draft.refresh_from_db()
    assert draft.live
    assert draft.live_revision_id == draft.latest_revision_id
    assert draft.lede == "An edited lede."


def test_autosave_still_saves_a_draft(client, admin_user, draft):
    client.force_login(admin_user)

    response = client.post(
        f"/admin/pages/{draft.pk}/edit/",
        edit_data(client, draft, lede="An edited lede."),
        headers={"accept": "application/json"},
    )

    assert response.status_code == 200
    assert response.json()["success"]
    draft.refresh_from_db()
    assert not draft.live
    assert draft.get_latest_revision().as_object().lede == "An edited lede."
