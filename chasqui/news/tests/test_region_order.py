"""Regions are listed by their name without accents or case, in the admin and on the archive."""

import pytest
from bs4 import BeautifulSoup

from chasqui.core.text import folded
from chasqui.news.models import Region

from .factories import RegionFactory

pytestmark = pytest.mark.django_db


def test_folding_drops_accents_and_case():
    assert folded("Áncash") == "ancash"
    assert folded("San Martín") == "san martin"


def test_the_loaded_regions_sort_accented_names_in_place(db):
    names = list(Region.objects.values_list("name", flat=True))

    assert names.index("Áncash") == 1  # after Amazonas, before Apurímac
    assert names == sorted(names, key=folded)


def test_a_region_added_or_renamed_keeps_its_place(db):
    region = RegionFactory(name="Ébano", slug="ebano")
    assert region.sort_name == "ebano"
    region.name = "Ñuñoa"
    region.save(update_fields=["name"])
    region.refresh_from_db()
    assert region.sort_name == "nunoa"


def test_the_archive_filter_and_the_admin_list_regions_in_the_same_order(client, admin_client, news_index):
    expected = sorted(Region.objects.values_list("name", flat=True), key=folded)

    archive = BeautifulSoup(client.get("/news/").content, "html.parser")
    offered = [option.get_text(strip=True) for option in archive.select('select[name="region"] option')][1:]
    editor = BeautifulSoup(
        admin_client.get(f"/admin/pages/add/news/newsitempage/{news_index.pk}/").content, "html.parser"
    )
    boxes = [box.parent.get_text(strip=True) for box in editor.select('input[name="regions"]')]

    assert offered == expected
    assert boxes == expected
    assert offered.index("Áncash") < offered.index("Ucayali")
