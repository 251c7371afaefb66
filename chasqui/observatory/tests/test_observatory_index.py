import datetime
import re

import pytest

from chasqui.news.models import Region
from chasqui.observatory import listing, services
from chasqui.observatory.choices import ActorRole, ActorType, Verification

pytestmark = pytest.mark.django_db


def titles(response):
    return re.findall(
        r'class="incident-teaser__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


@pytest.fixture
def varied(add_incident, incident_index, kinds):
    cusco = Region.objects.get(slug="cusco")
    mine = services.add_actor(incident_index, "Las Bambas", ActorType.MINING_PROJECT)
    case = services.add_case(incident_index, "Corridor dispute")
    add_incident("Puno clash", killed=2)
    add_incident("Cusco protest", region=cusco, incident_type=kinds["protest"], killed=0)
    add_incident("Corridor blockade", region=cusco, actors=[(mine, ActorRole.PARTY)], case=case)
    add_incident("Old detention", date_start=datetime.date(2021, 7, 2), incident_type=kinds["detention"])
    add_incident("Verified talks", verification=Verification.VERIFIED, incident_type=kinds["agreement"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Puno clash", "Cusco protest", "Corridor blockade", "Old detention", "Verified talks"}),
        ("?region=cusco", {"Cusco protest", "Corridor blockade"}),
        ("?type=protest", {"Cusco protest"}),
        ("?actor=las-bambas", {"Corridor blockade"}),
        ("?case=corridor-dispute", {"Corridor blockade"}),
        ("?year=2021", {"Old detention"}),
        ("?year=2021&month=7", {"Old detention"}),
        ("?year=2021&month=8", set()),
        ("?verification=verified", {"Verified talks"}),
        ("?deaths=on", {"Puno clash"}),
        ("?region=cusco&type=protest", {"Cusco protest"}),
    ],
)
def test_filters_narrow_the_list_without_javascript(client, varied, query, expected):
    response = client.get(f"/observatory/{query}")
    assert response.status_code == 200
    assert set(titles(response)) == expected


def test_an_unknown_filter_value_is_an_error_not_a_crash(client, varied):
    response = client.get("/observatory/?region=atlantis")
    assert response.status_code == 400
    assert "Some of the filters could not be used" in response.content.decode()


def test_pages_follow_each_other_by_cursor(client, add_incident, monkeypatch):
    monkeypatch.setattr(listing, "PER_PAGE", 2)
    for day in range(1, 6):
        add_incident(f"Incident {day}", date_start=datetime.date(2024, 1, day))

    first = client.get("/observatory/")
    assert titles(first) == ["Incident 5", "Incident 4"]
    next_url = (
        re.search(r'href="(\?[^"]+)" rel="next"', first.content.decode()).group(1).replace("&amp;", "&")
    )
    second = client.get(f"/observatory/{next_url}")
    assert titles(second) == ["Incident 3", "Incident 2"]
    back = re.search(r'href="(\?[^"]+)" rel="prev"', second.content.decode()).group(1).replace("&amp;", "&")
    assert titles(client.get(f"/observatory/{back}")) == ["Incident 5", "Incident 4"]
    assert "2024-01-04" in next_url  # cursors carry only public dates


def test_the_year_filter_offers_new_years_after_a_publish_or_a_bulk_write(
    client, add_incident, bulk_incidents
):
    add_incident("Recent clash", date_start=datetime.date(2024, 3, 14))
    assert '<option value="2021">' not in client.get("/observatory/").content.decode()

    add_incident("Old clash", date_start=datetime.date(2021, 5, 1))
    assert '<option value="2021">' in client.get("/observatory/").content.decode()

    bulk_incidents(1, lambda n: {"date_start": datetime.date(2019, 8, 1)})
    assert '<option value="2019">' in client.get("/observatory/figures/").content.decode()
