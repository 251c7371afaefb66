"""Peru's departments as drawable shapes: loading the GeoJSON, projecting it, drawing it.

The boundaries (`geodata/`, MPL 2.0, see its README) are keyed by slug, the same slug the news
regions carry (`Áncash` and `ANCASH` are both `ancash`), so any app can match its regions to
shapes without knowing the file's spelling. Share cards draw them with Pillow (`draw_map`), the
observatory's map as SVG paths (`svg_paths`); both through the same `Projection`.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from django.utils.text import slugify

GEOJSON_PATH = Path(__file__).resolve().parent / "geodata" / "peru-departments.geojson"
NAME_PROPERTY = "NOMBDEP"


def region_key(name):
    """The slug a region's name or the file's capitals both come to."""
    return slugify(name or "")


def _rings(geometry, holes):
    """Each polygon's outer ring, and its holes when asked for."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in (polygon if holes else polygon[:1])]


@cache
def departments(holes=False):
    """{slug: [ring, ...]} for the 25 departments, read once per process.

    Without `holes` a hole is simply covered: the few in the file are slivers of a neighbour,
    drawn as part of that neighbour anyway. SVG keeps them (the non-zero fill rule leaves a
    hole empty, its ring running the other way).
    """
    data = json.loads(GEOJSON_PATH.read_text(encoding="utf-8"))
    shapes = {}
    for feature in data["features"]:
        key = region_key(feature["properties"][NAME_PROPERTY])
        rings = [[(float(p[0]), float(p[1])) for p in ring] for ring in _rings(feature["geometry"], holes)]
        shapes.setdefault(key, []).extend(rings)
    return shapes


def _bounds(shapes):
    points = [point for rings in shapes.values() for ring in rings for point in ring]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    return west, east, south, north


@dataclass(frozen=True)
class Projection:
    """Equirectangular, squeezed by the cosine of the middle latitude: true enough for one country."""

    west: float
    north: float
    scale: float
    x_scale: float
    left: float
    top: float

    @classmethod
    def fit(cls, box, shapes=None, padding=0):
        """The projection drawing `shapes` (all departments by default) as large as fits in `box`."""
        west, east, south, north = _bounds(departments() if shapes is None else shapes)
        x_scale = math.cos(math.radians((north + south) / 2))
        left, top, right, bottom = box[0] + padding, box[1] + padding, box[2] - padding, box[3] - padding
        scale = min((right - left) / ((east - west) * x_scale), (bottom - top) / (north - south))
        # Centre the country in the box.
        left += ((right - left) - (east - west) * x_scale * scale) / 2
        top += ((bottom - top) - (north - south) * scale) / 2
        return cls(west=west, north=north, scale=scale, x_scale=x_scale, left=left, top=top)

    @classmethod
    def fit_width(cls, width, padding=0):
        """(projection, height): all departments `width` pixels wide, the height what they need."""
        west, east, south, north = _bounds(departments())
        x_scale = math.cos(math.radians((north + south) / 2))
        scale = (width - 2 * padding) / ((east - west) * x_scale)
        height = round((north - south) * scale + 2 * padding)
        return cls(west=west, north=north, scale=scale, x_scale=x_scale, left=padding, top=padding), height

    def __call__(self, lon, lat):
        return (
            self.left + (lon - self.west) * self.x_scale * self.scale,
            self.top + (self.north - lat) * self.scale,
        )

    def rounded(self, lon, lat):
        """The point to a tenth of a pixel: finer than any screen, and short to write."""
        x, y = self(lon, lat)
        return round(x, 1), round(y, 1)


def draw_map(draw, box, highlighted=(), fill="#dddddd", highlight="#8c1c13", outline="#ffffff"):
    """Draw Peru into `box` on a Pillow ImageDraw, filling the departments named in `highlighted`.

    Returns the slugs that were highlighted, so callers can tell when a name matched nothing.
    """
    wanted = {region_key(name) for name in highlighted}
    shapes = departments()
    project = Projection.fit(box)
    for key, rings in shapes.items():
        colour = highlight if key in wanted else fill
        for ring in rings:
            draw.polygon([project(lon, lat) for lon, lat in ring], fill=colour, outline=outline)
    return sorted(wanted & shapes.keys())


def svg_ring(ring, project, simplify):
    """SVG path data of one ring; points nearer than `simplify` pixels to the last one kept are
    dropped, and a ring shrunk below a triangle is left out ("")."""
    kept = []
    for lon, lat in ring:
        x, y = project.rounded(lon, lat)
        if not kept or abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= simplify:
            kept.append((x, y))
    if len(kept) < 3:
        return ""
    # After the first point, each one as a step from the last ("l", repeated implicitly): the steps
    # are short numbers, and the map's page is mostly these paths.
    steps = [_number(round(x - px, 1)) + _number(round(y - py, 1)) for (px, py), (x, y) in pairwise(kept)]
    first_x, first_y = kept[0]
    return f"M{first_x:g} {first_y:g}l" + "".join(steps).lstrip() + "z"


def _number(value):
    """A coordinate as short as SVG allows: no leading zero, a space only where no sign separates it."""
    text = f"{value:g}"
    if text.startswith("0."):
        text = text[1:]
    elif text.startswith("-0."):
        text = "-" + text[2:]
    return text if text.startswith("-") else " " + text


def svg_paths(project, simplify=2.0):
    """{slug: SVG path data} of every department, holes included, drawn with `project`."""
    return {
        key: "".join(svg_ring(ring, project, simplify) for ring in rings)
        for key, rings in departments(holes=True).items()
    }
