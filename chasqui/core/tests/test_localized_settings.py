"""Site settings readers see have a Spanish counterpart: Spanish pages and emails show it, and fall
back to the English value where the editors left it empty."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.models import Site

from chasqui.core.localized import localized_value
from chasqui.core.mail import render_email
from chasqui.core.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_settings(site_tree):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.tagline = "Human rights in Peru, week by week"
    settings.tagline_es = "Derechos humanos en el Perú, semana a semana"
    settings.description = "A charity that follows Peru."
    settings.description_es = "Una organización que sigue al Perú."
    settings.postal_address = "1 Example Street\nLondon\nUnited Kingdom"
    settings.postal_address_es = "1 Example Street\nLondres\nReino Unido"
    settings.save()
    return settings


def test_the_active_language_picks_the_counterpart_and_falls_back_to_english(site_settings):
    with translation.override("es"):
        assert site_settings.localized.tagline == "Derechos humanos en el Perú, semana a semana"
        assert site_settings.localized.organisation_name == site_settings.organisation_name  # left empty
        assert site_settings.localized.email == site_settings.email  # not translatable: as it is
    with translation.override("en"):
        assert site_settings.localized.tagline == "Human rights in Peru, week by week"
    assert localized_value(site_settings, "tagline", "es") == site_settings.tagline_es


def test_spanish_pages_show_the_spanish_tagline_address_and_description(client, site_settings):
    spanish = BeautifulSoup(client.get("/es/").content, "html.parser")
    english = BeautifulSoup(client.get("/").content, "html.parser")

    assert (
        spanish.select_one(".site-brand__tagline").get_text()
        == "Derechos humanos en el Perú, semana a semana"
    )
    assert "Reino Unido" in spanish.select_one(".site-footer__address").get_text()
    assert spanish.select_one('meta[name="description"]')["content"] == "Una organización que sigue al Perú."
    assert english.select_one(".site-brand__tagline").get_text() == "Human rights in Peru, week by week"
    assert "United Kingdom" in english.select_one(".site-footer__address").get_text()


def test_an_empty_spanish_tagline_shows_the_english_one(client, site_settings):
    site_settings.tagline_es = ""
    site_settings.save()

    spanish = BeautifulSoup(client.get("/es/").content, "html.parser")

    assert spanish.select_one(".site-brand__tagline").get_text() == "Human rights in Peru, week by week"


def test_emails_carry_the_address_in_the_readers_language(site_settings):
    with translation.override("es"):
        assert (
            "Reino Unido"
            in render_email("subscribers/email/confirm", {"confirm_url": "x", "confirm_days": 7}).html
        )
    assert (
        "United Kingdom"
        in render_email(
            "subscribers/email/confirm", {"confirm_url": "x", "confirm_days": 7}, language="en"
        ).html
    )


def test_editors_find_the_spanish_fields_in_a_spanish_tab(client, django_user_model, site_settings):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw"))
    site = Site.objects.get(is_default_site=True)

    page = BeautifulSoup(client.get(f"/admin/settings/core/sitesettings/{site.pk}/").content, "html.parser")

    assert any(tab.get_text(strip=True).startswith("Spanish") for tab in page.select('[role="tab"]'))
    assert page.select_one('[name="tagline_es"]')["value"] == "Derechos humanos en el Perú, semana a semana"
