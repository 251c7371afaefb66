"""Contributors draft and submit news for review; Editors approve and publish it."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Workflow
from wagtail.test.utils.form_data import querydict_from_html

from chasqui.news.models import NewsIndexPage, NewsItemPage

PASSWORD = "correct-horse-battery-staple"
TITLE = "Regional elections called in Cusco"


def make_user(username, group_name):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def news_index(site_tree):
    return NewsIndexPage.objects.child_of(site_tree["en"]).get()


@pytest.fixture
def contributor(db):
    return make_user("carmen", "Contributor")


@pytest.fixture
def editor(db):
    return make_user("eduardo", "Editor")


@pytest.fixture
def contributor_client(client, contributor):
    response = client.post(reverse("wagtailadmin_login"), {"username": "carmen", "password": PASSWORD})
    assert response.status_code == 302
    return client


def edit_form_data(client, url, **fields):
    """The admin form as the browser would send it, with `fields` typed in."""
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # The body's StreamField inputs are drawn by JavaScript; an empty body sends only its count.
    data.setdefault("body-count", "0")
    for name, value in fields.items():
        data[name] = value
    return data


@pytest.fixture
def draft(contributor_client, news_index):
    """A news item the contributor created and saved as a draft through the admin."""
    add_url = reverse("wagtailadmin_pages:add", args=("news", "newsitempage", news_index.pk))
    data = edit_form_data(
        contributor_client,
        add_url,
        title=TITLE,
        slug="regional-elections-cusco",
        date="2019-04-15",
        lede="Voters in Cusco will choose a new regional governor.",
    )
    response = contributor_client.post(add_url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    return NewsItemPage.objects.get(slug="regional-elections-cusco")


def submit_for_review(client, page):
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = edit_form_data(client, edit_url)
    data["action-submit"] = "action-submit"
    return client.post(edit_url, data)


def test_contributor_can_log_into_the_admin(contributor_client):
    assert contributor_client.get(reverse("wagtailadmin_home")).status_code == 200


def test_contributor_draft_is_saved_but_not_live(draft, contributor):
    assert draft.live is False
    assert draft.owner == contributor
    assert draft.date == datetime.date(2019, 4, 15)


def test_contributor_is_not_offered_publish_and_cannot_publish(draft, contributor, contributor_client):
    assert draft.permissions_for_user(contributor).can_publish() is False
    edit_url = reverse("wagtailadmin_pages:edit", args=(draft.pk,))
    html = contributor_client.get(edit_url).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html

    data = edit_form_data(contributor_client, edit_url)
    data["action-publish"] = "action-publish"
    contributor_client.post(edit_url, data)

    draft.refresh_from_db()
    assert draft.live is False


def test_submitting_a_draft_starts_editorial_review(draft, contributor_client):
    response = submit_for_review(contributor_client, draft)
    assert response.status_code == 302

    state = draft.workflow_states.get()
    assert state.workflow == Workflow.objects.get(name="Editorial review")
    assert state.status == state.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Editor approval"
    draft.refresh_from_db()
    assert draft.live is False


def test_contributor_cannot_approve_own_submission(draft, contributor, contributor_client):
    submit_for_review(contributor_client, draft)
    task_state = draft.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(draft.pk, "approve", task_state.pk))

    assert "approve" not in [name for name, *_ in task_state.task.get_actions(draft, contributor)]

    contributor_client.post(url, {"comment": ""})

    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS
    draft.refresh_from_db()
    assert draft.live is False


def test_editor_approval_publishes_the_submitted_item(draft, contributor_client, editor, client, news_index):
    submit_for_review(contributor_client, draft)
    task_state = draft.current_workflow_task_state
    assert draft.permissions_for_user(editor).can_publish() is True

    client.force_login(editor)
    url = reverse("wagtailadmin_pages:workflow_action", args=(draft.pk, "approve", task_state.pk))
    response = client.post(url, {"comment": ""})
    assert response.status_code == 302

    draft.refresh_from_db()
    assert draft.live is True
    assert draft.workflow_states.get().status == "approved"
    client.logout()
    assert TITLE in client.get(draft.url).content.decode()
    assert TITLE in client.get(news_index.url).content.decode()
