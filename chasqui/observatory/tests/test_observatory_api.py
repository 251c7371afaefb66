"""The read-only JSON API (api/v1/ under the incidents index), through the Django test client."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Site

from chasqui.core.models import SiteSettings
from chasqui.news.models import NewsIndexPage, Region
from chasqui.news.tests.factories import NewsItemPageFactory
from chasqui.observatory import services
from chasqui.observatory.api import params
from chasqui.observatory.api.purging import api_urls
from chasqui.observatory.choices import ActorRole, ActorType, Verification
from chasqui.observatory.models import IncidentPage

from .test_observatory_sensitive_data import SECRETS

pytestmark = pytest.mark.django_db

API = "/observatory/api/v1/"
ES_API = "/es/observatorio/api/v1/"


def get(client, url):
    response = client.get(url)
    assert response["Content-Type"] == "application/json", url
    assert response["Access-Control-Allow-Origin"] == "*", url
    return response


def walk(client, url):
    """The keys of each page, following `next` from `url` to the end."""
    pages = []
    while url:
        document = get(client, url).json()
        pages.append([result["key"] for result in document["results"]])
        url = document["next"]
    return pages


def walk_back(client, url):
    """From the last page reached from `url`, the keys of each page following `previous`, oldest first."""
    document = get(client, url).json()
    while document["next"]:
        document = get(client, document["next"]).json()
    pages = [[result["key"] for result in document["results"]]]
    while document["previous"]:
        document = get(client, document["previous"]).json()
        pages.append([result["key"] for result in document["results"]])
    return pages


def keys(incidents):
    return [str(incident.translation_key) for incident in incidents]


@pytest.fixture
def varied(add_incident, incident_index, kinds):
    """Nine incidents: five on one day (so pages must break ties), in Puno and Cusco."""
    cusco = Region.objects.get(slug="cusco")
    mine = services.add_actor(incident_index, "Las Bambas", ActorType.MINING_PROJECT)
    case = services.add_case(incident_index, "Corridor dispute")
    same_day = [
        add_incident(f"Same day {n}", region=cusco if n % 2 else None, date_start=datetime.date(2024, 5, 1))
        for n in range(5)
    ]
    others = [
        add_incident("Puno clash", killed=2),
        add_incident("Corridor blockade", region=cusco, actors=[(mine, ActorRole.PARTY)], case=case),
        add_incident("Old detention", date_start=datetime.date(2021, 7, 2), incident_type=kinds["detention"]),
        add_incident("Verified talks", verification=Verification.VERIFIED, incident_type=kinds["agreement"]),
    ]
    return {"incidents": same_day + others, "mine": mine, "case": case}


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 200])
def test_pages_walk_every_incident_once_in_order_and_back(client, varied, limit):
    newest_first = IncidentPage.objects.order_by("-public_date", "-pk")
    expected = keys(newest_first)

    pages = walk(client, f"{API}incidents/?limit={limit}")

    assert [key for page in pages for key in page] == expected
    assert all(len(page) == limit for page in pages[:-1])
    assert walk_back(client, f"{API}incidents/?limit={limit}") == list(reversed(pages))
    assert get(client, f"{API}incidents/?limit={limit}").json()["count"] == 9


@pytest.mark.parametrize(
    "query",
    ["region=cusco", "year=2024&month=5", "region=cusco&year=2024", "actor=las-bambas", "deaths=on"],
)
def test_filtered_pages_walk_exactly_the_incidents_the_export_lists(client, varied, query):
    exported = client.get(f"/observatory/export/json/?{query}").json()["incidents"]

    pages = walk(client, f"{API}incidents/?{query}&limit=2")

    assert [key for page in pages for key in page] == [row["key"] for row in exported]
    assert len(exported) >= 1
    assert get(client, f"{API}incidents/?{query}").json()["count"] == len(exported)


def test_a_listed_incident_is_the_json_exports_record(client, varied):
    exported = client.get("/observatory/export/json/").json()["incidents"]
    listed = get(client, f"{API}incidents/").json()["results"]
    assert listed == exported
    blockade = next(row for row in listed if row["title"] == "Corridor blockade")
    assert blockade["actors"] == [
        {
            "key": str(varied["mine"].translation_key),
            "name": "Las Bambas",
            "type": "mining_project",
            "role": "party",
            "url": "http://testserver/observatory/las-bambas/",
        }
    ]
    assert blockade["url"] == "http://testserver/observatory/corridor-blockade/"


def test_limit_defaults_to_50_and_takes_1_to_200(client, varied, monkeypatch):
    assert (params.DEFAULT_LIMIT, params.MAX_LIMIT) == (50, 200)
    assert len(get(client, f"{API}incidents/?limit=200").json()["results"]) == 9
    assert len(get(client, f"{API}incidents/?limit=1").json()["results"]) == 1
    monkeypatch.setattr(params, "DEFAULT_LIMIT", 4)
    document = get(client, f"{API}incidents/").json()
    assert len(document["results"]) == 4
    assert "limit=" not in document["next"]
    for bad in ("0", "201", "-1", "1.5", "ten", "%201", "%C2%B2", "%EF%BC%92", "9" * 30):
        response = get(client, f"{API}incidents/?limit={bad}")
        assert response.status_code == 400, bad
        assert response.json()["parameter"] == "limit"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("regoin=puno", "regoin"),
        ("region=atlantis", "region"),
        ("type=volcano", "type"),
        ("actor=nobody", "actor"),
        ("verification=rumour", "verification"),
        ("year=1850", "year"),
        ("year=2024&month=13", "month"),
        ("month=3", "month"),
        ("deaths=0", "deaths"),
        ("region=puno&region=cusco", "region"),
        ("after=yesterday", "after"),
        ("before=2024-05-01", "before"),
        ("after=2024-05-01.1&before=2024-05-01.9", "before"),
        (f"after=2024-05-01.{10**30}", "after"),
        ("before=2024-05-01.-3", "before"),
    ],
)
def test_a_parameter_that_cannot_be_used_is_a_400_naming_it(client, varied, query, parameter):
    response = get(client, f"{API}incidents/?{query}")
    assert response.status_code == 400
    document = response.json()
    assert document["error"] == "invalid_parameter"
    assert document["parameter"] == parameter
    assert document["message"]


def test_a_cursor_past_what_a_database_can_compare_is_refused_not_a_server_error(client, varied):
    huge = 10**30
    assert get(client, f"{API}actors/?after={huge}.{huge}").json()["parameter"] == "after"
    assert client.get(f"/observatory/?after=2024-05-01.{huge}").status_code == 200  # the list ignores it


def test_lists_of_records_take_no_filters_and_details_no_parameters(client, varied):
    key = str(varied["incidents"][0].translation_key)
    for url in (
        f"{API}actors/?region=puno",
        f"{API}types/?limit=2",
        f"{API}incidents/{key}/?x=1",
        f"{API}?a=b",
    ):
        assert get(client, url).status_code == 400, url


def test_unknown_records_and_addresses_are_json_404s(client, varied):
    for url in (
        f"{API}incidents/00000000-0000-0000-0000-000000000000/",
        f"{API}incidents/{varied['incidents'][0].pk}/",
        f"{API}actors/not-a-key/",
        f"{API}cases/{varied['mine'].translation_key}/",  # an actor's key is no case's
        f"{API}incidents/{varied['incidents'][0].translation_key}/sources/",
        "/observatory/api/v2/",
        "/observatory/api/",
    ):
        response = get(client, url)
        assert response.status_code == 404, url
        assert response.json()["error"] == "not_found"


def refused(response, method):
    assert response.status_code == 405, method
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "private"
    assert response.json()["error"] == "method_not_allowed"


def test_only_get_and_head_are_answered(client, varied):
    for method in ("post", "put", "patch", "delete", "trace"):
        refused(getattr(client, method)(f"{API}incidents/"), method)
    head = client.head(f"{API}incidents/")
    assert head.status_code == 200
    assert head["Content-Type"] == "application/json"
    assert head.content == b""
    assert client.options("/observatory/").status_code == 200  # the pages keep Wagtail's own answer


def test_options_answers_a_cors_preflight(client, varied):
    response = client.options(
        f"{API}incidents/",
        headers={
            "Origin": "https://elsewhere.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert response.status_code == 204
    assert response["Allow"] == response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Headers"] == "*"
    assert int(response["Access-Control-Max-Age"]) > 0
    assert response.content == b""


@pytest.mark.parametrize("url", [f"{API}incidents/", ES_API, f"{API}unknown/", "/observatory/api/"])
def test_a_write_without_a_csrf_token_gets_the_apis_405_not_the_csrf_page(varied, url):
    """Any program's POST has no CSRF token; the API writes nothing, so it answers with its own 405."""
    client = Client(enforce_csrf_checks=True)
    for method in ("post", "put", "patch", "delete"):
        refused(getattr(client, method)(url, data=b"{}", content_type="application/json"), method)


