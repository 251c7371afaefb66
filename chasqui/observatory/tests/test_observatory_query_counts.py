"""Every observatory page costs the same number of queries with a handful of incidents and with
hundreds: the index (first and later pages, filtered), an incident, an actor, a case, the map,
the figures, the data page, every export and both feeds."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chasqui.news.models import NewsIndexPage, Region
from chasqui.news.tests.factories import NewsItemPageFactory
from chasqui.observatory import listing, services
from chasqui.observatory.choices import ActorRole, ActorType, Verification

pytestmark = pytest.mark.django_db

FEW = 4
MANY = 300  # past the 100 incidents an actor's or a case's page lists, and many index pages
# The first page after the cache is emptied also fills the site's (menus, root paths).
MOST_QUERIES = {"cold": 30, "warm": 20}
FILTERS = "region=puno&type=clash&actor=rondas-of-ollachea&case=san-gaban-dispute&year=2024"


def query_counts(client, urls):
    """Queries per page, first with an empty cache and then warm.

    A throwaway round first fills per-process caches (content types, locales) that have nothing
    to do with the number of incidents.
    """
    for url in urls.values():
        client.get(url)
    counts = {}
    cache.clear()
    for temperature in ("cold", "warm"):
        for label, url in urls.items():
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            assert response.status_code == 200, url
            counts[(temperature, label)] = len(captured)
    return counts


def next_page(client, url):
    """The address of the page after `url`'s, from its rel="next" link."""
    html = client.get(url).content.decode()
    found = re.search(r'href="(\?[^"]+)" rel="next"', html)
    assert found, f"{url} has no next page"
    return "/observatory/" + found.group(1).replace("&amp;", "&")


@pytest.fixture
def world(add_incident, incident_index, site_tree):
    """One incident with everything (actors, a case, sources, a news item) and its actor and case."""
    news_index = NewsIndexPage.objects.child_of(site_tree["en"]).get()
    item = NewsItemPageFactory(parent=news_index, title="Rondas report", publish=True)
    actor = services.add_actor(incident_index, "Rondas of Ollachea", ActorType.COMMUNITY)
    company = services.add_actor(incident_index, "Minera Sur SAC", ActorType.COMPANY)
    case = services.add_case(incident_index, "San Gaban dispute")
    incident = add_incident(
        "The river clash",
        date_start=datetime.date(2024, 12, 31),  # the newest: on the actor's page however many follow
        actors=[(actor, ActorRole.VICTIM), (company, ActorRole.PERPETRATOR)],
        case=case,
        latitude=Decimal("-13.4"),
        longitude=Decimal("-70.4"),
        killed=1,
        sources=[{"title": "Radio report", "url": "https://radio.example/clash"}],
        news_items=[item],
    )
    # Alone in its cell of the map, and in the filters: a dot that links to its incident.
    add_incident(
        "A lone clash",
        actors=[(actor, ActorRole.PARTY)],
        case=case,
        latitude=Decimal("-16.6"),
        longitude=Decimal("-69.0"),
    )
    return {"actor": actor, "company": company, "case": case, "incident": incident}


def varied(world, kinds):
    """Incidents of several kinds: located or not, sensitive or not, in and out of the filters."""
    cusco = Region.objects.get(slug="cusco")

    def fields(n):
        values = {
            "date_start": datetime.date(2024, 1, 1) + datetime.timedelta(days=n % 300),
            "actors": [(world["actor"], ActorRole.VICTIM), (world["company"], ActorRole.PERPETRATOR)],
            "case": world["case"],
            "killed": n % 3 or None,
            "sources": [{"title": f"Report {n}", "url": f"https://radio.example/{n}"}],
        }
        if n % 4:
            values["latitude"] = Decimal("-13.5") - Decimal(n % 7) / 4
            values["longitude"] = Decimal("-70.5") + Decimal(n % 5) / 4
        if n % 5 == 0:
            values.update(region=cusco, incident_type=kinds["protest"])
        if n % 6 == 0:
            values["is_sensitive"] = True
        if n % 7 == 0:
            values["verification"] = Verification.VERIFIED
        return values

    return fields


def urls(client, world):
    index = "/observatory/"
    filtered = f"{index}?{FILTERS}"
    return {
        "index": index,
        "index, next page": next_page(client, index),
        "index, filtered": filtered,
        "index, filtered, next page": next_page(client, filtered),
        "incident": world["incident"].url,
        "actor": world["actor"].url,
        "case": world["case"].url,
        "map": f"{index}map/",
        "map, filtered": f"{index}map/?{FILTERS}",
        "figures": f"{index}figures/",
        "figures, filtered": f"{index}figures/?{FILTERS}",
        "data": f"{index}data/",
        "CSV": f"{index}export/csv/",
        "JSON": f"{index}export/json/",
        "GeoJSON": f"{index}export/geojson/",
        "GeoJSON, filtered": f"{index}export/geojson/?{FILTERS}",
        "RSS": f"{index}feed/rss/",
        "Atom, filtered": f"{index}feed/atom/?{FILTERS}",
    }


def test_every_observatory_page_costs_the_same_queries_for_few_and_many_incidents(
    client, world, bulk_incidents, kinds, monkeypatch
):
    monkeypatch.setattr(listing, "PER_PAGE", 2)  # later pages exist with few incidents too
    fields = varied(world, kinds)
    bulk_incidents(FEW, fields)
    few = query_counts(client, urls(client, world))

    bulk_incidents(MANY - FEW, lambda n: fields(n + FEW))
    many = query_counts(client, urls(client, world))

    assert few == many
    for (temperature, label), count in many.items():
        assert count <= MOST_QUERIES[temperature], (temperature, label, count)


def test_the_pages_measured_show_the_many_incidents(client, world, bulk_incidents, kinds):
    """The counts above are of pages that really list, count and export the incidents."""
    bulk_incidents(MANY, varied(world, kinds))

    csv_rows = client.get("/observatory/export/csv/").content.decode().strip().splitlines()
    geojson = client.get(f"/observatory/export/geojson/?{FILTERS}").json()
    actor_page = client.get(world["actor"].url).content.decode()
    map_page = client.get("/observatory/map/").content.decode()

    assert len(csv_rows) == 1 + MANY + 2  # the heading, the bulk incidents and the world's two
    assert geojson["features"]
    assert all(f["properties"]["region"] == "Puno" for f in geojson["features"])
    assert actor_page.count('class="incident-teaser__title"') == 100
    assert 0 < map_page.count('class="map-marker') <= 2 * 35  # groups, not one dot an incident
