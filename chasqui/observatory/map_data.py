"""What the map shows: incidents per region (the choropleth) and the located incidents (markers).

Two queries whatever the number of incidents: one count per region, and at most MARKER_LIMIT
markers, each placed from its public coordinates (a 0.1° grid for sensitive incidents).
"""

import math
from dataclasses import dataclass
from functools import cache

from django.db.models import Count
from django.utils.http import urlencode

from chasqui.core.geo import Projection, region_key, svg_paths
from chasqui.news.models import Region

from .records import for_listing, public_incidents

MARKER_LIMIT = 500
WIDTH = 480
PADDING = 6
SIMPLIFY = 2.0  # pixels: the 25 regions weigh a few tens of kilobytes
SHADES = 5  # fill classes map-region--0 (none) to map-region--4 (most)


@dataclass(frozen=True)
class MapRegion:
    name: str
    slug: str
    count: int
    shade: int
    path: str
    url: str


@dataclass(frozen=True)
class MapMarker:
    x: float
    y: float
    title: str
    url: str
    date_label: str


@cache
def frame():
    """(projection, height) of the map: Peru WIDTH pixels wide."""
    return Projection.fit_width(WIDTH, PADDING)


@cache
def region_paths():
    """{region slug: SVG path data}, drawn once per process."""
    return svg_paths(frame()[0], SIMPLIFY)


def shade(count, most):
    """0 for none, else 1 to SHADES - 1 on a square-root scale: one busy region leaves the rest visible."""
    if not count or not most:
        return 0
    return max(1, math.ceil((SHADES - 1) * math.sqrt(count / most)))


def incident_map(index, filters, queryset, index_url):
    """The map's regions, markers and size for the incidents `queryset` holds."""
    per_region = dict(
        filters.apply(queryset.model.objects.child_of(index).published(), skip=("region",))
        .order_by()
        .values_list("region_id")
        .annotate(total=Count("pk", distinct=True))
        .values_list("region_id", "total")
    )
    paths = region_paths()
    most = max(per_region.values(), default=0)
    regions = []
    for region in Region.objects.all():
        path = paths.get(region_key(region.name))
        count = per_region.get(region.pk, 0)
        params = filters.query_params(region=region.slug)
        regions.append(
            MapRegion(
                region.name,
                region.slug,
                count,
                shade(count, most),
                path or "",
                f"{index_url}?{urlencode(params)}",
            )
        )
    located = for_listing(queryset.filter(latitude__isnull=False, longitude__isnull=False)).order_by(
        "-public_date", "-pk"
    )
    markers = []
    for record in public_incidents(list(located[:MARKER_LIMIT]), index_url, with_actors=False):
        x, y = frame()[0].rounded(record.longitude, record.latitude)
        markers.append(MapMarker(x, y, record.title, record.url, record.date_label))
    width, height = WIDTH, frame()[1]
    return {
        "regions": regions,
        "markers": markers,
        "width": width,
        "height": height,
        "total": sum(per_region.values()),
        "markers_cut": len(markers) == MARKER_LIMIT,
    }