def test_other_pages_keep_the_csrf_check(varied):
    """Only the API's routes skip it: the index itself, and an address merely containing `api`, do not."""
    client = Client(enforce_csrf_checks=True)
    assert client.post("/observatory/").status_code == 403
    assert client.post("/observatory/map/api/").status_code == 403
    assert client.post("/news/api/").status_code == 403


def test_the_index_document_lists_the_endpoints_licence_and_citation(client, incident_index):
    document = get(client, API).json()
    assert document["version"] == "1"
    assert document["language"] == "en"
    assert document["licence"] == "CC BY 4.0"
    assert document["endpoints"] == {
        name: f"http://testserver{API}{name}/"
        for name in ("incidents", "actors", "cases", "types", "regions")
    }
    assert document["documentation"] == "http://testserver/observatory/data/#api"
    assert document["cite"].startswith("Chasqui, Observatory, http://testserver/observatory/")
    assert document["other_languages"] == {"es": f"http://testserver{ES_API}"}
    assert document["vocabularies"]["actor_role"]["victim"] == "victim"


@pytest.fixture
def reported(add_incident, incident_index, site_tree):
    """An incident with an actor, a source, a case and a news item reporting it."""
    news_index = NewsIndexPage.objects.child_of(site_tree["en"]).get()
    item = NewsItemPageFactory(parent=news_index, title="Road blocked", slug="road-blocked", publish=True)
    actor = services.add_actor(
        incident_index,
        "Rondas of Ollachea",
        ActorType.COMMUNITY,
        other_names="Ronderos",
        description="Patrols.",
    )
    case = services.add_case(incident_index, "San Gaban dispute", description="Over the dam.")
    incident = add_incident(
        "Road blockade",
        actors=[(actor, ActorRole.PARTY)],
        case=case,
        sources=[
            {"title": "Radio Onda Azul", "url": "https://radio.example/1", "date": datetime.date(2024, 3, 15)}
        ],
        news_items=[item],
        killed=0,
    )
    return {"incident": incident, "actor": actor, "case": case, "news_item": item}


