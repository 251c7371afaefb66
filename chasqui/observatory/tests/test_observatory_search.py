"""Incidents, actors and cases in the site search: in the reader's language, labelled, filterable by
type, with their public summary as snippet, and never a sensitive value."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.apps import apps as django_apps
from django.core.management import call_command

from chasqui.observatory import services
from chasqui.observatory.choices import ActorType
from chasqui.search.models import SearchEntry
from chasqui.search.signals import rebuild_outdated_entries
from chasqui.search.tests.factories import publish_news, publish_translation

from .conftest import SECRET_NAME

pytestmark = pytest.mark.django_db


def results(client, path="/search/", **params):
    response = client.get(path, params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        {
            "type": text(item, ".search-result__type"),
            "title": text(item, ".search-result__title"),
            "snippet": text(item, ".search-result__snippet"),
            "date": text(item, "time"),
            "url": item.select_one(".search-result__title a")["href"],
        }
        for item in soup.select(".search-result")
    ]


def text(item, selector):
    """The element's text as read, highlighting and all; None when there is no such element."""
    element = item.select_one(selector)
    return " ".join(element.get_text().split()) if element else None


@pytest.fixture
def records(incident_index, add_incident):
    case = services.add_case(
        incident_index, "Las Bambas corridor", description="Road blockades on the corridor."
    )
    actor = services.add_actor(
        incident_index,
        "Comunidad de Fuerabamba",
        ActorType.COMMUNITY,
        description="A community by the corridor.",
    )
    incident = add_incident(
        "Blockade at the corridor",
        date_start=datetime.date(2024, 3, 14),
        description="Villagers blocked the corridor road for two days.",
        case=case,
    )
    return {"case": case, "actor": actor, "incident": incident}


def test_incidents_actors_and_cases_are_found_with_their_type_and_public_summary(client, records):
    found = {result["type"]: result for result in results(client, q="corridor")}

    assert set(found) == {"Incident", "Actor", "Case"}
    assert found["Incident"]["snippet"] == "Villagers blocked the corridor road for two days."
    assert found["Incident"]["date"] == "March 2024"
    assert found["Incident"]["url"] == records["incident"].url
    assert found["Actor"]["snippet"] == "A community by the corridor."
    assert found["Actor"]["date"] is None
    assert found["Case"]["snippet"] == "Road blockades on the corridor."


def test_the_type_filter_narrows_to_incidents_actors_or_cases(client, records):
    response = client.get("/search/", {"q": "corridor", "type": "incident"})

    assert [r["type"] for r in results(client, q="corridor", type="incident")] == ["Incident"]
    assert [r["type"] for r in results(client, q="corridor", type="actor")] == ["Actor"]
    assert [r["type"] for r in results(client, q="corridor", type="case")] == ["Case"]
    counts = response.context["search"].counts
    assert (counts["incident"], counts["actor"], counts["case"]) == (1, 1, 1)
    content = response.content.decode()
    assert 'value="incident" checked' in content
    assert "Incidents" in content


def test_incidents_are_filed_under_their_region(client, records):
    assert [r["type"] for r in results(client, q="corridor", region="puno")] == ["Incident"]
    assert results(client, q="corridor", region="cusco") == []


def test_translated_records_are_found_on_the_spanish_search_with_spanish_labels(client, records):
    publish_translation(
        records["incident"],
        "es",
        title="Bloqueo en el corredor",
        description="Los comuneros bloquearon la vía del corredor.",
    )
    publish_translation(records["actor"], "es", description="Una comunidad junto al corredor.")
    publish_translation(records["case"], "es", title="El corredor de Las Bambas", description="Bloqueos.")

    spanish = results(client, "/es/search/", q="corredor")

    assert {r["type"] for r in spanish} == {"Incidente", "Actor", "Caso"}
    incident = next(r for r in spanish if r["type"] == "Incidente")
    assert incident["date"] == "marzo de 2024"
    assert incident["url"].startswith("/es/observatorio/")
    assert results(client, q="corredor") == []
    spanish_page = client.get("/es/search/", {"q": "corredor"}).content.decode()
    assert "Incidentes" in spanish_page
    assert "Casos" in spanish_page


def test_unpublished_records_are_not_found(client, incident_index, add_incident):
    add_incident("Draft blockade", description="Not yet checked.", live=False)

    assert results(client, q="blockade") == []


def test_the_secret_name_aliases_and_sources_find_nothing_but_the_public_description_does(
    client, sensitive_world
):
    for secret in [SECRET_NAME, "Quispetupa", "Zacarías", "Zaca", "radio", "report"]:
        assert results(client, q=secret) == [], secret

    leader = results(client, q="community leader")
    assert [(r["type"], r["title"]) for r in leader] == [("Actor", "A community leader")]
    threats = results(client, q="threats river defender", type="incident")
    assert [r["date"] for r in threats] == ["March 2024"]


def test_no_entry_holds_a_sensitive_value(sensitive_world):
    incident = sensitive_world["incident"]
    rows = SearchEntry.objects.values_list(
        "title", "body", "title_terms", "lede_terms", "body_terms", "facets", "lead_image_alt"
    )
    text = " ".join(" ".join(row) for row in rows).lower()

    for secret in ["zacar", "quispetupa", "zaca", "radio.example", "radio report"]:
        assert secret not in text, secret
    entry = SearchEntry.objects.get(page=incident)
    assert entry.date == datetime.date(2024, 3, 1)  # the public month, not the day
    assert SearchEntry.objects.get(page=sensitive_world["leader"]).kind == "actor"


def test_an_upgraded_index_takes_in_the_records_after_migrate(client, records, site_tree):
    """An index written before the observatory's types were searched: news only, an older scheme."""
    publish_news(site_tree["en"], "Corridor news")
    SearchEntry.objects.filter(kind__in=["incident", "actor", "case"]).delete()
    SearchEntry.objects.update(scheme=1)
    assert [r["type"] for r in results(client, q="corridor")] == ["News"]

    rebuild_outdated_entries(sender=None, app_config=django_apps.get_app_config("search"), apps=django_apps)

    assert {r["type"] for r in results(client, q="corridor")} == {"News", "Incident", "Actor", "Case"}


def test_the_rebuild_command_indexes_the_records(client, records, capsys):
    SearchEntry.objects.all().delete()

    call_command("rebuild_search_index")

    assert "Indexed 3 pages" in capsys.readouterr().out
    assert sorted(r["title"] for r in results(client, q="corridor")) == [
        "Blockade at the corridor",
        "Comunidad de Fuerabamba",
        "Las Bambas corridor",
    ]
