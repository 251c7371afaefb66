import datetime
from decimal import Decimal

import pytest

from chasqui.news.models import NewsIndexPage, Region
from chasqui.news.tests.factories import NewsItemPageFactory
from chasqui.observatory import bulk, services
from chasqui.observatory.choices import ActorRole, ActorType
from chasqui.observatory.models import (
    IncidentActor,
    IncidentIndexPage,
    IncidentPage,
    IncidentSource,
    IncidentType,
)

SECRET_NAME = "Zacarías Quispetupa"


@pytest.fixture
def incident_index(site_tree):
    return IncidentIndexPage.objects.child_of(site_tree["en"]).get()


@pytest.fixture
def puno(db):
    return Region.objects.get(slug="puno")


@pytest.fixture
def kinds(db):
    return {kind.slug: kind for kind in IncidentType.objects.all()}


@pytest.fixture
def add_incident(incident_index, puno, kinds):
    def add(title="Clash at the river", **fields):
        index = fields.pop("index", incident_index)
        values = {
            "date_start": datetime.date(2024, 3, 14),
            "region": puno,
            "incident_type": kinds["clash"],
            "description": f"What happened: {title}.",
        }
        values.update(fields)
        return services.add_incident(index, title, **values)

    return add


@pytest.fixture
def sensitive_world(incident_index, add_incident, puno, kinds, site_tree):
    """A sensitive defender in a sensitive, located incident reported by a news item."""
    news_index = NewsIndexPage.objects.child_of(site_tree["en"]).get()
    item = NewsItemPageFactory(
        parent=news_index, title="Defender threatened", slug="defender-threatened", publish=True
    )
    leader = services.add_actor(
        incident_index,
        "A community leader",
        ActorType.PERSON,
        is_sensitive=True,
        real_name=SECRET_NAME,
        other_names="Don Zaca",
    )
    company = services.add_actor(incident_index, "Minera Sur SAC", ActorType.COMPANY)
    incident = add_incident(
        "Threats against a river defender",
        date_start=datetime.date(2024, 3, 14),
        latitude=Decimal("-13.27345"),
        longitude=Decimal("-70.45678"),
        incident_type=kinds["defender-attack"],
        is_sensitive=True,
        actors=[(leader, ActorRole.VICTIM), (company, ActorRole.PERPETRATOR)],
        sources=[
            {
                "title": "Radio report",
                "url": "https://radio.example/zacarias-quispetupa",
                "date": datetime.date(2024, 3, 15),
            }
        ],
        news_items=[item],
    )
    return {"leader": leader, "company": company, "incident": incident, "news_item": item}


@pytest.fixture
def bulk_incidents(incident_index, puno, kinds, django_capture_on_commit_callbacks):
    """Write `count` live incidents at once (chasqui.observatory.bulk); `fields(n)` varies them."""

    def add(count, fields=lambda n: {}, index=None):
        incidents = []
        for n in range(count):
            values = {
                "title": f"Bulk incident {n}",
                "date_start": datetime.date(2023, 1, 1) + datetime.timedelta(days=n % 700),
                "region": puno,
                "incident_type": kinds["clash"],
                "description": f"What happened in bulk incident {n}.",
            }
            values.update(fields(n))
            actors, sources = values.pop("actors", ()), values.pop("sources", ())
            incident = IncidentPage(**values)
            incident.actor_links = [IncidentActor(actor=actor, role=role) for actor, role in actors]
            incident.sources = [IncidentSource(**source) for source in sources]
            incidents.append(incident)
        with django_capture_on_commit_callbacks(execute=True):  # the caches hear of it, as after a commit
            return bulk.add_incidents(index or incident_index, incidents)

    return add