def test_an_incidents_detail_has_its_actors_case_sources_and_news(client, reported):
    incident, actor, case = reported["incident"], reported["actor"], reported["case"]

    document = get(client, f"{API}incidents/{incident.translation_key}/").json()

    assert document["key"] == str(incident.translation_key)
    assert document["url"] == "http://testserver/observatory/road-blockade/"
    assert document["date"] == "2024-03-14"
    assert document["date_label"] == "14 March 2024"
    assert document["type_name"] == "Clash"
    assert document["killed"] == 0
    assert document["actors"][0]["key"] == str(actor.translation_key)
    assert document["case"] == "San Gaban dispute"
    assert document["case_key"] == str(case.translation_key)
    assert document["case_url"] == "http://testserver/observatory/san-gaban-dispute/"
    assert document["sources"] == [
        {
            "title": "Radio Onda Azul",
            "url": "https://radio.example/1",
            "language": "es",
            "date": "2024-03-15",
            "archived_url": None,
            "answering": True,
        }
    ]
    assert document["news_items"] == [
        {"title": "Road blocked", "url": "http://testserver/news/road-blocked/"}
    ]


def test_actors_and_cases_lists_and_details(client, reported):
    actor, case = reported["actor"], reported["case"]

    actors = get(client, f"{API}actors/").json()
    detail = get(client, f"{API}actors/{actor.translation_key}/").json()
    cases = get(client, f"{API}cases/").json()
    case_detail = get(client, f"{API}cases/{case.translation_key}/").json()

    assert actors["count"] == 1
    assert actors["results"][0] == {
        "key": str(actor.translation_key),
        "slug": "rondas-of-ollachea",
        "name": "Rondas of Ollachea",
        "type": "community",
        "type_label": "community",
        "aliases": ["Ronderos"],
        "sensitive": False,
        "url": "http://testserver/observatory/rondas-of-ollachea/",
        "incidents_url": f"http://testserver{API}incidents/?actor=rondas-of-ollachea",
    }
    assert detail["description"] == "Patrols."
    assert detail["news_items"] == [{"title": "Road blocked", "url": "http://testserver/news/road-blocked/"}]
    assert cases["results"] == [case_detail]
    assert case_detail["title"] == "San Gaban dispute"
    assert case_detail["description"] == "Over the dam."
    assert [row["title"] for row in get(client, case_detail["incidents_url"]).json()["results"]] == [
        "Road blockade"
    ]


