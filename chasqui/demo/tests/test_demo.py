"""`load_demo` builds a browsable bilingual site, can be rerun safely, and never uses a fixed password."""

import datetime
import re
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from chasqui.core.models import SiteSettings
from chasqui.news.models import NewsItemPage, Topic
from chasqui.pages.models import HomePage, StandardPage
from chasqui.publications.models import PublicationPage


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def printed_password(output):
    match = re.search(r"password: (\S+)", output)
    return match and match.group(1)


@pytest.fixture(scope="module")
def demo_database(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, built once for the module inside a transaction rolled back at its end.

    Each test runs in a savepoint inside it (the `db` fixture), so what one test changes is
    gone before the next; uploaded files go to the module's own media folder.
    """
    with (
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo") / "media"),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield load_demo()
        transaction.set_rollback(True)


@pytest.fixture
def demo_output(demo_database, db):
    return demo_database


def content_counts():
    return {
        "pages": Page.objects.count(),
        "news": NewsItemPage.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
        "topics": Topic.objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_running_load_demo_twice_duplicates_nothing(demo_output):
    first = content_counts()
    second_output = load_demo()

    assert content_counts() == first
    assert get_user_model().objects.filter(username="admin").count() == 1
    assert "nothing added" in second_output


def test_demo_keeps_the_page_tree_consistent(demo_output):
    load_demo()
    for page in Page.objects.all():
        assert page.numchild == Page.objects.child_of(page).count(), page.url_path


def test_demo_news_spans_four_weeks_in_both_languages(demo_output):
    english = NewsItemPage.objects.live().filter(locale__language_code="en")
    spanish = NewsItemPage.objects.live().filter(locale__language_code="es")

    assert english.count() >= 12
    assert min(english.values_list("date", flat=True)) == datetime.date(2019, 3, 23)
    assert max(english.values_list("date", flat=True)) == datetime.date(2019, 4, 15)
    assert spanish.count() >= 4
    for item in spanish:
        source = item.get_translation(english.first().locale)
        assert item.lede != source.specific.lede
        assert set(item.topics.all()) == set(source.specific.topics.all())
    for item in english:
        assert item.topics.exists(), item.slug
        assert item.regions.exists(), item.slug
        assert item.sources.exists(), item.slug
        assert item.latest_revision is not None


def test_home_page_lists_demo_news_newest_first(demo_output, client):
    html = client.get("/").content.decode()

    titles_by_week = [
        "Two farmers killed in San Gabán clashes",
        "Prime minister wins confidence vote",
        "Las Bambas: a week of rising tension",
        "Gonzalo Portocarrero (1949-2019)",
    ]
    positions = [html.find(title) for title in titles_by_week]
    assert -1 not in positions
    assert positions == sorted(positions)


def test_spanish_pages_are_served_under_es(demo_output, client):
    response = client.get("/es/noticias/")
    assert response.status_code == 200
    assert "Acuerdo para poner fin al bloqueo de Las Bambas" in response.content.decode()

    for page in Page.objects.live().filter(locale__language_code="es", depth__gt=2):
        assert page.url.startswith("/es/"), page.url_path
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode()


def test_home_pages_feature_background_pages_and_link_to_joining(demo_output, client):
    for code, slugs, join_url in (
        ("en", ["aims", "historical-overview", "human-rights"], "/members/join/"),
        ("es", ["objetivos", "resena-historica", "derechos-humanos"], "/es/members/join/"),
    ):
        home = HomePage.objects.get(locale__language_code=code)
        featured = [block.value.specific for block in home.featured_pages]
        assert [page.slug for page in featured] == slugs
        assert all(isinstance(page, StandardPage) and page.live for page in featured)
        assert home.join_page is None
        html = BeautifulSoup(client.get(home.url).content, "html.parser")
        assert html.select_one(".why-join a.button")["href"] == join_url
        assert len(home.why_join_benefits) == 3
        assert home.news_weeks == 4


def test_publication_page_offers_the_generated_pdf(demo_output, client):
    publication = PublicationPage.objects.get(locale__language_code="en")
    document = publication.document
    html = client.get(publication.url).content.decode()

    assert document.url in html
    assert document.file_size == document.file.size > 0
    assert document.file_hash
    assert publication.partners.get().name == "Idehpucp"
    assert publication.cover_image.width > 0

    with document.open_file() as handle:
        pdf = handle.read()
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    xref_at = int(re.search(rb"startxref\s+(\d+)", pdf).group(1))
    assert pdf[xref_at:].startswith(b"xref")
    offsets = [int(offset) for offset in re.findall(rb"(\d{10}) 00000 n", pdf)]
    for number, offset in enumerate(offsets, start=1):
        assert pdf[offset:].startswith(b"%d 0 obj" % number)


def test_site_settings_describe_the_charity(demo_output):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))

    assert site_settings.organisation_name == "Peru Support Group"
    assert site_settings.short_name == "PSG"
    assert site_settings.logo is not None
    assert site_settings.logo.width > 0


def test_rerun_keeps_an_editors_changes_to_site_settings(demo_output):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.tagline = "Changed by an editor"
    site_settings.save()

    load_demo()

    site_settings.refresh_from_db()
    assert site_settings.tagline == "Changed by an editor"


def test_admin_password_is_random_printed_once_and_works(demo_output):
    password = printed_password(demo_output)
    admin = get_user_model().objects.get(username="admin")

    assert password
    assert len(password) >= 20
    assert admin.is_superuser
    assert admin.check_password(password)
    assert "http://127.0.0.1:8000/admin/" in demo_output

    second_output = load_demo()
    assert password not in second_output
    assert printed_password(second_output) is None
    assert "changepassword admin" in second_output

    admin.delete()
    assert printed_password(load_demo()) not in (None, password)


def test_demo_items_and_the_report_carry_drawn_pictures_described_in_both_languages(demo_output):
    pictured = NewsItemPage.objects.filter(locale__language_code="en", lead_image__isnull=False)
    assert pictured.count() >= 4
    assert all(item.lead_image_alt and item.lead_image_credit for item in pictured)
    assert NewsItemPage.objects.filter(locale__language_code="en", lead_image__isnull=True).exists()
    spanish = NewsItemPage.objects.filter(locale__language_code="es", lead_image__isnull=False).first()
    assert spanish.lead_image_alt.startswith("Mapa") or spanish.lead_image_alt.startswith("Dibujo")
    assert PublicationPage.objects.filter(locale__language_code="en", lead_image__isnull=False).exists()
