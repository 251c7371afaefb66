"""Peru's regions as SVG paths, from the GeoJSON in geo/ (MPL 2.0, see geo/README.md).

An equirectangular projection scaled by the cosine of Peru's middle latitude is accurate enough
for a country this size. Coordinates are rounded to a tenth of a pixel and points closer than
SIMPLIFY pixels to the last one kept are dropped, so the whole map weighs a few tens of kilobytes.
"""

import json
import math
from functools import cache
from pathlib import Path

from chasqui.core.text import folded

GEOJSON = Path(__file__).resolve().parent / "geo" / "peru-departments.geojson"
WIDTH = 480
PADDING = 6
SIMPLIFY = 2.0


def rings(geometry):
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        yield from polygon


@cache
def features():
    return json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]


@cache
def frame():
    """(west, north, x scale, y scale, height) fitting Peru in WIDTH pixels."""
    points = [point for f in features() for ring in rings(f["geometry"]) for point in ring]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    x_scale = (WIDTH - 2 * PADDING) / (east - west)
    y_scale = x_scale / math.cos(math.radians((north + south) / 2))
    height = round((north - south) * y_scale + 2 * PADDING)
    return west, north, x_scale, y_scale, height


def project(longitude, latitude):
    west, north, x_scale, y_scale, _height = frame()
    return round(PADDING + (longitude - west) * x_scale, 1), round(PADDING + (north - latitude) * y_scale, 1)


def ring_path(ring):
    kept = []
    for longitude, latitude in ring:
        x, y = project(longitude, latitude)
        if not kept or abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= SIMPLIFY:
            kept.append((x, y))
    if len(kept) < 3:
        return ""
    return "M" + "L".join(f"{x:g} {y:g}" for x, y in kept) + "Z"


@cache
def region_paths():
    """{folded region name: SVG path data} for the 25 regions."""
    return {
        folded(f["properties"]["NOMBDEP"]): "".join(ring_path(ring) for ring in rings(f["geometry"]))
        for f in features()
    }


def map_size():
    return WIDTH, frame()[4]