def test_actors_pages_walk_every_actor_once(client, incident_index):
    actors = [services.add_actor(incident_index, f"Actor {n}", ActorType.ORGANISATION) for n in range(5)]
    pages = walk(client, f"{API}actors/?limit=2")
    assert [len(page) for page in pages] == [2, 2, 1]
    assert [key for page in pages for key in page] == keys(reversed(actors))
    assert walk_back(client, f"{API}actors/?limit=2") == list(reversed(pages))


def test_types_and_regions_give_the_slugs_the_filters_take(client, incident_index):
    types = get(client, f"{API}types/").json()
    regions = get(client, f"{API}regions/").json()
    assert regions["count"] == len(regions["results"]) == 25
    assert {
        "slug": "puno",
        "name": "Puno",
        "incidents_url": f"http://testserver{API}incidents/?region=puno",
    } in (regions["results"])
    clash = next(kind for kind in types["results"] if kind["slug"] == "clash")
    assert clash["name"] == "Clash"
    assert get(client, clash["incidents_url"]).status_code == 200


def translate(page, locale, **fields):
    copy = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy


def test_spanish_answers_with_the_same_keys_and_spanish_labels(client, reported, add_incident):
    spanish = Locale.objects.get(language_code="es")
    translate(reported["actor"], spanish, title="Rondas de Ollachea", slug="rondas-de-ollachea")
    translate(reported["case"], spanish, title="Conflicto de San Gabán", slug="conflicto-san-gaban")
    translate(reported["incident"], spanish, title="Bloqueo de carretera", slug="bloqueo-de-carretera")
    english_only = add_incident("Only in English")
    key = str(reported["incident"].translation_key)

    document = get(client, f"{ES_API}incidents/{key}/").json()
    listed = get(client, f"{ES_API}incidents/").json()
    index = get(client, ES_API).json()

    assert document["key"] == key
    assert document["title"] == "Bloqueo de carretera"
    assert document["url"] == "http://testserver/es/observatorio/bloqueo-de-carretera/"
    assert document["date_label"].startswith("14")
    assert "marzo" in document["date_label"]
    assert document["type_name"] == "Enfrentamiento"
    assert document["verification_label"] == "denunciado"
    assert document["actors"][0]["key"] == str(reported["actor"].translation_key)
    assert document["actors"][0]["name"] == "Rondas de Ollachea"
    assert document["actors"][0]["url"] == "http://testserver/es/observatorio/rondas-de-ollachea/"
    assert document["case_url"] == "http://testserver/es/observatorio/conflicto-san-gaban/"
    assert [row["key"] for row in listed["results"]] == [key]
    assert index["language"] == "es"
    assert index["vocabularies"]["verification"]["verified"] == "verificado"
    assert get(client, f"{ES_API}incidents/{english_only.translation_key}/").status_code == 404
    actor = get(client, f"{ES_API}actors/{reported['actor'].translation_key}/").json()
    assert (actor["name"], actor["type_label"]) == ("Rondas de Ollachea", "comunidad")
    assert get(client, f"{API}incidents/{key}/").json()["title"] == "Road blockade"


def api_addresses(world):
    incident, leader, company = world["incident"], world["leader"], world["company"]
    addresses = []
    for base in (API, ES_API):
        addresses += [
            base,
            f"{base}incidents/",
            f"{base}incidents/?region=puno",
            f"{base}incidents/?year=2024&month=3",
            f"{base}incidents/?limit=1",
            f"{base}incidents/{incident.translation_key}/",
            f"{base}actors/",
            f"{base}actors/{leader.translation_key}/",
            f"{base}actors/{company.translation_key}/",
            f"{base}cases/",
            f"{base}types/",
            f"{base}regions/",
        ]
    return [
        *addresses,
        f"{API}incidents/?actor={leader.slug}",
        f"{ES_API}incidents/?actor={world['es_slug']}",
    ]


def test_no_sensitive_value_reaches_any_api_answer(client, sensitive_world):
    spanish = Locale.objects.get(language_code="es")
    leader = translate(sensitive_world["leader"], spanish, title="Un dirigente comunal", slug="un-dirigente")
    translate(sensitive_world["company"], spanish)
    translate(sensitive_world["incident"], spanish, title="Amenazas contra un defensor", slug="amenazas")
    world = {**sensitive_world, "es_slug": leader.slug}

    for address in api_addresses(world):
        response = get(client, address)
        assert response.status_code == 200, address
        content = response.content.decode()
        for secret in SECRETS:
            assert secret not in content, (address, secret)

    listed = get(client, f"{API}actors/{sensitive_world['leader'].translation_key}/").json()
    assert (listed["name"], listed["aliases"], listed["sensitive"]) == ("A community leader", [], True)
    detail = get(client, f"{API}incidents/{sensitive_world['incident'].translation_key}/").json()
    assert (detail["date"], detail["date_label"], detail["sources"]) == ("2024-03-01", "March 2024", [])
    assert (detail["latitude"], detail["longitude"]) == (-13.3, -70.5)
    names = {actor["name"] for actor in get(client, f"{ES_API}incidents/").json()["results"][0]["actors"]}
    assert "Un dirigente comunal" in names


