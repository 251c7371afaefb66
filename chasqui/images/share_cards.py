"""Share cards: the picture a link shows on social media when its page has no photo of its own.

A 1200×630 card with the title, the organisation's name and colours and a small map of Peru with
the page's regions filled in. It is drawn once per revision (and per brand: new colours or name
give new cards), kept in media storage like a rendition, and its address is cached, so a request
never draws one again.
"""

import hashlib
import io
from functools import cache

from django.core.cache import cache as django_cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont

from chasqui.core.geo import draw_map
from chasqui.core.renditions import RENDITION_CACHE_TIMEOUT
from chasqui.core.sites import absolute_url
from chasqui.core.theme import DEFAULT_COLOURS, text_colour_on, valid_colour

CARD_WIDTH, CARD_HEIGHT = 1200, 630
STORAGE_FOLDER = "share-cards"
MARGIN = 64
MAP_BOX = (800, 40, 1160, 590)
TEXT_RIGHT = 760
FONT_CANDIDATES = {
    True: ("DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    False: ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
}


@cache
def card_font(size, bold=False):
    """DejaVu where it is installed, else Pillow's own font: a card never fails for want of a font."""
    for candidate in FONT_CANDIDATES[bold]:
        try:
            return ImageFont.truetype(candidate, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def wrap(draw, text, font, width, max_lines):
    """Lines of `text` no wider than `width`, the last one ending in … when the text is cut."""
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while lines[-1] and draw.textlength(lines[-1] + " …", font=font) > width:
            lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
        lines[-1] += " …"
    return lines


def mix(colour, other, amount):
    """`colour` moved `amount` (0 to 1) of the way towards `other`, both #rrggbb."""
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def draw_card(title, organisation, primary, accent, regions):
    """The card as PNG bytes."""
    ink = text_colour_on(primary)
    image = Image.new("RGB", (CARD_WIDTH, CARD_HEIGHT), primary)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, CARD_HEIGHT - 18, CARD_WIDTH, CARD_HEIGHT), fill=accent)
    draw_map(draw, MAP_BOX, regions, fill=mix(primary, ink, 0.25), highlight=ink, outline=primary)
    title_font = card_font(58, bold=True)
    y = MARGIN
    for line in wrap(draw, title, title_font, TEXT_RIGHT - MARGIN, max_lines=6):
        draw.text((MARGIN, y), line, font=title_font, fill=ink)
        y += 72
    name_font = card_font(32)
    draw.text((MARGIN, CARD_HEIGHT - 70), organisation, font=name_font, fill=ink, anchor="ls")
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def _brand(site_settings):
    primary = valid_colour(getattr(site_settings, "primary_colour", None), DEFAULT_COLOURS["primary"])
    accent = valid_colour(getattr(site_settings, "accent_colour", None), DEFAULT_COLOURS["accent"])
    organisation = getattr(site_settings, "organisation_name", "") or ""
    return organisation, primary, accent


def card_name(page, site_settings):
    """The card's file name: the page, its revision and a digest of the brand drawn on it."""
    revision = page.live_revision_id or page.latest_revision_id or 0
    brand = "|".join(_brand(site_settings))
    digest = hashlib.sha256(f"{brand}|{page.title}".encode()).hexdigest()[:12]
    return f"{STORAGE_FOLDER}/{page.pk}-{revision}-{digest}.png"


def share_card(page, site_settings):
    """{url, width, height, alt} of the page's card, drawing and storing it on first use only."""
    name = card_name(page, site_settings)
    key = f"chasqui:share-card:{name}"
    data = django_cache.get(key)
    if data is None:
        if not default_storage.exists(name):
            organisation, primary, accent = _brand(site_settings)
            png = draw_card(page.title, organisation, primary, accent, page.share_card_regions())
            name = default_storage.save(name, ContentFile(png))
        data = {
            "url": absolute_url(default_storage.url(name)),
            "width": CARD_WIDTH,
            "height": CARD_HEIGHT,
            "alt": page.title,
        }
        django_cache.set(key, data, RENDITION_CACHE_TIMEOUT)
    return data
