"""Sensitive values in the admin: the edit form, revision comparison, history, revision view and
preview show them only to editors with the sensitive-data permission, and saving without them keeps
what is stored."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html

from chasqui.observatory.models import ActorPage, IncidentPage, IncidentSource

from .conftest import SECRET_NAME

pytestmark = pytest.mark.django_db

EXACT = ["2024-03-14", "14 March", "March 14", "13.273", "70.456", "-13.11111", "Quispetupa", "Zaca"]
# The sensitive incident's source: its title, its address (which names the person) and a later title.
SOURCE = ["Radio report", "radio.example", "quispetupa", "Uchumayo"]


def user(django_user_model, username, trusted=False):
    person = django_user_model.objects.create_user(username, f"{username}@example.org", "x")
    person.groups.add(Group.objects.get(name="Editor"))
    if trusted:
        person.user_permissions.add(Permission.objects.get(codename="view_sensitive_data"))
    return person


@pytest.fixture
def plain(client, django_user_model):
    client.force_login(user(django_user_model, "plain"))
    return client


@pytest.fixture
def trusted(client, django_user_model):
    client.force_login(user(django_user_model, "trusted", trusted=True))
    return client


def text_of(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


def assert_hidden(html, where):
    for secret in EXACT + SOURCE:
        assert secret not in html, (where, secret)


@pytest.fixture
def edited_world(sensitive_world):
    """A second published revision of the incident and the actor, changing the sensitive values."""
    incident = IncidentPage.objects.get(pk=sensitive_world["incident"].pk)
    incident.date_start = datetime.date(2024, 3, 20)
    incident.latitude = Decimal("-13.11111")
    incident.save_revision().publish()
    source = incident.sources.get()
    source.title = "Radio Uchumayo bulletin"
    incident.sources = [source]
    incident.save_revision().publish()
    leader = ActorPage.objects.get(pk=sensitive_world["leader"].pk)
    leader.real_name = f"{SECRET_NAME} Mamani"
    leader.other_names = "Don Zaca\nZaqui"
    leader.save_revision().publish()
    return sensitive_world


def test_an_editor_without_the_permission_sees_only_the_public_values(plain, sensitive_world):
    html = text_of(plain, f"/admin/pages/{sensitive_world['incident'].pk}/edit/")

    assert_hidden(html, "incident edit form")
    assert "March 2024" in html
    assert "~ -13.3" in html
    assert "~ -70.5" in html
    assert "1 source is withheld: you need the sensitive data permission to see or change it." in html
    assert 'name="date_precision"' not in html  # "known to the day" would tell there is an exact day
    assert "known to the" not in html
    assert "Publicly, the date is shown to the month" in html  # the flag's own help, not "the public value"
    assert 'name="sources-TOTAL_FORMS"' not in html
    assert_hidden(text_of(plain, f"/admin/pages/{sensitive_world['leader'].pk}/edit/"), "actor edit form")


def test_an_editor_with_the_permission_sees_and_edits_the_exact_values(trusted, sensitive_world):
    html = text_of(trusted, f"/admin/pages/{sensitive_world['incident'].pk}/edit/")

    assert 'value="2024-03-14"' in html
    assert 'value="-13.27345"' in html
    assert 'value="Radio report"' in html
    assert 'name="date_precision"' in html
    assert 'value="https://radio.example/zacarias-quispetupa"' in html
    assert "source is withheld" not in html
    assert "Don Zaca" in text_of(trusted, f"/admin/pages/{sensitive_world['leader'].pk}/edit/")


def stored_sources(incident):
    return list(IncidentSource.objects.filter(page=incident).values_list("pk", "title", "url"))


def assert_sources_kept(incident, before):
    """The same rows in the database (none deleted, added or changed) and in the live revision."""
    assert stored_sources(incident) == before
    revision_sources = incident.live_revision.as_object().sources.all()
    assert [(s.pk, s.title, s.url) for s in revision_sources] == before


def test_saving_without_the_permission_keeps_the_stored_exact_values(plain, sensitive_world):
    incident = sensitive_world["incident"]
    sources_before = stored_sources(incident)
    assert len(sources_before) == 1
    address = f"/admin/pages/{incident.pk}/edit/"
    data = querydict_from_html(text_of(plain, address), form_id="page-edit-form")
    data["title"] = "Threats against a river defender, again"
    # A hand-made request cannot change them either.
    data.update({"date_start": "2025-01-01", "latitude": "-5.0", "date_precision": "month"})
    data.update({"longitude": "-75.0", "action-publish": "1"})
    data.pop("is_sensitive", None)

    response = plain.post(address, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    saved = IncidentPage.objects.get(pk=incident.pk)
    assert saved.title == "Threats against a river defender, again"
    assert (saved.date_start, saved.date_precision) == (datetime.date(2024, 3, 14), "day")
    assert (saved.latitude, saved.longitude) == (Decimal("-13.27345"), Decimal("-70.45678"))
    assert saved.is_sensitive
    assert saved.live_revision.as_object().date_start == datetime.date(2024, 3, 14)
    assert saved.actor_links.count() == 2
    assert_sources_kept(saved, sources_before)


def test_sources_posted_without_the_permission_change_nothing(plain, sensitive_world):
    """A hand-made request cannot add, change or delete a withheld source either."""
    incident = sensitive_world["incident"]
    before = stored_sources(incident)
    revisions = incident.revisions.count()
    address = f"/admin/pages/{incident.pk}/edit/"
    data = querydict_from_html(text_of(plain, address), form_id="page-edit-form")
    rows = [
        {"id": before[0][0], "title": "Changed", "url": "", "language": "es", "DELETE": "1"},
        {"title": "Added by hand", "url": "https://radio.example/added", "language": "es"},
    ]
    data.update(nested_form_data({"sources": inline_formset(rows, initial=1)}))
    data["action-publish"] = "1"

    response = plain.post(address, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    saved = IncidentPage.objects.get(pk=incident.pk)
    assert_sources_kept(saved, before)
    assert saved.revisions.count() == revisions + 1


def test_an_editor_with_the_permission_edits_the_sources(trusted, sensitive_world):
    incident = sensitive_world["incident"]
    ((source_id, _, url),) = stored_sources(incident)
    address = f"/admin/pages/{incident.pk}/edit/"
    data = querydict_from_html(text_of(trusted, address), form_id="page-edit-form")
    assert data["sources-0-id"] == str(source_id)
    data["is_sensitive"] = "on"  # as a browser sends the ticked box (the helper sends it empty)
    data["sources-0-title"] = "Radio report, corrected"
    data["action-publish"] = "1"

    response = trusted.post(address, data)
    assert response.status_code == 302, response.context["form"].errors
    assert stored_sources(incident) == [(source_id, "Radio report, corrected", url)]


def test_saving_an_actor_without_the_permission_keeps_its_name_aliases_and_flag(plain, sensitive_world):
    leader = sensitive_world["leader"]
    address = f"/admin/pages/{leader.pk}/edit/"
    data = querydict_from_html(text_of(plain, address), form_id="page-edit-form")
    data.update({"description": "Leads the river committee.", "other_names": "", "action-publish": "1"})
    data.pop("is_sensitive", None)

    assert plain.post(address, data).status_code == 302
    saved = ActorPage.objects.get(pk=leader.pk)
    assert saved.description == "Leads the river committee."
    assert (saved.real_name, saved.other_names, saved.is_sensitive) == (SECRET_NAME, "Don Zaca", True)


def admin_views(world):
    incident, leader = world["incident"], world["leader"]
    views = []
    for page in (incident, leader):
        first, last = page.revisions.order_by("created_at", "id")[:: page.revisions.count() - 1]
        views += [
            f"/admin/pages/{page.pk}/revisions/compare/earliest...latest/",
            f"/admin/pages/{page.pk}/revisions/compare/{first.pk}...live/",
            f"/admin/pages/{page.pk}/history/",
            f"/admin/pages/{page.pk}/revisions/{first.pk}/view/",
            f"/admin/pages/{page.pk}/revisions/{last.pk}/view/",
        ]
    return views


def test_comparison_history_and_revisions_hide_the_exact_values_without_the_permission(plain, edited_world):
    for address in admin_views(edited_world):
        assert_hidden(text_of(plain, address), address)


def test_the_comparison_shows_them_with_the_permission(trusted, edited_world):
    incident, leader = edited_world["incident"], edited_world["leader"]
    incident_diff = text_of(trusted, f"/admin/pages/{incident.pk}/revisions/compare/earliest...latest/")
    assert "13.11111" in incident_diff
    assert "13.27345" in incident_diff
    assert "Uchumayo" in incident_diff
    actor_diff = text_of(trusted, f"/admin/pages/{leader.pk}/revisions/compare/earliest...latest/")
    assert "Mamani" in actor_diff
    assert "Zaqui" in actor_diff


def test_the_preview_shows_only_public_values(plain, sensitive_world):
    for page in (sensitive_world["incident"], sensitive_world["leader"]):
        edit = f"/admin/pages/{page.pk}/edit/"
        data = querydict_from_html(text_of(plain, edit), form_id="page-edit-form")
        assert plain.post(f"{edit}preview/", data).json()["is_valid"]
        assert_hidden(text_of(plain, f"{edit}preview/"), f"preview of {page.title}")


CHOOSER = "/admin/sensitive_actor_chooser/"


def test_the_chooser_lists_sensitive_actors_by_their_descriptions_only(plain, sensitive_world):
    response = plain.get(CHOOSER)
    html = response.json()["html"]

    assert "A community leader" in html
    assert "Minera Sur SAC" not in html
    assert_hidden(html, "chooser")
    assert "Record a sensitive actor" not in html
    assert plain.get(f"{CHOOSER}chosen/{sensitive_world['company'].pk}/").status_code == 404
    chosen = plain.get(f"{CHOOSER}chosen/{sensitive_world['leader'].pk}/").json()
    assert chosen["result"]["title"] == "A community leader"


def test_only_editors_with_the_permission_record_a_sensitive_actor_there(
    client, django_user_model, sensitive_world, incident_index
):
    new_actor = {"title": "A river guard", "real_name": "Juana Ccori", "actor_type": "person"}
    client.force_login(user(django_user_model, "plain"))
    denied = client.post(f"{CHOOSER}create/", {**new_actor, "index": incident_index.pk})
    assert (denied.status_code, denied.get("Location")) == (302, "/admin/")  # the admin's permission denied
    assert not ActorPage.objects.filter(title="A river guard").exists()

    client.force_login(user(django_user_model, "trusted", trusted=True))
    assert "Record a sensitive actor" in client.get(CHOOSER).json()["html"]
    named = {**new_actor, "title": "Juana Ccori", "index": incident_index.pk}  # the name as its title
    refused = client.post(f"{CHOOSER}create/", named)
    assert refused.json()["step"] == "reshow_creation_form"
    response = client.post(f"{CHOOSER}create/", {**new_actor, "index": incident_index.pk}).json()

    assert response["step"] == "chosen"
    actor = ActorPage.objects.get(pk=response["result"]["id"])
    assert (actor.title, actor.real_name) == ("A river guard", "Juana Ccori")
    assert actor.is_sensitive
    assert actor.live
    assert actor.get_parent().pk == incident_index.pk
