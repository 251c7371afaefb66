"""What the public pages keep (the filters' choices, the lists and their counts, the map, the
figures) is shown again freshly on the next request after any change to the records it is drawn
from: an incident published, edited, unpublished or moved in bulk, an actor or a case, a region,
an incident type."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chasqui.news.models import NewsIndexPage
from chasqui.news.tests.factories import NewsItemPageFactory
from chasqui.observatory import listing, services
from chasqui.observatory.choices import ActorRole, ActorType
from chasqui.observatory.models import IncidentPage

pytestmark = pytest.mark.django_db

PAGES = {"index": "/observatory/", "map": "/observatory/map/", "figures": "/observatory/figures/"}


def pages(client):
    """{name: HTML} of the list, the map and the figures, each answered 200."""
    found = {}
    for name, url in PAGES.items():
        response = client.get(url)
        assert response.status_code == 200, url
        found[name] = response.content.decode()
    return found


def republish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


@pytest.fixture
def first(add_incident):
    return add_incident("Clash at the river", latitude=Decimal("-15.5"), longitude=Decimal("-70.1"), killed=2)


def test_a_second_request_reads_nothing_again_from_the_incidents(client, first):
    pages(client)
    with CaptureQueriesContext(connection) as captured:
        again = pages(client)

    assert "Clash at the river" in again["index"]
    incident_table = IncidentPage._meta.db_table
    assert not [q["sql"] for q in captured if incident_table in q["sql"]]


def test_a_published_incident_shows_on_the_next_request(client, first, add_incident, kinds):
    before = pages(client)
    assert "1 incident</p>" in before["index"]

    add_incident(
        "March on the square",
        date_start=datetime.date(2021, 5, 1),
        incident_type=kinds["protest"],
        latitude=Decimal("-12.0"),
        longitude=Decimal("-77.0"),
    )
    after = pages(client)

    assert "2 incidents</p>" in after["index"]
    assert "March on the square" in after["index"]
    assert "2 incidents match these filters." in after["map"]
    assert "March on the square" in after["map"]  # its dot, alone in its cell
    assert '<th scope="row">2021</th>' in after["figures"]
    assert '<option value="2021">2021</option>' in after["index"]  # the year filter


def test_an_edited_incident_shows_changed_on_the_next_request(client, first, kinds):
    before = pages(client)
    assert "Clash at the river" in before["map"]

    republish(first, title="Clash by the bridge", incident_type=kinds["protest"], killed=7)
    after = pages(client)

    for name in PAGES:
        assert "Clash at the river" not in after[name], name
    assert "Clash by the bridge" in after["index"]
    assert "Clash by the bridge" in after["map"]
    protest = kinds["protest"].display_name
    assert f'<tr><th scope="row">{protest}</th><td>1</td></tr>' in after["figures"]
    assert "<td>7</td>" in after["figures"]


def test_an_unpublished_incident_leaves_on_the_next_request(client, first, add_incident):
    add_incident("March on the square", date_start=datetime.date(2021, 5, 1))
    assert "2 incidents</p>" in pages(client)["index"]

    first.unpublish()
    after = pages(client)

    assert "1 incident</p>" in after["index"]
    for name in PAGES:
        assert "Clash at the river" not in after[name], name
    assert "1 incident matches these filters." in after["map"]
    assert '<th scope="row">2024</th>' not in after["figures"]


def test_incidents_written_in_bulk_show_on_the_next_request(client, first, bulk_incidents):
    pages(client)

    bulk_incidents(30)
    after = pages(client)

    assert "31 incidents</p>" in after["index"]
    assert "31 incidents match these filters." in after["map"]


def test_a_cursor_page_and_a_filtered_list_follow_a_change(client, first, add_incident, puno):
    add_incident("March on the square", date_start=datetime.date(2021, 5, 1))
    deep_url = "/observatory/?after=2022-06-01.0"  # older than June 2022
    assert "2 incidents</p>" in client.get("/observatory/?region=puno").content.decode()
    assert "Road blocked" not in client.get(deep_url).content.decode()

    add_incident("Road blocked", date_start=datetime.date(2022, 5, 1))
    filtered = client.get("/observatory/?region=puno").content.decode()
    deep = client.get(deep_url).content.decode()

    assert "3 incidents</p>" in filtered
    assert "Road blocked" in filtered
    assert "Road blocked" in deep
    assert "March on the square" in deep


def test_a_later_page_follows_a_change(client, first, add_incident, monkeypatch):
    monkeypatch.setattr(listing, "PER_PAGE", 1)
    march = add_incident("March on the square", date_start=datetime.date(2021, 5, 1))
    found = re.search(r'href="(\?after=[^"]+)" rel="next"', client.get("/observatory/").content.decode())
    later = "/observatory/" + found.group(1)
    assert "March on the square" in client.get(later).content.decode()

    republish(march, title="March to the square")
    after = client.get(later).content.decode()

    assert "March to the square" in after
    assert "March on the square" not in after


def test_a_renamed_region_shows_on_the_next_request(client, first, puno):
    before = pages(client)
    assert ">Puno</option>" in before["index"]

    puno.name = "Puno Altiplano"
    puno.save()
    after = pages(client)

    assert ">Puno Altiplano</option>" in after["index"]  # the filter
    assert ">Puno Altiplano</a></th><td>1</td>" in after["map"]  # the map's table
    assert "Puno Altiplano" in after["figures"]  # the regions chart


def test_a_renamed_type_shows_on_the_next_request(client, first, kinds):
    clash = kinds["clash"]
    before = pages(client)
    assert clash.display_name in before["figures"]

    clash.name = "Armed clash"
    clash.name_es = ""
    clash.save()
    after = pages(client)

    assert ">Armed clash</option>" in after["index"]
    assert '<tr><th scope="row">Armed clash</th><td>1</td></tr>' in after["figures"]


def test_actors_and_cases_join_and_leave_the_filters(client, first, incident_index):
    assert "Rondas of Ollachea" not in pages(client)["index"]

    actor = services.add_actor(incident_index, "Rondas of Ollachea", ActorType.COMMUNITY)
    case = services.add_case(incident_index, "San Gaban dispute")
    after = client.get("/observatory/").content.decode()
    assert f'<option value="{actor.slug}">Rondas of Ollachea</option>' in after
    assert f'<option value="{case.slug}">San Gaban dispute</option>' in after

    actor.unpublish()
    case.title = "The San Gaban dispute"
    case.save_revision().publish()
    after = client.get("/observatory/").content.decode()
    assert "Rondas of Ollachea" not in after
    assert ">The San Gaban dispute</option>" in after


def test_a_renamed_actor_shows_renamed_on_the_list(client, incident_index, add_incident):
    actor = services.add_actor(incident_index, "Rondas of Ollachea", ActorType.COMMUNITY)
    add_incident("Clash at the river", actors=[(actor, ActorRole.VICTIM)])
    listed = client.get(f"/observatory/?actor={actor.slug}").content.decode()
    assert "1 incident</p>" in listed

    actor.title = "Rondas campesinas of Ollachea"
    actor.save_revision().publish()
    listed = client.get(f"/observatory/?actor={actor.slug}").content.decode()

    assert ">Rondas campesinas of Ollachea</option>" in listed
    assert "1 incident</p>" in listed


def test_an_incident_page_follows_its_incident_actors_case_and_news(
    client, incident_index, add_incident, site_tree
):
    news_index = NewsIndexPage.objects.child_of(site_tree["en"]).get()
    item = NewsItemPageFactory(parent=news_index, title="Rondas report", publish=True)
    actor = services.add_actor(incident_index, "Rondas of Ollachea", ActorType.COMMUNITY)
    case = services.add_case(incident_index, "San Gaban dispute")
    incident = add_incident(
        "Clash at the river", actors=[(actor, ActorRole.VICTIM)], case=case, news_items=[item]
    )
    before = client.get(incident.url).content.decode()
    for text in ("Clash at the river", "Rondas of Ollachea", "San Gaban dispute", "Rondas report"):
        assert text in before

    republish(incident, title="Clash by the bridge")
    actor.title = "Rondas campesinas"
    actor.save_revision().publish()
    case.title = "The San Gaban dispute"
    case.save_revision().publish()
    item.unpublish()
    after = client.get(IncidentPage.objects.get(pk=incident.pk).url).content.decode()

    assert "Clash by the bridge" in after
    assert ">Rondas campesinas</a>" in after
    assert ">The San Gaban dispute</a>" in after
    assert "Rondas report" not in after


def test_a_sensitive_incident_page_never_shows_what_it_showed_before(client, first):
    before = client.get(first.url).content.decode()
    assert "14 March 2024" in before

    republish(first, is_sensitive=True)
    after = client.get(first.url).content.decode()

    assert "14 March 2024" not in after
    assert "March 2024" in after


@pytest.fixture
def file_cache(settings, tmp_path):
    """The default cache on files, as without Redis, so its entries can be counted."""
    directory = tmp_path / "cache"
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(directory),
        },
    }
    caches["default"].clear()
    return directory


def cache_entries(directory):
    return sum(1 for path in Path(directory).iterdir() if path.suffix == ".djcache")


def test_made_up_cursors_and_values_add_nothing_to_the_cache(client, first, file_cache):
    client.get("/observatory/?after=2030-01-01.1")  # the list's count, kept once
    client.get("/observatory/?deaths=yes")
    entries = cache_entries(file_cache)

    for n in range(2, 22):
        assert client.get(f"/observatory/?after=2030-01-01.{n}").status_code == 200
        assert client.get(f"/observatory/?deaths=yes{n}").status_code == 200

    assert cache_entries(file_cache) == entries
    assert "Clash at the river" in client.get("/observatory/?after=2030-01-01.99").content.decode()
