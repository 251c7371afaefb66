import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from defusedxml.ElementTree import fromstring
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from chasqui.news.models import Region
from chasqui.observatory import services

pytestmark = pytest.mark.django_db


def test_the_map_shades_regions_links_them_and_gives_a_table(client, add_incident):
    add_incident("Puno clash")
    add_incident("Second Puno clash", latitude=Decimal("-14.1"), longitude=Decimal("-69.9"))

    html = client.get("/observatory/map/").content.decode()

    assert html.count("<path ") == Region.objects.count() == 25
    assert (
        '<a href="/observatory/?region=puno" class="map-region map-region--4" aria-label="Puno: 2 incidents">'
        in html
    )
    assert 'class="map-region map-region--0" aria-label="Cusco: 0 incidents"' in html
    assert html.count('class="map-marker"') == 1
    assert '<th scope="row"><a href="/observatory/?region=puno">Puno</a></th><td>2</td>' in html
    assert "<script" not in html.split("<figure", 1)[1].split("</figure>", 1)[0]
    assert "http" not in re.search(r"<svg.*</svg>", html, re.S).group(0).replace(
        "http://www.w3.org/2000/svg", ""
    )


def test_the_map_keeps_the_other_filters_in_region_links(client, add_incident, kinds):
    add_incident("Puno protest", incident_type=kinds["protest"])
    html = client.get("/observatory/map/?type=protest").content.decode()
    assert 'href="/observatory/?region=puno&amp;type=protest"' in html


def test_csv_export_has_the_filtered_list_with_unknown_counts_empty(client, add_incident, kinds):
    add_incident("Puno clash", killed=2, injured=None)
    add_incident("Protest", incident_type=kinds["protest"])

    response = client.get("/observatory/export/csv/?type=clash")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["title"] for row in rows] == ["Puno clash"]
    assert rows[0]["killed"] == "2"
    assert rows[0]["injured"] == ""
    assert rows[0]["region"] == "Puno"
    assert rows[0]["url"] == "http://testserver/observatory/puno-clash/"


def test_json_and_geojson_exports(client, add_incident):
    add_incident("Located", latitude=Decimal("-14.10000"), longitude=Decimal("-69.90000"))
    add_incident("Unlocated")

    data = client.get("/observatory/export/json/").json()
    geo = client.get("/observatory/export/geojson/")

    assert data["count"] == 2
    assert data["licence"] == "CC BY 4.0"
    assert geo["Content-Type"] == "application/geo+json"
    features = geo.json()["features"]
    assert [f["properties"]["title"] for f in features] == ["Located"]
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [-69.9, -14.1]}


def test_downloads_and_the_api_give_the_case_title_in_the_request_language(
    client, add_incident, incident_index
):
    """A Spanish incident links the English case it was translated from; its downloads name the case's
    Spanish translation, and the linked case itself when it has none."""
    spanish = Locale.objects.get(language_code="es")
    translated = services.add_case(incident_index, "San Gaban dispute")
    untranslated = services.add_case(incident_index, "Las Bambas conflict")
    spanish_case = translated.copy_for_translation(spanish)
    spanish_case.title = "Conflicto de San Gabán"
    spanish_case.save_revision().publish()
    located = {"latitude": Decimal("-14.1"), "longitude": Decimal("-69.9")}
    for title, case in (("River clash", translated), ("Road blockade", untranslated)):
        incident = add_incident(title, case=case, **located)
        incident.copy_for_translation(spanish).save_revision().publish()

    def case_titles(base):
        rows = csv.DictReader(io.StringIO(client.get(f"{base}export/csv/").content.decode()))
        data = client.get(f"{base}export/json/").json()["incidents"]
        features = client.get(f"{base}export/geojson/").json()["features"]
        api = client.get(f"{base}api/v1/incidents/").json()["results"]
        return [
            sorted(row["case"] for row in rows),
            sorted(row["case"] for row in data),
            sorted(feature["properties"]["case"] for feature in features),
            sorted(row["case"] for row in api),
        ]

    assert case_titles("/es/observatorio/") == [["Conflicto de San Gabán", "Las Bambas conflict"]] * 4
    assert case_titles("/observatory/") == [["Las Bambas conflict", "San Gaban dispute"]] * 4


def test_an_unknown_export_format_is_not_found(client, incident_index):
    assert client.get("/observatory/export/xlsx/").status_code == 404


def test_the_data_page_explains_every_field(client, incident_index):
    html = client.get("/observatory/data/").content.decode()
    for field in ("date_precision", "killed", "sensitive", "actors"):
        assert f"<code>{field}</code>" in html
    assert "Creative Commons Attribution 4.0" in html


