"""No sensitive value reaches any public output: every public page and export is rendered and
searched for the real name, the aliases, the exact day and the exact coordinates."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from wagtail.models import Page

from chasqui.observatory import services
from chasqui.observatory.models import ActorPage, IncidentPage

from .conftest import SECRET_NAME

pytestmark = pytest.mark.django_db

SECRETS = [
    SECRET_NAME,
    "Quispetupa",
    "quispetupa",
    "Zaca",  # an alias
    "2024-03-14",
    "14 March",
    "14 de marzo",
    "13.27",  # the exact latitude, to any precision past the grid
    "70.45",
    "70.46",
    "radio.example",  # the sensitive incident's source names the person
]


def public_addresses(world):
    incident, leader = world["incident"], world["leader"]
    return [
        "/",
        "/observatory/",
        "/observatory/?region=puno",
        f"/observatory/?actor={leader.slug}",
        "/observatory/?year=2024&month=3",
        incident.url,
        leader.url,
        world["company"].url,
        "/observatory/map/",
        "/observatory/data/",
        "/observatory/figures/",
        "/observatory/export/csv/",
        "/observatory/export/json/",
        "/observatory/export/geojson/",
        f"/observatory/export/csv/?actor={leader.slug}",
        world["news_item"].url,
        "/observatory/feed/rss/",
        "/observatory/feed/atom/?region=madre-de-dios",
        "/sitemap.xml",
        "/search/?q=leader",
    ]


def test_no_sensitive_value_reaches_any_public_page_or_export(client, sensitive_world):
    for address in public_addresses(sensitive_world):
        response = client.get(address)
        assert response.status_code == 200, address
        content = response.content.decode()
        for secret in SECRETS:
            assert secret not in content, (address, secret)


def test_searching_the_site_for_the_real_name_finds_nothing(client, sensitive_world):
    content = client.get("/search/?q=Quispetupa").content.decode()
    assert sensitive_world["leader"].url not in content
    assert sensitive_world["incident"].url not in content


def test_public_outputs_show_the_description_month_and_grid_instead(client, sensitive_world):
    incident_html = client.get(sensitive_world["incident"].url).content.decode()
    assert "A community leader" in incident_html
    assert "March 2024" in incident_html
    assert "-13.3, -70.5 (approximate)" in incident_html

    data = client.get("/observatory/export/json/").json()["incidents"][0]
    assert data["date"] == "2024-03-01"
    assert data["date_precision"] == "month"
    assert (data["latitude"], data["longitude"]) == (-13.3, -70.5)
    leader = {"name": "A community leader", "type": "person", "role": "victim"}
    assert [actor for actor in data["actors"] if leader.items() <= actor.items()]


def test_the_search_index_holds_only_public_values(sensitive_world):
    assert not ActorPage.objects.search("Quispetupa")
    assert not IncidentPage.objects.search("Quispetupa")
    assert not Page.objects.search("Zaca")
    assert list(ActorPage.objects.search("community leader")) == [sensitive_world["leader"].page_ptr.specific]


def test_the_real_name_must_stay_out_of_public_fields(incident_index):
    with pytest.raises(ValidationError):
        services.add_actor(
            incident_index, f"Leader {SECRET_NAME}", "person", is_sensitive=True, real_name=SECRET_NAME
        )
    with pytest.raises(ValidationError):
        services.add_actor(incident_index, "A leader", "person", is_sensitive=True, real_name="")


def edit_form(client, page):
    return client.get(f"/admin/pages/{page.pk}/edit/").content.decode()


def test_only_editors_with_the_permission_see_the_real_name_in_the_admin(
    client, sensitive_world, django_user_model
):
    editors = Group.objects.get(name="Editor")
    plain = django_user_model.objects.create_user("plain", "plain@example.org", "x")
    plain.groups.add(editors)
    trusted = django_user_model.objects.create_user("trusted", "trusted@example.org", "x")
    trusted.groups.add(editors)
    trusted.user_permissions.add(Permission.objects.get(codename="view_sensitive_data"))

    client.force_login(plain)
    assert SECRET_NAME not in edit_form(client, sensitive_world["leader"])
    client.force_login(trusted)
    assert SECRET_NAME in edit_form(client, sensitive_world["leader"])
