"""Rendition URLs and sizes by image id, cached, so the layout needs no image queries."""

from django.core.cache import cache
from wagtail.images import get_image_model

RENDITION_CACHE_TIMEOUT = 24 * 60 * 60
# Renditions the layout caches by image id; keep in step with the layout tags and base.html.
LAYOUT_RENDITION_SPECS = ("height-96", "fill-1200x630")


def rendition_cache_key(image_id, spec):
    return f"chasqui:rendition:{image_id}:{spec}"


def cached_rendition(image_id, spec):
    """A rendition's URL, size and alt text by image id, cached so layouts need no image queries."""
    if not image_id:
        return None
    key = rendition_cache_key(image_id, spec)
    data = cache.get(key)
    if data is None:
        image = get_image_model().objects.filter(pk=image_id).first()
        if image is None:
            return None
        try:
            rendition = image.get_rendition(spec)
        except (OSError, ValueError):  # a missing or unreadable file or a bad spec must not break pages
            return None
        data = {
            "url": rendition.url,
            "width": int(rendition.width),  # SVG sizes come back as floats
            "height": int(rendition.height),
            "alt": image.title,
        }
        cache.set(key, data, RENDITION_CACHE_TIMEOUT)
    return data
