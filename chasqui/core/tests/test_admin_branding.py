"""The admin wears the charity's name and logo from Site settings, not Wagtail's or Chasqui's."""

import pytest
from bs4 import BeautifulSoup
from wagtail.images.tests.utils import get_test_image_file

from chasqui.core.models import SiteSettings
from chasqui.core.renditions import cached_rendition
from chasqui.core.sites import default_site
from chasqui.images.models import CustomImage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def branded(site_tree):
    """The default site's settings with a name and a logo of the charity's own."""
    logo = CustomImage.objects.create(title="PSG logo", file=get_test_image_file())
    site_settings = SiteSettings.for_site(default_site())
    site_settings.organisation_name = "Peru Support Group"
    site_settings.logo = logo
    site_settings.save()
    return site_settings


@pytest.fixture
def signed_in_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw"))
    return client


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def sidebar_brand(soup):
    """What the sidebar shows in place of Wagtail's bird (it reads this template)."""
    return BeautifulSoup(
        soup.select_one("template[data-wagtail-sidebar-branding-logo]").decode_contents(), "html.parser"
    )


def test_login_page_names_the_charity_and_shows_its_logo(client, branded):
    soup = page(client, "/admin/login/")

    logo_url = cached_rendition(branded.logo_id, "height-96")["url"]
    assert soup.title.get_text().strip().endswith("- Peru Support Group")
    assert soup.h1.get_text(strip=True) == "Sign in to Peru Support Group"
    assert soup.select_one(".login-logo img")["src"] == logo_url
    assert "height-96" in logo_url  # a small rendition, not the original upload
    assert "Chasqui" not in soup.get_text()
    assert "Wagtail" not in soup.title.get_text()


def test_dashboard_names_the_charity_with_its_logo_in_the_sidebar(signed_in_client, branded):
    soup = page(signed_in_client, "/admin/")

    assert soup.title.get_text().strip().endswith("- Peru Support Group")
    assert soup.h1.get_text(strip=True) == "Peru Support Group"
    logo = sidebar_brand(soup).img
    assert logo["src"] == cached_rendition(branded.logo_id, "height-96")["url"]
    assert logo["alt"] == "Peru Support Group"
    assert "Chasqui" not in soup.title.get_text() + soup.h1.get_text()


def test_without_a_logo_the_sidebar_shows_the_name_as_text(signed_in_client, branded):
    branded.logo = None
    branded.save()

    brand = sidebar_brand(page(signed_in_client, "/admin/"))

    assert brand.img is None
    assert brand.get_text(strip=True) == "Peru Support Group"


def test_without_settings_the_admin_falls_back_to_the_default_name(signed_in_client, site_tree):
    SiteSettings.objects.all().delete()

    soup = page(signed_in_client, "/admin/")

    assert soup.title.get_text().strip().endswith("- Chasqui")
    assert soup.h1.get_text(strip=True) == "Chasqui"
    assert sidebar_brand(soup).get_text(strip=True) == "Chasqui"


def test_without_any_site_the_login_page_still_names_a_brand(client):
    soup = page(client, "/admin/login/")

    assert soup.h1.get_text(strip=True) == "Sign in to Chasqui"
    assert soup.select_one(".login-logo") is None


def test_a_warm_admin_page_reads_the_brand_from_the_cache(
    signed_in_client, branded, django_assert_max_num_queries
):
    signed_in_client.get("/admin/")

    with django_assert_max_num_queries(100) as context:
        signed_in_client.get("/admin/")

    sqls = [query["sql"] for query in context.captured_queries]
    assert [sql for sql in sqls if "core_sitesettings" in sql] == []
    # The dashboard counts the images; the brand fetches none of them, nor their renditions.
    assert [sql for sql in sqls if "images_" in sql and "COUNT(*)" not in sql] == []


def test_a_new_name_shows_at_once(signed_in_client, branded):
    page(signed_in_client, "/admin/")
    branded.organisation_name = "PSG"
    branded.save()

    assert page(signed_in_client, "/admin/").h1.get_text(strip=True) == "PSG"
