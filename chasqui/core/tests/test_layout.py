"""The site-wide layout: landmarks, navigation, brand colours, error pages and query budget."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import translation
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from chasqui.core.models import SiteSettings
from chasqui.core.views import server_error
from chasqui.images.models import CustomImage
from chasqui.pages.models import StandardPage

pytestmark = pytest.mark.django_db

# A background page served to an anonymous reader: Wagtail's routing and
# privacy checks take seven; the layout adds site settings and translations.
LAYOUT_PAGE_QUERY_BUDGET = 9


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def publish_child(parent, title, *, show_in_menus=True):
    page = parent.add_child(instance=StandardPage(title=title, show_in_menus=show_in_menus, live=False))
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


def get_soup(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.content, "html.parser")


def test_skip_link_is_first_and_targets_main(client, site_tree):
    soup = get_soup(client, "/")

    first_link = soup.body.find("a")
    assert "skip-link" in first_link["class"]
    assert first_link["href"] == "#main"
    assert soup.find(id="main").name == "main"


def test_page_has_one_of_each_landmark(client, site_tree):
    soup = get_soup(client, "/news/")

    assert len(soup.find_all("header", class_="site-header")) == 1
    assert len(soup.find_all("main")) == 1
    assert len(soup.find_all("footer", class_="site-footer")) == 1
    labels = [nav.get("aria-label") for nav in soup.find_all("nav") if nav.find_parent("main") is None]
    assert {"Main", "Language", "Footer"} <= set(labels)


def test_header_shows_organisation_name_and_tagline_from_settings(client, site_tree):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "Peru Monitoring Group"
    site_settings.tagline = "Rights and politics in Peru"
    site_settings.save()

    soup = get_soup(client, "/")

    assert soup.select_one(".site-brand__name").get_text(strip=True) == "Peru Monitoring Group"
    assert soup.select_one(".site-brand__tagline").get_text(strip=True) == "Rights and politics in Peru"
    assert soup.title.get_text().endswith("· Peru Monitoring Group")


def test_main_menu_lists_the_locales_menu_pages_and_search(client, site_tree):
    publish_child(site_tree["en"], "About us")
    publish_child(site_tree["en"], "Hidden page", show_in_menus=False)
    publish_child(site_tree["es"], "Quiénes somos")

    english = [a.get_text(strip=True) for a in get_soup(client, "/").select(".site-nav a")]
    spanish = [a.get_text(strip=True) for a in get_soup(client, "/es/").select(".site-nav a")]

    assert english == ["About us", "Search"]
    assert spanish[0] == "Quiénes somos"
    assert len(spanish) == 2
    assert get_soup(client, "/es/").select(".site-nav a")[-1]["href"] == "/es/search/"


def test_menu_marks_the_current_section(client, site_tree):
    publish_child(site_tree["en"], "About us")
    about = StandardPage.objects.get(title="About us")

    soup = get_soup(client, about.url)

    assert soup.select_one('.site-nav a[aria-current="page"]').get_text(strip=True) == "About us"


def test_menu_cache_is_refreshed_when_a_page_is_published_or_unpublished(client, site_tree):
    get_soup(client, "/")  # fills the cache
    page = publish_child(site_tree["en"], "Join us")

    assert "Join us" in [a.get_text(strip=True) for a in get_soup(client, "/").select(".site-nav a")]

    page.unpublish()

    assert "Join us" not in [a.get_text(strip=True) for a in get_soup(client, "/").select(".site-nav a")]


def test_footer_shows_address_charity_number_and_email(client, site_tree):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.postal_address = "1 Example Street\nLondon\nN1 1AA"
    site_settings.charity_number = "1234567"
    site_settings.email = "info@example.org"
    site_settings.save()

    footer = get_soup(client, "/").select_one(".site-footer")

    assert [line.strip() for line in footer.address.stripped_strings] == [
        "1 Example Street",
        "London",
        "N1 1AA",
    ]
    assert "1234567" in footer.select_one(".site-footer__charity").get_text()
    assert footer.select_one('a[href="mailto:info@example.org"]') is not None


def test_brand_colours_from_settings_become_css_custom_properties(client, site_tree):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.primary_colour = "#123456"
    site_settings.accent_colour = "#0a5c36"
    site_settings.save()

    style = get_soup(client, "/").head.style.get_text()

    assert "--colour-primary:#123456" in style
    assert "--colour-accent:#0a5c36" in style
    assert "--colour-on-primary:#ffffff" in style


def test_pale_brand_colour_gets_dark_text_and_a_readable_link_colour(client, site_tree):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.primary_colour = "#ffe066"
    site_settings.accent_colour = "#ffeeaa"
    site_settings.save()

    style = get_soup(client, "/").head.style.get_text()

    assert "--colour-on-primary:#111111" in style
    assert "--colour-link:#1a1a1a" in style


def test_invalid_colour_is_rejected_by_validation(site_tree):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.primary_colour = "red;}"

    with pytest.raises(ValidationError) as error:
        site_settings.full_clean()

    assert "primary_colour" in error.value.message_dict


def test_invalid_colour_saved_anyway_never_reaches_the_page(client, site_tree):
    # Seven characters: fits the column on every database, but is no colour.
    SiteSettings.objects.filter(site__is_default_site=True).update(primary_colour="red;}</")
    SiteSettings.for_site(Site.objects.get(is_default_site=True))

    html = client.get("/").content.decode()

    assert "red;}</" not in html
    assert "--colour-primary:#8c1c13" in html


def test_missing_page_returns_friendly_404_with_search_and_home_link(client, site_tree):
    soup = get_soup(client, "/no-such-page/", status=404)

    assert soup.h1.get_text(strip=True) == "We can’t find that page"
    form = soup.select_one("main form[role=search]")
    assert form["action"] == "/search/"
    assert form.select_one("input[name=q]") is not None
    assert soup.select_one("main a.button")["href"] == "/"
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"


def test_spanish_404_links_to_the_spanish_home_and_search(client, site_tree):
    soup = get_soup(client, "/es/no-existe/", status=404)

    assert soup.html["lang"] == "es"
    assert soup.select_one("main form[role=search]")["action"] == "/es/search/"
    assert soup.select_one("main a.button")["href"] == "/es/"


def test_server_error_handler_renders_without_database_or_context(django_assert_num_queries):
    request = RequestFactory().get("/")

    with translation.override("en"), django_assert_num_queries(0):
        response = server_error(request)

    assert response.status_code == 500
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "Something went wrong"
    assert soup.select_one("form[role=search]")["action"] == "/search/"


def test_layout_queries_do_not_grow_with_the_menu(client, site_tree, django_assert_max_num_queries):
    page = publish_child(site_tree["en"], "About us")
    client.get(page.url)
    with django_assert_max_num_queries(100) as few_items:
        client.get(page.url)

    for number in range(6):
        publish_child(site_tree["en"], f"Section {number}")
    client.get(page.url)
    with django_assert_max_num_queries(100) as many_items:
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")

    assert len(soup.select(".site-nav a")) == 8
    assert len(many_items.captured_queries) == len(few_items.captured_queries)


def test_warm_layout_reads_settings_and_images_from_cache(client, site_tree, django_assert_max_num_queries):
    image = CustomImage.objects.create(title="Logo", file=get_test_image_file())
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.logo = site_settings.social_image = image
    site_settings.save()
    page = publish_child(site_tree["en"], "About us")
    client.get(page.url)

    with django_assert_max_num_queries(LAYOUT_PAGE_QUERY_BUDGET) as context:
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")

    sqls = [query["sql"] for query in context.captured_queries]
    assert [sql for sql in sqls if "core_sitesettings" in sql] == []
    assert len([sql for sql in sqls if '"translation_key" =' in sql]) == 1
    assert [sql for sql in sqls if "images_" in sql] == []
    assert soup.select_one(".site-brand__logo")["src"].startswith("/")
