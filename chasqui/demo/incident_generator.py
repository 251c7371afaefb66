"""Synthetic incidents in bulk, so the observatory's index, map, figures and exports can be tried
at archive scale. `chasqui.observatory.bulk` writes them, a thousand a statement.

Most incidents are located, at a point inside their region's boundary; a few are sensitive or
known only to the month, and many name an actor or belong to a case, as real records do.
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from chasqui.core.geo import departments, region_key
from chasqui.news.models import Region
from chasqui.observatory import bulk, services
from chasqui.observatory.choices import ActorRole, ActorType, DatePrecision, Verification
from chasqui.observatory.models import (
    ActorPage,
    CasePage,
    IncidentActor,
    IncidentIndexPage,
    IncidentPage,
    IncidentSource,
    IncidentType,
)
from chasqui.pages.structure import ensure_site_structure

LOCATED_SHARE = 0.85
SENSITIVE_SHARE = 0.05
MONTH_SHARE = 0.1
CASE_SHARE = 0.15
ACTORS = 12  # at least this many actors and
CASES = 4  # cases under the index: the demo's, then generated ones
EVENTS = [
    "Road blockade near the mine",
    "Protest outside the regional government",
    "Clash between police and protesters",
    "Community leader threatened",
    "Spill reported in the river",
    "Dialogue table meets again",
    "Detentions after the march",
    "Strike closes the market",
]


@dataclass
class GeneratedIncidents:
    created: int
    index: IncidentIndexPage


def inside(point, ring):
    """Ray casting: is (lon, lat) inside the ring?"""
    x, y = point
    found = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            found = not found
    return found


def point_in(rng, rings, tries=40):
    """A random (lon, lat) inside one of `rings`, or a point of the boundary after `tries` misses."""
    points = [point for ring in rings for point in ring]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    for _ in range(tries):
        point = (rng.uniform(west, east), rng.uniform(south, north))
        if any(inside(point, ring) for ring in rings):
            return point
    return points[0]


def ensure_pool(index, model, wanted, add):
    """The index's live pages of `model`, topped up to `wanted` with generated ones."""
    pool = list(model.objects.child_of(index).live().order_by("pk"))
    for number in range(len(pool), wanted):
        pool.append(add(number + 1))
    return pool


class IncidentGenerator:
    def __init__(self, index, rng, today, years):
        self.index, self.rng, self.today = index, rng, today
        self.span_days = max(1, years * 365)
        self.regions = list(Region.objects.all())
        self.shapes = departments()
        self.kinds = list(IncidentType.objects.all())
        self.actors = ensure_pool(
            index,
            ActorPage,
            ACTORS,
            lambda n: services.add_actor(index, f"Generated community {n}", ActorType.COMMUNITY),
        )
        self.cases = ensure_pool(
            index, CasePage, CASES, lambda n: services.add_case(index, f"Generated dispute {n}")
        )

    def located(self, region):
        rings = self.shapes.get(region_key(region.name))
        if not rings or self.rng.random() >= LOCATED_SHARE:
            return {}
        lon, lat = point_in(self.rng, rings)
        return {"latitude": Decimal(f"{lat:.5f}"), "longitude": Decimal(f"{lon:.5f}")}

    def count(self, chance, most):
        """Unknown (None) most of the time; otherwise 0 to `most`."""
        return self.rng.randint(0, most) if self.rng.random() < chance else None

    def incident(self, number):
        rng = self.rng
        region, kind = rng.choice(self.regions), rng.choice(self.kinds)
        title = f"{rng.choice(EVENTS)} in {region.name} ({number})"
        incident = IncidentPage(
            title=title,
            date_start=self.today - timedelta(days=rng.randrange(self.span_days)),
            date_precision=DatePrecision.MONTH if rng.random() < MONTH_SHARE else DatePrecision.DAY,
            region=region,
            incident_type=kind,
            killed=self.count(0.1, 3),
            injured=self.count(0.3, 12),
            detained=self.count(0.2, 20),
            description=f"{title}: what the monitors recorded, in a few public sentences.",
            verification=rng.choice(Verification.values),
            case=rng.choice(self.cases) if rng.random() < CASE_SHARE else None,
            is_sensitive=rng.random() < SENSITIVE_SHARE,
            **self.located(region),
        )
        chosen = rng.sample(self.actors, rng.randint(0, 2))
        incident.actor_links = [IncidentActor(actor=a, role=rng.choice(ActorRole.values)) for a in chosen]
        incident.sources = [
            IncidentSource(title=f"Report {number}", url=f"https://example.org/reports/{number}")
        ]
        return incident


@transaction.atomic
def generate_incidents(count, language="en", seed=None, years=8, today=None):
    """Create `count` live incidents under the incidents index for `language`."""
    homes = ensure_site_structure()
    index = IncidentIndexPage.objects.child_of(homes[language]).get()
    generator = IncidentGenerator(index, random.Random(seed), today or timezone.localdate(), years)  # noqa: S311
    first = IncidentPage.objects.child_of(index).count()
    bulk.add_incidents(index, [generator.incident(first + n + 1) for n in range(count)])
    return GeneratedIncidents(created=count, index=index)
