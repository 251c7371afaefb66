from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from chasqui.core.models import SiteSettings
from chasqui.pages.models import HomePage

pytestmark = pytest.mark.django_db


def set_up_site(*args):
    out = StringIO()
    call_command("set_up_site", *args, stdout=out)
    return out.getvalue()


def test_a_fresh_database_gets_homes_in_both_languages_instead_of_the_welcome_page(client):
    assert Page.objects.filter(depth=2, content_type__app_label="wagtailcore").exists()

    output = set_up_site("--name", "Peru Watch")

    assert not Page.objects.filter(depth=2, content_type__app_label="wagtailcore").exists()
    assert HomePage.objects.filter(locale__language_code="en").count() == 1
    assert HomePage.objects.filter(locale__language_code="es").count() == 1
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert SiteSettings.for_site(site).organisation_name == "Peru Watch"
    assert "en: Home" in output
    assert "es: Inicio" in output
    assert client.get("/").status_code == 200
    assert client.get("/es/").status_code == 200


def test_running_it_again_changes_nothing():
    set_up_site()
    pages = Page.objects.count()
    sites = Site.objects.count()

    set_up_site()

    assert Page.objects.count() == pages
    assert Site.objects.count() == sites
