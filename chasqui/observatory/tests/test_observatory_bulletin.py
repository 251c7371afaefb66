"""The bulletin's "This week's incidents": drafted with the week's incidents, edited like the news
items, and shown with public values only in the email, its plain text and the web archive."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from chasqui.newsletter.choices import BulletinStatus
from chasqui.newsletter.content import bulletin_context, render_bulletin_email
from chasqui.newsletter.models import Bulletin
from chasqui.newsletter.services import create_next_bulletin
from chasqui.observatory.models import BulletinIncident, IncidentIndexPage

from .test_observatory_sensitive_data import SECRETS

pytestmark = pytest.mark.django_db


def bulletin_url(name, *args):
    return reverse(f"wagtailsnippets_newsletter_bulletin:{name}", args=args)


def sent(bulletin):
    bulletin.status = BulletinStatus.SENT
    bulletin.sent_at = timezone.now()
    bulletin.save()
    return bulletin


def test_a_sensitive_incident_shows_only_public_values_in_every_rendering(client, sensitive_world):
    bulletin = create_next_bulletin("en")
    incident = sensitive_world["incident"]
    assert [row.incident_id for row in bulletin.incident_items.all()] == [incident.pk]

    email = render_bulletin_email(bulletin)
    web = client.get(sent(bulletin).get_url()).content.decode()
    for rendering in (email.html, email.text, web):
        assert "This week&#x27;s incidents" in rendering or "This week's incidents" in rendering
        assert "Threats against a river defender" in rendering
        assert "March 2024" in rendering
        assert "Puno" in rendering
        assert "Killed: unknown" in rendering
        assert f"http://127.0.0.1:8000/observatory/{incident.slug}/" in rendering
        for secret in SECRETS:
            assert secret not in rendering, secret


def test_incidents_show_their_counts_region_and_type(client, add_incident):
    add_incident("Clash at the bridge", killed=2, injured=0, detained=None)
    bulletin = create_next_bulletin("en")

    text = render_bulletin_email(bulletin).text

    assert "* Clash at the bridge" in text
    assert "14 March 2024 · Puno · Clash" in text
    assert "Killed: 2 · Injured: 0 · Detained: unknown" in text


def test_only_this_weeks_incidents_in_the_bulletins_language_are_drafted(add_incident, site_tree):
    spanish_index = IncidentIndexPage.objects.child_of(site_tree["es"]).get()
    add_incident("Recorded before the last bulletin")
    sent(Bulletin.objects.create(number=8))
    used = add_incident("Already in another bulletin")
    BulletinIncident.objects.create(bulletin=Bulletin.objects.create(number=7), incident=used)
    add_incident("Happened long ago, recorded this week", date_start=datetime.date(2019, 5, 2))
    add_incident("Registrado esta semana", index=spanish_index)

    english = create_next_bulletin("en")
    spanish = create_next_bulletin("es")

    assert english.number == 9
    assert [row.incident.title for row in english.incident_items.all()] == [
        "Happened long ago, recorded this week"
    ]
    assert [row.incident.title for row in spanish.incident_items.all()] == ["Registrado esta semana"]


def test_over_the_limit_the_latest_incidents_are_kept_oldest_first(add_incident, settings):
    settings.CHASQUI_BULLETIN_INCIDENTS = 2
    for day in (3, 1, 2):
        add_incident(f"Day {day}", date_start=datetime.date(2024, 5, day))

    rows = create_next_bulletin("en").incident_items.order_by("sort_order")

    assert [row.incident.title for row in rows] == ["Day 2", "Day 3"]


def test_a_spanish_bulletin_shows_the_spanish_words(add_incident, site_tree):
    spanish_index = IncidentIndexPage.objects.child_of(site_tree["es"]).get()
    add_incident("Enfrentamiento en el puente", index=spanish_index, killed=1)

    text = render_bulletin_email(create_next_bulletin("es")).text

    assert "Incidentes de la semana" in text
    assert "14 de marzo de 2024 · Puno" in text
    assert "Muertos: 1" in text
    assert "/es/observatorio/enfrentamiento-en-el-puente/" in text


def test_drafting_and_rendering_cost_the_same_queries_for_1_and_6_incidents(add_incident):
    def measure():
        Bulletin.objects.all().delete()
        with CaptureQueriesContext(connection) as drafting:
            bulletin = create_next_bulletin("en")
        with CaptureQueriesContext(connection) as rendering:
            context = bulletin_context(Bulletin.objects.get(pk=bulletin.pk))
        return len(context["sections"][0].entries), len(drafting), len(rendering)

    add_incident("Incident 0")
    measure()  # fills the per-process caches (content types, locales, the site)
    one, small_drafting, small_rendering = measure()
    for n in range(1, 6):
        add_incident(f"Incident {n}")
    six, large_drafting, large_rendering = measure()

    assert (one, six) == (1, 6)
    assert large_drafting == small_drafting
    assert large_rendering == small_rendering


def form_data(html):
    """The bulletin edit form's values, as the browser would post them."""
    form = BeautifulSoup(html, "html.parser").find(attrs={"name": "number"}).find_parent("form")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.name == "select":
            option = field.find("option", selected=True) or field.find("option")
            data[name] = option.get("value", "") if option else ""
        elif field.name == "textarea":
            data[name] = field.text
        elif field.get("type") not in ("checkbox", "radio") or field.has_attr("checked"):
            data[name] = field.get("value", "")
    return data


def test_the_editor_sees_and_removes_the_drafted_incidents(client, add_incident, django_user_model):
    editor = django_user_model.objects.create_user("edith", "edith@example.org", "x")
    editor.groups.add(Group.objects.get(name="Editor"))
    client.force_login(editor)
    add_incident("Clash at the bridge")
    add_incident("Road blocked at Juliaca")
    bulletin = create_next_bulletin("en")

    edit = client.get(bulletin_url("edit", bulletin.pk)).content.decode()
    assert "This week&#x27;s incidents" in edit
    assert "Clash at the bridge" in edit
    assert "Road blocked at Juliaca" in edit

    data = form_data(edit)
    first = bulletin.incident_items.order_by("sort_order").first()
    row_id = next(
        key
        for key, value in data.items()
        if key.startswith("incident_items-") and key.endswith("-id") and value == str(first.pk)
    )
    data[row_id.replace("-id", "-DELETE")] = "1"
    assert client.post(bulletin_url("preview_on_edit", bulletin.pk), data).json()["is_valid"]
    preview = client.get(bulletin_url("preview_on_edit", bulletin.pk) + "?mode=web").content.decode()
    assert "Road blocked at Juliaca" in preview
    assert "Clash at the bridge" not in preview
    response = client.post(bulletin_url("edit", bulletin.pk), data)

    assert response.status_code == 302
    assert [row.incident.title for row in bulletin.incident_items.all()] == ["Road blocked at Juliaca"]
