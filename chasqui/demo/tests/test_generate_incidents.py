from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from chasqui.core.geo import departments, region_key
from chasqui.demo.incident_generator import inside
from chasqui.observatory.models import IncidentIndexPage, IncidentPage
from chasqui.observatory.public import public_point

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("generate_incidents", *args, stdout=out)
    return out.getvalue()


def test_generated_incidents_are_live_located_inside_their_region_and_served(client, db):
    output = run("--count", "120", "--seed", "4")

    index = IncidentIndexPage.objects.get(locale__language_code="en")
    incidents = list(IncidentPage.objects.child_of(index).live().select_related("region"))
    assert "Created 120 incidents" in output
    assert len(incidents) == 120
    assert Page.objects.get(pk=index.pk).numchild == len(index.get_children())
    located = [i for i in incidents if i.latitude is not None]
    assert 0.7 < len(located) / len(incidents) < 0.95
    for incident in located:
        point = (float(incident.longitude), float(incident.latitude))
        assert any(inside(point, ring) for ring in departments()[region_key(incident.region.name)])
    assert all((i.public_latitude, i.public_longitude) == public_point(i) for i in incidents)
    assert any(i.is_sensitive and i.public_latitude != i.latitude for i in located)
    assert any(i.actor_links.exists() for i in incidents)
    response = client.get(incidents[0].url)
    assert response.status_code == 200
    assert incidents[0].title in response.content.decode()


def test_a_second_run_adds_after_the_first(db):
    run("--count", "5", "--seed", "1")
    run("--count", "7", "--seed", "2")

    index = IncidentIndexPage.objects.get(locale__language_code="en")
    assert IncidentPage.objects.child_of(index).count() == 12


def test_the_count_must_be_positive(db):
    with pytest.raises(CommandError, match="at least 1"):
        run("--count", "0")
