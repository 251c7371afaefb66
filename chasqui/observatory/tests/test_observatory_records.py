import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from chasqui.news.models import NewsIndexPage
from chasqui.news.tests.factories import NewsItemPageFactory
from chasqui.observatory import services
from chasqui.observatory.choices import ActorRole, ActorType, DatePrecision, Verification
from chasqui.observatory.models import IncidentIndexPage, IncidentPage

pytestmark = pytest.mark.django_db


def test_every_home_gets_an_incidents_index(site_tree):
    assert IncidentIndexPage.objects.child_of(site_tree["en"]).get().url == "/observatory/"
    spanish = IncidentIndexPage.objects.child_of(site_tree["es"]).get()
    assert spanish.url == "/es/observatorio/"
    assert (
        spanish.translation_key == IncidentIndexPage.objects.child_of(site_tree["en"]).get().translation_key
    )


def test_incident_page_shows_its_facts_with_unknown_counts_unlike_zero(client, add_incident, incident_index):
    actor = services.add_actor(incident_index, "Rondas campesinas of Ollachea", ActorType.COMMUNITY)
    add_incident(
        "Farmers killed in a clash",
        killed=2,
        injured=None,
        detained=0,
        verification=Verification.CORROBORATED,
        actors=[(actor, ActorRole.VICTIM)],
        sources=[{"title": "Regional radio", "url": "https://radio.example/report"}],
    )

    html = client.get("/observatory/farmers-killed-in-a-clash/").content.decode()

    assert "<h1>Farmers killed in a clash</h1>" in html
    assert "<dt>Killed</dt><dd>2</dd>" in html
    assert "<dt>Injured</dt><dd>unknown</dd>" in html
    assert "<dt>Detained</dt><dd>0</dd>" in html
    assert "14 March 2024" in html
    assert "corroborated" in html
    assert (
        '<a href="/observatory/rondas-campesinas-of-ollachea/">Rondas campesinas of Ollachea</a> (victim)'
        in html
    )
    assert 'href="https://radio.example/report"' in html


def test_month_precision_shows_the_month_only(client, add_incident):
    add_incident("Road blockade", date_start=datetime.date(2024, 3, 14), date_precision=DatePrecision.MONTH)
    html = client.get("/observatory/road-blockade/").content.decode()
    assert "March 2024" in html
    assert "14 March" not in html


def test_news_item_and_incident_link_both_ways(client, add_incident, site_tree):
    news_index = NewsIndexPage.objects.child_of(site_tree["en"]).get()
    item = NewsItemPageFactory(
        parent=news_index, title="Clash in San Gaban", slug="clash-in-san-gaban", publish=True
    )
    add_incident("Clash at the power plant", news_items=[item])

    incident_html = client.get("/observatory/clash-at-the-power-plant/").content.decode()
    news_html = client.get("/news/clash-in-san-gaban/").content.decode()

    assert '<a href="/news/clash-in-san-gaban/">Clash in San Gaban</a>' in incident_html
    assert "Incidents in the observatory" in news_html
    assert 'href="/observatory/clash-at-the-power-plant/"' in news_html


def test_news_item_without_incidents_shows_no_card(client, site_tree):
    news_index = NewsIndexPage.objects.child_of(site_tree["en"]).get()
    NewsItemPageFactory(parent=news_index, title="Congress votes", slug="congress-votes", publish=True)
    assert "Incidents in the observatory" not in client.get("/news/congress-votes/").content.decode()


def test_actor_page_gathers_its_incidents_and_news(client, add_incident, incident_index, site_tree):
    news_index = NewsIndexPage.objects.child_of(site_tree["en"]).get()
    item = NewsItemPageFactory(parent=news_index, title="Mine blockade", slug="mine-blockade", publish=True)
    mine = services.add_actor(
        incident_index, "Las Bambas", ActorType.MINING_PROJECT, other_names="MMG Las Bambas"
    )
    add_incident("Blockade of the mining corridor", actors=[(mine, ActorRole.PARTY)], news_items=[item])
    add_incident("Unrelated protest")

    html = client.get("/observatory/las-bambas/").content.decode()

    assert "Blockade of the mining corridor" in html
    assert "Unrelated protest" not in html
    assert '<a href="/news/mine-blockade/">Mine blockade</a>' in html
    assert "MMG Las Bambas" in html
    assert 'href="/observatory/?actor=las-bambas"' in html


def test_case_page_lists_its_incidents_oldest_first(client, add_incident, incident_index):
    case = services.add_case(incident_index, "Las Bambas conflict", description="A long dispute.")
    add_incident("Later talks", date_start=datetime.date(2024, 6, 1), case=case)
    add_incident("First blockade", date_start=datetime.date(2023, 2, 1), case=case)
    add_incident("Elsewhere")

    html = client.get("/observatory/las-bambas-conflict/").content.decode()

    assert html.index("First blockade") < html.index("Later talks")
    assert "Elsewhere" not in html


def test_end_date_before_start_is_refused(add_incident):
    with pytest.raises(ValidationError):
        add_incident("Backwards", date_start=datetime.date(2024, 3, 14), date_end=datetime.date(2024, 3, 1))


def test_spanish_translation_links_the_spanish_actor(client, add_incident, incident_index, site_tree):
    spanish = Locale.objects.get(language_code="es")
    actor = services.add_actor(incident_index, "Defensoría del Pueblo", ActorType.STATE_BODY)
    incident = add_incident("Dialogue table", actors=[(actor, ActorRole.MEDIATOR)])
    spanish_actor = actor.copy_for_translation(spanish)
    spanish_actor.save_revision().publish()
    spanish_incident = incident.copy_for_translation(spanish)
    spanish_incident.title = "Mesa de diálogo"
    spanish_incident.save_revision().publish()

    html = client.get(IncidentPage.objects.get(pk=spanish_incident.pk).url).content.decode()

    assert "Mesa de diálogo" in html
    assert f'href="/es/observatorio/{spanish_actor.slug}/"' in html


def test_editors_keep_the_incident_types_but_do_not_see_sensitive_data(db):
    editor = Group.objects.get(name="Editor")
    codenames = set(editor.permissions.values_list("codename", flat=True))
    assert {"add_incidenttype", "change_incidenttype", "delete_incidenttype"} <= codenames
    assert "view_sensitive_data" not in codenames


def test_the_sitemap_lists_records_the_map_and_the_data_page(client, add_incident):
    add_incident("Clash at the bridge")
    sitemap = client.get("/sitemap.xml").content.decode()
    for path in (
        "/observatory/",
        "/observatory/map/",
        "/observatory/data/",
        "/observatory/clash-at-the-bridge/",
    ):
        assert f"<loc>http://testserver{path}</loc>" in sitemap


@pytest.mark.parametrize("model", ["incidentpage", "actorpage", "casepage"])
def test_editors_get_the_add_forms_with_their_choosers(client, incident_index, django_user_model, model):
    editor = django_user_model.objects.create_user("eduardo", "e@example.org", "x")
    editor.groups.add(Group.objects.get(name="Editor"))
    client.force_login(editor)
    response = client.get(f"/admin/pages/add/observatory/{model}/{incident_index.pk}/")
    assert response.status_code == 200
    assert 'name="title"' in response.content.decode()
