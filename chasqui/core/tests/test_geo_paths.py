"""The map's SVG paths: short to send, and still every kept point where the projection puts it."""

import re

import pytest

from chasqui.core.geo import Projection, departments, svg_paths, svg_ring

NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)")


def absolute_points(path):
    """The points of a path written as one M and relative steps (l ... z), back in absolute form."""
    assert path.startswith("M")
    assert path.endswith("z")
    first, steps = path[1:-1].split("l")
    x, y = (float(value) for value in first.split())
    points = [(x, y)]
    values = [float(value) for value in NUMBER.findall(steps)]
    for dx, dy in zip(values[::2], values[1::2], strict=True):
        x, y = round(x + dx, 1), round(y + dy, 1)
        points.append((x, y))
    return points


@pytest.mark.parametrize("slug", ["puno", "lima", "madre-de-dios"])
def test_a_ring_drawn_in_steps_comes_back_to_the_same_points(slug):
    project, _height = Projection.fit_width(600)
    ring = departments(holes=True)[slug][0]
    path = svg_ring(ring, project, simplify=2.0)
    kept = []
    for lon, lat in ring:
        point = project.rounded(lon, lat)
        if not kept or abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) >= 2.0:
            kept.append(point)
    assert absolute_points(path) == kept


def test_every_department_has_a_path_and_the_numbers_are_written_short():
    project, _height = Projection.fit_width(600)
    paths = svg_paths(project)
    assert len(paths) == 25
    assert all(paths.values())
    joined = "".join(paths.values())
    assert " 0." not in joined
    assert "-0." not in joined
    assert "L" not in joined
