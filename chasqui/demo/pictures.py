"""Which demo items carry a picture, and how they get it: drawn, described, credited, translated."""

from django.utils.text import slugify

from chasqui.news.models import NewsItemPage
from chasqui.publications.models import PublicationPage

from . import illustrations

CREDIT = "Illustration: Peru Support Group"


def region_map(*regions):
    return lambda primary, accent: illustrations.region_map_png(regions, primary, accent)


def landscape(seed):
    return lambda primary, accent: illustrations.landscape_png(seed, primary, accent)


# slug: (drawing, (alt, caption) in English, (alt, caption) in Spanish)
NEWS_PICTURES = {
    "week-of-conflict-at-las-bambas": (
        region_map("Apurímac", "Cusco"),
        (
            "Map of Peru with Apurímac and Cusco highlighted",
            "The mining corridor runs through Apurímac and Cusco.",
        ),
        ("Mapa del Perú con Apurímac y Cusco resaltados", "El corredor minero atraviesa Apurímac y Cusco."),
    ),
    "deal-announced-over-las-bambas": (
        landscape(7),
        ("Drawing of mountain ridges under a low sun", "The southern Andes, drawn for this site."),
        ("Dibujo de cordilleras bajo un sol bajo", "Los Andes del sur, dibujados para este sitio."),
    ),
    "cusurichi-warns-of-risks-to-defenders-in-madre-de-dios": (
        region_map("Madre de Dios"),
        ("Map of Peru with Madre de Dios highlighted", "Madre de Dios borders Brazil and Bolivia."),
        ("Mapa del Perú con Madre de Dios resaltado", "Madre de Dios limita con Brasil y Bolivia."),
    ),
    "two-killed-in-san-gaban-clashes": (
        region_map("Puno"),
        ("Map of Peru with Puno highlighted", "San Gabán lies in the north of the Puno region."),
        ("Mapa del Perú con Puno resaltado", "San Gabán está en el norte de la región Puno."),
    ),
    "uk-supreme-court-zambian-villagers": (
        landscape(23),
        ("Drawing of layered hills at dusk", "An illustration drawn for this site."),
        ("Dibujo de colinas superpuestas al atardecer", "Una ilustración dibujada para este sitio."),
    ),
}
PUBLICATION_PICTURE = (
    landscape(41),
    ("Drawing of Andean ridges in the report's colours", "Drawn for the report's launch."),
    (
        "Dibujo de cordilleras andinas en los colores del informe",
        "Dibujado para la presentación del informe.",
    ),
)


def _attach(loader, page, picture, colours):
    """Give `page` (and its Spanish translation) its drawing, unless it already has a lead image."""
    draw, (alt, caption), (alt_es, caption_es) = picture
    if page.lead_image_id:
        return
    title = f"Illustration: {page.title}"
    image = loader.image(title, f"{slugify(page.slug)}.png", draw(*colours))
    for target, words in ((page, (alt, caption)), (loader.translation_of(page), (alt_es, caption_es))):
        if target is None:
            continue
        target.lead_image = image
        target.lead_image_alt, target.lead_image_caption = words
        target.lead_image_credit = CREDIT
        target.save_revision().publish()
        loader.created["pictures"] += 1


def attach_demo_pictures(loader, colours):
    """Drawn lead images for several news items and the report; the rest share generated cards."""
    for slug, picture in NEWS_PICTURES.items():
        page = NewsItemPage.objects.filter(locale=loader.english, slug=slug).first()
        if page is not None:
            _attach(loader, page, picture, colours)
    report = PublicationPage.objects.filter(locale=loader.english).first()
    if report is not None:
        _attach(loader, report, PUBLICATION_PICTURE, colours)