def query_counts(client, urls):
    for url in urls:
        client.get(url)
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        counts[url] = len(captured)
    return counts


def test_lists_and_details_cost_the_same_queries_for_3_and_12_incidents(
    client, add_incident, incident_index, site_tree
):
    news_index = NewsIndexPage.objects.child_of(site_tree["en"]).get()
    first_actor = services.add_actor(incident_index, "First actor", ActorType.COMMUNITY)
    first_case = services.add_case(incident_index, "First case")

    def add(count, start):
        for n in range(start, start + count):
            actor = services.add_actor(incident_index, f"Actor {n}", ActorType.COMMUNITY, other_names="Alias")
            case = services.add_case(incident_index, f"Case {n}")
            item = NewsItemPageFactory(parent=news_index, title=f"Item {n}", slug=f"item-{n}", publish=True)
            add_incident(
                f"Incident {n}",
                actors=[(first_actor, ActorRole.VICTIM), (actor, ActorRole.PARTY)],
                case=first_case if n % 2 else case,
                sources=[{"title": f"Source {n}", "url": f"https://radio.example/{n}"}],
                news_items=[item],
                latitude=Decimal("-13.4"),
                longitude=Decimal("-70.4"),
            )

    add(3, 0)
    incident = IncidentPage.objects.get(slug="incident-0")
    urls = [
        API,
        f"{API}incidents/",
        f"{API}incidents/?limit=2",
        f"{API}incidents/?region=puno&year=2024&limit=2",
        f"{API}incidents/?after=2024-03-14.999999&limit=2",
        f"{API}incidents/?actor=first-actor&limit=2",
        f"{API}incidents/{incident.translation_key}/",
        f"{API}actors/",
        f"{API}actors/?limit=2",
        f"{API}actors/{first_actor.translation_key}/",
        f"{API}cases/",
        f"{API}cases/{first_case.translation_key}/",
        f"{API}types/",
        f"{API}regions/",
    ]
    small = query_counts(client, urls)
    add(9, 3)
    large = query_counts(client, urls)
    assert small == large
    assert max(large.values()) <= 16


def test_plain_addresses_are_kept_by_the_page_cache_and_filtered_ones_are_not(client, settings, reported):
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.CHASQUI_PAGE_CACHE = True
    key = reported["incident"].translation_key

    for url in (API, f"{API}incidents/", f"{API}incidents/{key}/", f"{API}actors/"):
        first, second = client.get(url), client.get(url)
        assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit"), url
        assert second["Cache-Control"].startswith("public, max-age=0, s-maxage=")
        assert second["Content-Type"] == "application/json"
        assert second["Access-Control-Allow-Origin"] == "*"
        assert second.json() == first.json()
    filtered = client.get(f"{API}incidents/?type=clash&limit=2")
    assert "X-Page-Cache" not in filtered
    assert filtered["Cache-Control"] == "private"
    missing = client.get(f"{API}incidents/00000000-0000-0000-0000-000000000000/")
    assert missing.status_code == 404
    assert missing["Cache-Control"] == "private"


def test_a_change_to_a_record_purges_its_api_addresses_in_both_languages(reported, incident_index):
    spanish = Locale.objects.get(language_code="es")
    translate(reported["incident"], spanish)
    key = reported["incident"].translation_key

    urls = set(api_urls(reported["incident"]))

    for base in ("/observatory/api/v1/", "/es/observatorio/api/v1/"):
        for path in ("", "incidents/", "actors/", "cases/", f"incidents/{key}/"):
            assert any(url.endswith(base + path) for url in urls), base + path
    assert not any(url.endswith("types/") for url in urls)
    assert any(url.endswith("/observatory/api/v1/regions/") for url in api_urls(incident_index))
    assert api_urls(reported["news_item"]) == []


def test_the_data_page_points_to_the_api(client, incident_index):
    html = client.get("/observatory/data/").content.decode()
    assert 'id="api"' in html
    assert f'href="{API}"' in html
    spanish = client.get("/es/observatorio/data/").content.decode()
    assert f'<a href="{ES_API}">API JSON</a>' in spanish
