"""The sizes a picture is served at, in one place: the picture tag and the listings' prefetch share them.

Each variant is a set of widths in WebP with a JPEG fallback; `sizes` tells the browser how wide
the picture is drawn, so a phone never downloads the desktop file.
"""

import mimetypes
from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from chasqui.core.sites import absolute_url

FORMATS = "format-{webp,jpeg}"


@dataclass(frozen=True)
class Variant:
    sizes_spec: str
    sizes: str

    @property
    def specs(self):
        return Filter.expand_spec([self.sizes_spec, FORMATS])


VARIANTS = {
    # The picture at the top of an item, and the home page's lead story.
    "lead": Variant(
        "fill-{480x320,800x533,1200x800}", "(min-width: 75em) 46rem, (min-width: 48em) 66vw, 100vw"
    ),
    # Beside a teaser in a list.
    "thumb": Variant("fill-{160x120,320x240}", "(min-width: 48em) 10rem, 6rem"),
}


def variant_specs(*names):
    return [spec for name in names for spec in VARIANTS[name].specs]


def with_lead_images(queryset, *variants, specs=()):
    """`queryset` with each page's lead image and its renditions fetched in two queries."""
    images = get_image_model().objects.prefetch_renditions(*variant_specs(*variants), *specs)
    return queryset.prefetch_related(Prefetch("lead_image", queryset=images))


def prefetch_lead_images(pages, specs):
    """Fetch the lead images of pages already loaded, with their renditions at `specs`."""
    images = get_image_model().objects.prefetch_renditions(*specs)
    prefetch_related_objects(list(pages), Prefetch("lead_image", queryset=images))
    return pages


def lead_image_data(page, spec):
    """{url (absolute), width, height, alt, type} of the page's lead image at `spec`, or None.

    For feeds and emails, read away from the page: prefetch with `with_lead_images(specs=...)`.
    """
    image = page.lead_image if getattr(page, "lead_image_id", None) else None
    if image is None:
        return None
    try:
        rendition = image.get_rendition(spec)
    except (OSError, ValueError):  # a missing file must not break a feed or a bulletin
        return None
    return {
        "url": absolute_url(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": page.lead_image_alt,
        "type": mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg",
    }


def images_by_id(ids, *variants):
    """{id: image} for listings read as rows, each image with its renditions: two queries in all."""
    wanted = {pk for pk in ids if pk}
    if not wanted:
        return {}
    images = get_image_model().objects.filter(pk__in=wanted).prefetch_renditions(*variant_specs(*variants))
    return {image.pk: image for image in images}


def distinct_widths(renditions):
    """One rendition per format and width: a small original makes several sizes alike, and a
    srcset may not name the same width twice."""
    kept, seen = {}, set()
    for spec, rendition in renditions.items():
        key = (rendition.file.name.rsplit(".", 1)[-1], rendition.width)
        if key not in seen:
            seen.add(key)
            kept[spec] = rendition
    return kept


def picture_html(image, variant, alt, eager=False, css_class=""):
    """A <picture> of `image` at the variant's widths, with width and height so nothing shifts."""
    chosen = VARIANTS[variant]
    renditions = distinct_widths(
        get_renditions_or_not_found(image, [Filter(spec=spec) for spec in chosen.specs])
    )
    attrs = {"alt": alt, "sizes": chosen.sizes, "decoding": "async"}
    if eager:
        attrs["fetchpriority"] = "high"
    else:
        attrs["loading"] = "lazy"
    if css_class:
        attrs["class"] = css_class
    return Picture(renditions, attrs).__html__()
