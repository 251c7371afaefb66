"""The news archive of a region shows the incidents recorded there: their number and known counts,
the latest one, and links to the region's list, map and figures in the page's language."""

import datetime
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chasqui.core import region_extras
from chasqui.core.affected_urls import affected_urls
from chasqui.news.models import Region
from chasqui.newsletter.choices import BulletinStatus
from chasqui.newsletter.services import create_next_bulletin
from chasqui.observatory.models import IncidentIndexPage

from .test_observatory_sensitive_data import SECRETS

pytestmark = pytest.mark.django_db


def panel(client, url):
    response = client.get(url)
    assert response.status_code == 200
    found = BeautifulSoup(response.content, "html.parser").select_one(".region-incidents")
    return found and " ".join(found.get_text().split()), found


def test_the_region_archive_shows_its_incidents_known_counts_and_links(client, add_incident, kinds):
    add_incident("Clash at the river", killed=2, detained=0)
    add_incident("Road blocked", killed=None, detained=None)
    latest = add_incident("Strike in Juliaca", killed=1, detained=None, date_start=datetime.date(2024, 6, 2))
    add_incident("Clash in Cusco", region=Region.objects.get(slug="cusco"), killed=9)

    text, html = panel(client, "/news/region/puno/")

    assert "Incidents recorded in Puno" in text
    assert "3 incidents · Killed: 3 · Injured: unknown · Detained: 0" in text
    assert "Latest: Strike in Juliaca (2 June 2024)" in text
    links = {a.get_text(): a["href"] for a in html.find_all("a")}
    assert links["Strike in Juliaca"] == f"/observatory/{latest.slug}/"
    assert links["All incidents in the region"] == "/observatory/?region=puno"
    assert links["Map"] == "/observatory/map/?region=puno"
    assert links["Figures"] == "/observatory/figures/?region=puno"


def test_a_region_without_incidents_shows_no_panel(client, add_incident):
    add_incident("Clash at the river")

    assert panel(client, "/news/region/lima/") == (None, None)
    assert panel(client, "/news/") == (None, None)


def test_the_spanish_archive_counts_spanish_incidents_and_links_in_spanish(client, add_incident, site_tree):
    spanish_index = IncidentIndexPage.objects.child_of(site_tree["es"]).get()
    add_incident("Clash at the river", killed=5)
    add_incident("Enfrentamiento en el río", index=spanish_index, killed=1)

    text, html = panel(client, "/es/noticias/region/puno/")

    assert "Incidentes registrados en Puno" in text
    assert "1 incidente · Muertos: 1 · Heridos: se desconoce" in text
    hrefs = {a["href"] for a in html.find_all("a")}
    assert "/es/observatorio/enfrentamiento-en-el-rio/" in hrefs
    assert "/es/observatorio/?region=puno" in hrefs
    assert "/es/observatorio/map/?region=puno" in hrefs


def test_a_sensitive_latest_incident_shows_its_month_only(client, sensitive_world):
    text, html = panel(client, "/news/region/puno/")

    assert "Latest: Threats against a river defender (March 2024)" in text
    for secret in SECRETS:
        assert secret not in str(html), secret


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_panel_costs_two_queries_however_many_incidents(client, add_incident, monkeypatch):
    add_incident("Incident 0")
    with_one = queries(client, "/news/region/puno/")
    for n in range(1, 9):
        add_incident(f"Incident {n}", killed=n)
    with_nine = queries(client, "/news/region/puno/")
    monkeypatch.setattr(region_extras, "hooks", SimpleNamespace(get_hooks=lambda name: []))
    without_panel = queries(client, "/news/region/puno/")

    assert with_one == with_nine
    assert with_nine - without_panel <= 2
    assert "Incidents recorded" not in client.get("/news/region/puno/").content.decode()


def test_a_change_to_an_incident_purges_its_region_archive_news_items_and_bulletins(sensitive_world):
    bulletin = create_next_bulletin("en")
    bulletin.status = BulletinStatus.SENT
    bulletin.save()

    urls = affected_urls(sensitive_world["incident"])

    assert sensitive_world["news_item"].get_parent().get_full_url() + "region/puno/" in urls
    assert sensitive_world["news_item"].get_full_url() in urls
    assert bulletin.get_full_url() in urls
