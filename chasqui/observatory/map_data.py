"""What the map shows: incidents per region (the choropleth) and where they happened (markers).

Markers are grouped in the database: located incidents fall into cells of CELL degrees (about
110 km), split by region, and each group is one dot sized by its number, placed at the mean of
its incidents' public coordinates (a 0.1° grid for sensitive ones, kept by the incident's save()).
So the page weighs the same for 200 incidents as for 20,000, and costs the same queries: one count
per region, one grouping, and one for the groups of a single incident, which link to it.
"""

import math
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from django.db.models import Avg, Count, F, Min
from django.db.models.functions import Floor
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import ngettext

from chasqui.core.geo import Projection, region_key, svg_paths
from chasqui.news.models import Region

from .records import for_listing, public_incidents

CELL = Decimal(1)  # degree: about 38 pixels on the map; Peru holds some 250 (region, cell) groups
MARKER_LIMIT = 300  # groups drawn at most, the largest first
WIDTH = 480
PADDING = 6
SIMPLIFY = 2.0  # pixels: the 25 regions weigh a few tens of kilobytes
SHADES = 5  # fill classes map-region--0 (none) to map-region--4 (most)
SINGLE_RADIUS = 3.5
GROUP_RADIUS = (5.0, 11.0)  # the smallest and the largest group's dot
DIGIT_WIDTH = 5  # pixels a digit of a group's count takes
MARKER_SVG = (
    '<a href="{}" class="{}" aria-label="{}"><circle cx="{}" cy="{}" r="{}"><title>{}</title></circle>{}</a>'
)


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
    radius: float
    count: int
    label: str
    url: str

    @property
    def count_fits(self):
        """A group's dot shows its number when the digits fit inside it."""
        return self.count > 1 and len(str(self.count)) * DIGIT_WIDTH <= 2 * self.radius

    def svg(self):
        """The dot as SVG, its label escaped: hundreds of them cost a template loop far more."""
        x, y, radius = f"{self.x:g}", f"{self.y:g}", f"{self.radius:g}"
        number = ""
        if self.count_fits:
            number = format_html('<text x="{}" y="{}" aria-hidden="true">{}</text>', x, y, self.count)
        css_class = "map-marker map-marker--group" if self.count > 1 else "map-marker"
        return format_html(
            MARKER_SVG,
            self.url,
            css_class,
            self.label,
            x,
            y,
            radius,
            self.label,
            number,
        )


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


def group_radius(count, most):
    """A group's dot grows with the square root of its number: its area tells the count."""
    if count == 1:
        return SINGLE_RADIUS
    smallest, largest = GROUP_RADIUS
    return round(smallest + (largest - smallest) * math.sqrt(count / most), 1)


def marker_groups(queryset):
    """(groups, cut): the located incidents of `queryset` counted per region and cell, largest first.

    Every value read is public: the grouping, the means and the order use only public coordinates.
    """
    located = queryset.model.objects.filter(
        pk__in=queryset.order_by().values("pk"), public_latitude__isnull=False, public_longitude__isnull=False
    )
    groups = list(
        located.annotate(
            cell_row=Floor(F("public_latitude") / CELL), cell_column=Floor(F("public_longitude") / CELL)
        )
        .values("region_id", "cell_row", "cell_column")
        .annotate(
            total=Count("pk"),
            latitude=Avg("public_latitude"),
            longitude=Avg("public_longitude"),
            first=Min("pk"),
        )
        .order_by("-total", "cell_row", "cell_column", "region_id")[: MARKER_LIMIT + 1]
    )
    return groups[:MARKER_LIMIT], len(groups) > MARKER_LIMIT


def incident_markers(queryset, regions, index_url, all_regions_url):
    """(markers, cut): a dot per group; a group of one is its incident, linked to its page, a larger
    one to its region's list (`regions`, MapRegions by id; `all_regions_url` for incidents of none)."""
    groups, cut = marker_groups(queryset)
    singles = [group["first"] for group in groups if group["total"] == 1]
    pages = for_listing(queryset.model.objects.filter(pk__in=singles))
    records = {record.id: record for record in public_incidents(list(pages), index_url, with_actors=False)}
    most = max((group["total"] for group in groups), default=1)
    project = frame()[0]
    markers = []
    for group in groups:
        x, y = project.rounded(float(group["longitude"]), float(group["latitude"]))
        record = records.get(group["first"]) if group["total"] == 1 else None
        if record:
            label, url = f"{record.title}, {record.date_label}", record.url
        else:
            label, url = group_label_and_url(group, regions.get(group["region_id"]), all_regions_url)
        markers.append(MapMarker(x, y, group_radius(group["total"], most), group["total"], label, url))
    return markers, cut


def group_label_and_url(group, region, all_regions_url):
    """A group links to its region's list, the other filters kept."""
    count = group["total"]
    if region is None:
        label = ngettext("%(count)s incident here", "%(count)s incidents here", count) % {"count": count}
        return label, all_regions_url
    label = ngettext(
        "%(count)s incident here, in %(region)s", "%(count)s incidents here, in %(region)s", count
    ) % {"count": count, "region": region.name}
    return label, region.url


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
    regions = {}
    for region in Region.objects.all():
        count = per_region.get(region.pk, 0)
        params = filters.query_params(region=region.slug)
        regions[region.pk] = MapRegion(
            region.name,
            region.slug,
            count,
            shade(count, most),
            paths.get(region_key(region.name), ""),
            f"{index_url}?{urlencode(params)}",
        )
    all_regions_url = f"{index_url}?{urlencode(filters.query_params())}".rstrip("?")
    markers, cut = incident_markers(queryset, regions, index_url, all_regions_url)
    return {
        "regions": list(regions.values()),
        "markers": markers,
        "markers_svg": format_html_join("", "{}", ((marker.svg(),) for marker in markers)),
        "width": WIDTH,
        "height": frame()[1],
        "total": sum(per_region.values()),
        "markers_cut": cut,
    }
