"""Pictures for the demo's news, drawn in code in the brand colours: maps and Andean landscapes."""

import random
from io import BytesIO

from PIL import Image, ImageDraw

from chasqui.core.geo import draw_map

SIZE = (1600, 1000)


def mix(colour, other, amount):
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def _png(image):
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def region_map_png(regions, primary, accent, size=SIZE):
    """Peru on a pale ground with `regions` in the primary colour, framed by accent contour lines."""
    width, height = size
    ground = mix(accent, "#ffffff", 0.88)
    image = Image.new("RGB", size, ground)
    draw = ImageDraw.Draw(image)
    for step in range(14):
        inset = 40 + step * 34
        draw.ellipse(
            (
                width * 0.5 - inset * 2.2,
                height * 0.5 - inset,
                width * 0.5 + inset * 2.2,
                height * 0.5 + inset,
            ),
            outline=mix(accent, ground, 0.75),
            width=2,
        )
    draw_map(
        draw,
        (width * 0.3, 40, width * 0.7, height - 40),
        regions,
        fill=mix(accent, "#ffffff", 0.55),
        highlight=primary,
        outline="#ffffff",
    )
    return _png(image)


def landscape_png(seed, primary, accent, size=SIZE):
    """Layered mountain ridges under a low sun: each ridge nearer and darker than the last."""
    width, height = size
    rng = random.Random(seed)  # noqa: S311 - a drawing, not a secret
    sky_top, sky_bottom = mix(accent, "#ffffff", 0.55), mix(primary, "#ffffff", 0.8)
    image = Image.new("RGB", size, sky_top)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        draw.line((0, y, width, y), fill=mix(sky_top, sky_bottom, y / height))
    sun_x, sun_y, radius = rng.randint(width // 4, 3 * width // 4), height * 0.38, 110
    draw.ellipse(
        (sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius), fill=mix(primary, "#ffcc66", 0.6)
    )
    for layer in range(5):
        base = height * (0.45 + layer * 0.11)
        colour = mix(mix(accent, primary, layer / 4), "#ffffff", 0.6 - layer * 0.14)
        points, x = [(0, height)], 0
        while x < width:
            points.append((x, base - rng.randint(0, int(140 - layer * 20))))
            x += rng.randint(60, 180)
        points += [(width, base - rng.randint(0, 80)), (width, height)]
        draw.polygon(points, fill=colour)
    return _png(image)
