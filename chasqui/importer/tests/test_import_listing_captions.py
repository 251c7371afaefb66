"""Old listings that print a picture's caption or credit just above a headline."""

import pytest

from chasqui.importer.models import ImportedItem
from chasqui.importer.parsers.listing import ListingParser
from chasqui.news.models import NewsItemPage

LISTING = """News

• Photo: Andina / Protesters on the Puno road
Two farmers die in San Gabán clashes
15 April 2019
Congress asked the interior minister to explain the events of last week.

• Dialogue table opens over Las Bambas
08 April 2019
Community leaders, the company and ministers met in Lima.

• Foto: archivo de la comunidad
Fuerabamba leaders released
01 April 2019
The court ordered the release of the community president.
"""


def test_a_caption_line_above_a_title_is_kept_apart_as_the_image_caption():
    entries = list(ListingParser(LISTING))

    assert [(entry.title, entry.image_caption) for entry in entries] == [
        ("Two farmers die in San Gabán clashes", "Photo: Andina / Protesters on the Puno road"),
        ("Dialogue table opens over Las Bambas", ""),
        ("Fuerabamba leaders released", "Foto: archivo de la comunidad"),
    ]


@pytest.mark.parametrize("title", ["Photographers detained in Lima", "Credit unions back farmers"])
def test_a_title_that_only_starts_like_a_caption_is_a_title(title):
    listing = (
        f"• {title}\n15 April 2019\nThe text of the item.\n\n• Another item\n08 April 2019\nMore text.\n"
    )

    assert [entry.title for entry in ListingParser(listing)] == [title, "Another item"]


def test_imported_titles_carry_no_caption(run_import, site_tree):
    run_import(LISTING.encode(), name="listing.txt")

    assert set(NewsItemPage.objects.values_list("title", flat=True)) == {
        "Two farmers die in San Gabán clashes",
        "Dialogue table opens over Las Bambas",
        "Fuerabamba leaders released",
    }


def test_the_caption_is_kept_on_the_import_record(run_import, site_tree):
    run_import(LISTING.encode(), name="listing.txt")

    captions = {item.page.title: item.image_caption for item in ImportedItem.objects.select_related("page")}
    assert captions == {
        "Two farmers die in San Gabán clashes": "Photo: Andina / Protesters on the Puno road",
        "Dialogue table opens over Las Bambas": "",
        "Fuerabamba leaders released": "Foto: archivo de la comunidad",
    }


def test_the_caption_is_kept_by_the_editors_path_and_updated_on_reimport(run_import, site_tree):
    run_import(LISTING.encode(), name="listing.txt")
    run_import(LISTING.replace("Andina", "Reuters").encode(), name="listing.txt")

    item = ImportedItem.objects.get(page__title="Two farmers die in San Gabán clashes")
    assert item.image_caption == "Photo: Reuters / Protesters on the Puno road"