def test_feeds_follow_the_filters_and_date_items_by_their_public_date(client, add_incident, kinds):
    add_incident("Puno clash")
    add_incident("Protest", incident_type=kinds["protest"])

    rss = fromstring(client.get("/observatory/feed/rss/?type=clash").content)
    atom = fromstring(client.get("/observatory/feed/atom/").content)

    assert [title.text for title in rss.iter("title")][1:] == ["Puno clash"]
    assert "Clash" in rss.find("channel/title").text
    namespace = {"a": "http://www.w3.org/2005/Atom"}
    assert len(atom.findall("a:entry", namespace)) == 2
    assert atom.find("a:entry/a:summary", namespace).get("type") == "text"
    assert client.get("/observatory/feed/json/").status_code == 404


def test_the_index_advertises_its_feeds(client, add_incident):
    add_incident("Puno clash")
    html = client.get("/observatory/?region=puno").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/observatory/feed/atom/?region=puno"' in html


def test_figures_per_year_add_up_known_counts_only(client, add_incident, kinds):
    add_incident("Clash one", killed=2, injured=None)
    add_incident("Clash two", killed=None, injured=3)
    add_incident("Old protest", date_start=datetime.date(2021, 5, 1), incident_type=kinds["protest"])

    html = client.get("/observatory/figures/").content.decode()

    assert '<tr><th scope="row">2024</th><td>2</td><td>2</td><td>3</td><td>0</td></tr>' in html
    assert '<tr><th scope="row">2021</th><td>1</td><td>0</td><td>0</td><td>0</td></tr>' in html
    assert '<tr><th scope="row">Clash</th><td>2</td></tr>' in html
    assert html.count('class="incident-chart__bar"') == 2
    assert "<title>2024: 2</title>" in html


# Ten places, each in its own one-degree cell of the map's grid.
PLACES = [(Decimal(-14.5 - (n % 4)), Decimal(-70.5 + (n // 4))) for n in range(10)]


def at_place(n):
    latitude, longitude = PLACES[n % len(PLACES)]
    return {"latitude": latitude, "longitude": longitude, "date_start": datetime.date(2024, 3, 14)}


def test_incidents_of_one_area_share_a_dot_sized_by_their_number(client, bulk_incidents):
    bulk_incidents(3, lambda n: at_place(0))
    bulk_incidents(1, lambda n: {**at_place(5), "title": "Lone clash"})

    html = client.get("/observatory/map/").content.decode()

    group = re.search(
        r'<a href="([^"]+)" class="map-marker map-marker--group" aria-label="([^"]+)">(.*?)</a>', html, re.S
    )
    assert group.groups()[:2] == ("/observatory/?region=puno", "3 incidents here, in Puno")
    assert 'r="11"><title>3 incidents here, in Puno</title>' in group.group(3)
    assert '<text x="' in group.group(3)
    assert 'aria-hidden="true">3</text>' in group.group(3)
    single = re.search(r'<a href="([^"]+)" class="map-marker" aria-label="([^"]+)">', html)
    assert re.fullmatch(r"/observatory/lone-clash-\d+/", single.group(1))
    assert single.group(2) == "Lone clash, 14 March 2024"
    assert html.count('class="map-marker') == 2


def map_size_and_queries(client):
    client.get("/observatory/map/")
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/observatory/map/").content.decode()
    return len(html.encode()), len(captured), html.count('class="map-marker')


def test_the_map_weighs_and_costs_the_same_for_20_and_200_located_incidents(client, bulk_incidents):
    bulk_incidents(20, at_place)
    size_20, queries_20, markers_20 = map_size_and_queries(client)
    bulk_incidents(180, at_place)
    size_200, queries_200, markers_200 = map_size_and_queries(client)

    assert markers_20 == markers_200 == len(PLACES)
    assert queries_20 == queries_200
    # Only the numbers grow a digit ("2 incidents" becomes "20 incidents"); one dot per incident
    # would have added some 200 bytes for each of the 180 new ones.
    assert 0 <= size_200 - size_20 < 200


def test_a_sensitive_incident_is_grouped_by_its_public_place_only(client, add_incident):
    # Its real latitude lies in the cell below -13.0; its public one (on the 0.1° grid) is -13.0.
    add_incident("Threat", is_sensitive=True, latitude=Decimal("-13.04990"), longitude=Decimal("-70.30000"))
    add_incident("Open clash", latitude=Decimal("-13.20000"), longitude=Decimal("-70.30000"))

    html = client.get("/observatory/map/").content.decode()

    assert "map-marker--group" not in html
    circles = dict(re.findall(r'cy="([\d.]+)" r="[\d.]+"><title>(\w+)', html))
    assert set(circles.values()) == {"Threat", "Open"}
    assert "-13.0499" not in html
