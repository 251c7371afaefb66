"""The charts on the figures page, the timeline and the case strip: right numbers in the SVG and in
the tables, the index's filters, public months only, well-formed markup, both languages, and a
number of queries that does not grow with the archive."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chasqui.news.models import Region
from chasqui.observatory import charts, listing, services
from chasqui.observatory.models import IncidentIndexPage, IncidentPage

from .markup import SVG, assert_well_formed, bar_heights, bar_titles, rows, svg, text
from .test_observatory_sensitive_data import SECRETS

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(add_incident, kinds):
    """Four incidents with known and unknown counts, in two regions and two years."""
    cusco = Region.objects.get(slug="cusco")
    add_incident("Clash at the bridge", date_start=datetime.date(2024, 3, 14), killed=2, injured=None)
    add_incident("Clash at the river", date_start=datetime.date(2024, 3, 20), killed=None, injured=3)
    add_incident(
        "Cusco protest",
        date_start=datetime.date(2024, 1, 5),
        region=cusco,
        incident_type=kinds["protest"],
        killed=0,
        injured=1,
    )
    add_incident("Old detention", date_start=datetime.date(2021, 7, 2), incident_type=kinds["detention"])


def test_the_figures_page_draws_each_chart_with_its_numbers_and_table(client, known):
    html = client.get("/observatory/figures/").content.decode()

    months = svg(html, "chart-months")
    # The last 24 months up to the newest with data: March 2024 back to April 2022, so 2021 is out.
    assert bar_heights(months) == {"January 2024, Protest: 1": 80, "March 2024, Clash: 2": 160}
    table = rows(html, "Incidents per month, by type")
    assert len(table) == 24
    assert table[0] == ["April 2022", "0", "0", "0"]
    assert table[-3] == ["January 2024", "0", "1", "1"]
    assert table[-1] == ["March 2024", "2", "0", "2"]
    assert re.search(r"<th scope=\"col\">Clash</th><th scope=\"col\">Protest</th>", html)

    casualties = svg(html, "chart-casualties")
    assert bar_titles(casualties) == [
        "2021, Killed: 0",
        "2021, Injured: 0",
        "2024, Killed: 2",
        "2024, Injured: 4",
    ]
    assert bar_heights(casualties)["2024, Killed: 2"] == 80
    assert "2 killed and 4 injured, counting known figures only" in casualties.findtext(f"{SVG}desc")
    assert rows(html, "Killed and injured per year") == [
        ["2021", "0", "1", "0", "1"],
        ["2024", "2", "1", "4", "1"],
    ]

    regions = svg(html, "chart-regions")
    links = {link.get("aria-label"): link.get("href") for link in regions.iter(f"{SVG}a")}
    assert links == {
        "Puno: 3 incidents": "/observatory/?region=puno",
        "Cusco: 1 incident": "/observatory/?region=cusco",
    }
    assert rows(html, "Regions with most incidents") == [["Puno", "3"], ["Cusco", "1"]]
    bars = [rect for rect in regions.iter(f"{SVG}rect") if rect.get("class") == "chart__bar"]
    assert [int(rect.get("width")) for rect in bars] == [522, 174]  # the longest spans the chart
    for chart_id in ("chart-months", "chart-casualties"):
        assert svg(html, chart_id).get("role") == "img"
    assert '<ul class="chart-legend">' in html


def test_the_charts_follow_the_index_filters(client, known):
    html = client.get("/observatory/figures/?type=clash").content.decode()
    assert bar_heights(svg(html, "chart-months")) == {"March 2024, Clash: 2": 160}
    assert rows(html, "Regions with most incidents") == [["Puno", "2"]]
    assert 'href="/observatory/?region=puno&amp;type=clash"' in html

    year = client.get("/observatory/figures/?year=2021").content.decode()
    table = rows(year, "Incidents per month, by type")
    assert [row[0] for row in table] == [
        f"{month} 2021"
        for month in (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        )
    ]
    assert table[6] == ["July 2021", "1", "1"]
    assert rows(year, "Killed and injured per year") == [["2021", "0", "1", "0", "1"]]

    none = client.get("/observatory/figures/?region=cusco&type=clash").content.decode()
    assert "No incidents match these filters." in none
    assert "chart-months" not in none


def test_more_types_than_patterns_share_the_last_series():
    march, april = datetime.date(2024, 3, 1), datetime.date(2024, 4, 1)
    data = [(march, f"type-{n}", f"Type {n}", 10 - n) for n in range(8)] + [(april, "", "", 4)]
    chart = charts.stacked_months(data, [march, april])
    assert [item.name for item in chart.series] == [
        "Type 0",
        "Type 1",
        "Type 2",
        "Type 3",
        "Type 4",
        "Other types",
    ]
    assert chart.rows[0] == ("March 2024", [10, 9, 8, 7, 6, 5 + 4 + 3], 52)
    assert chart.rows[1] == ("April 2024", [0, 0, 0, 0, 0, 4], 4)
    # One bar stacks from the baseline up in the legend's order, and the tallest fills the plot.
    segments = [bar for bar in chart.bars if bar.x == chart.bars[0].x]
    assert [bar.series for bar in segments] == [0, 1, 2, 3, 4, 5]
    assert segments[0].y + segments[0].height == chart.baseline
    assert sum(bar.height for bar in segments) == pytest.approx(charts.PLOT_HEIGHT, abs=3)


def test_the_timeline_groups_months_newest_first_and_pages_by_cursor(client, add_incident, monkeypatch):
    monkeypatch.setattr(listing, "PER_PAGE", 2)
    for title, day in [
        ("Blockade", datetime.date(2024, 3, 2)),
        ("March on the capital", datetime.date(2024, 3, 9)),
        ("Strike", datetime.date(2024, 1, 20)),
        ("Eviction", datetime.date(2023, 11, 3)),
    ]:
        add_incident(title, date_start=day, killed=1)

    first = client.get("/observatory/timeline/").content.decode()
    assert re.findall(
        r'<time datetime="(\d{4}-\d\d)">([^<]+)</time>\s*<span class="timeline-month__count">\(([^)]+)\)',
        first,
    ) == [("2024-03", "March 2024", "2 incidents")]
    assert re.findall(r'class="incident-teaser__title"><a href="[^"]+">([^<]+)</a>', first) == [
        "March on the capital",
        "Blockade",
    ]
    assert "9 March 2024 · Puno · Clash · reported" in text(first)
    assert "Killed: 1 · Injured: unknown" in text(first)
    strip = svg(first, "month-strip")
    assert bar_heights(strip) == {"November 2023: 1": 20, "January 2024: 1": 20, "March 2024: 2": 40}
    assert rows(first, "Incidents per month") == [
        ["November 2023", "1"],
        ["December 2023", "0"],
        ["January 2024", "1"],
        ["February 2024", "0"],
        ["March 2024", "2"],
    ]
    assert strip.get("role") == "img"

    older = re.search(r'href="(\?after=[^"]+)" rel="next"', first).group(1).replace("&amp;", "&")
    second = client.get(f"/observatory/timeline/{older}").content.decode()
    assert re.findall(r'<time datetime="(\d{4}-\d\d)">', second) == ["2024-01", "2023-11"]
    assert re.findall(r'class="incident-teaser__title"><a href="[^"]+">([^<]+)</a>', second) == [
        "Strike",
        "Eviction",
    ]
    assert 'href="/observatory/timeline/">Newest</a>' in second


def test_the_timeline_takes_the_index_filters(client, add_incident, kinds):
    add_incident("Protest in Juliaca", date_start=datetime.date(2024, 5, 2), incident_type=kinds["protest"])
    add_incident("Clash in Ilave", date_start=datetime.date(2024, 6, 2))
    add_incident("Protest of 2022", date_start=datetime.date(2022, 6, 2), incident_type=kinds["protest"])

    html = client.get("/observatory/timeline/?type=protest&year=2024").content.decode()
    assert re.findall(r'class="incident-teaser__title"><a href="[^"]+">([^<]+)</a>', html) == [
        "Protest in Juliaca"
    ]
    table = rows(html, "Incidents per month")
    assert len(table) == 12
    assert table[4] == ["May 2024", "1"]
    assert sum(int(count) for _month, count in table) == 1
    assert '<a href="/observatory/figures/?type=protest&amp;year=2024">Figures</a>' in html
    assert (
        '<a href="/observatory/timeline/?type=protest&amp;year=2024" aria-current="page">Timeline</a>' in html
    )
    assert client.get("/observatory/timeline/?region=atlantis").status_code == 400


def test_the_list_map_figures_and_timeline_link_to_each_other_and_the_sitemap_has_the_timeline(
    client, add_incident
):
    add_incident("Clash at the bridge")
    for path in (
        "/observatory/?region=puno",
        "/observatory/map/?region=puno",
        "/observatory/figures/?region=puno",
    ):
        html = client.get(path).content.decode()
        assert '<a href="/observatory/timeline/?region=puno"' in html, path
        assert '<a href="/observatory/map/?region=puno"' in html, path
    assert "<loc>http://testserver/observatory/timeline/</loc>" in client.get("/sitemap.xml").content.decode()


def test_a_case_page_has_its_month_strip_above_its_incidents(client, add_incident, incident_index):
    case = services.add_case(incident_index, "Corridor dispute")
    add_incident("First blockade", date_start=datetime.date(2023, 10, 2), case=case)
    add_incident("Second blockade", date_start=datetime.date(2023, 10, 20), case=case)
    add_incident("Talks", date_start=datetime.date(2024, 2, 1), case=case)
    add_incident("Unrelated clash", date_start=datetime.date(2024, 1, 1))

    html = client.get("/observatory/corridor-dispute/").content.decode()
    strip = svg(html, "case-strip")
    assert bar_heights(strip) == {"October 2023: 2": 40, "February 2024: 1": 20}
    assert [row[1] for row in rows(html, "Incidents per month")] == ["2", "0", "0", "0", "1"]
    assert html.index('id="case-strip-title"') < html.index('<ol class="case-timeline">')
    assert 'href="/observatory/timeline/?case=corridor-dispute"' in html


def test_a_sensitive_incident_is_counted_in_its_public_month_only(
    client, sensitive_world, incident_index, add_incident, kinds, monkeypatch
):
    monkeypatch.setattr(listing, "PER_PAGE", 1)
    case = services.add_case(incident_index, "River defenders")
    IncidentPage.objects.filter(pk=sensitive_world["incident"].pk).update(case=case)
    add_incident("Later march", date_start=datetime.date(2024, 4, 2), incident_type=kinds["protest"])

    figures = client.get("/observatory/figures/").content.decode()
    assert rows(figures, "Incidents per month, by type") == [
        ["March 2024", "0", "1", "1"],
        ["April 2024", "1", "0", "1"],
    ]
    timeline = client.get("/observatory/timeline/").content.decode()
    older = re.search(r'href="(\?after=[^"]+)" rel="next"', timeline).group(1).replace("&amp;", "&")
    second = client.get(f"/observatory/timeline/{older}").content.decode()
    assert "Threats against a river defender" in second
    assert (
        second.count('<time datetime="2024-03">March 2024</time>') == 2
    )  # the heading, and the record's date
    assert 'rel="prev"' in second
    assert "?before=2024-03-01." in second
    case_page = client.get("/observatory/river-defenders/").content.decode()
    assert bar_heights(svg(case_page, "case-strip")) == {"March 2024: 1": 40}
    month = client.get("/observatory/timeline/?year=2024&month=3").content.decode()
    assert "Threats against a river defender" in month
    for html in (figures, timeline, second, case_page, month):
        for secret in SECRETS:
            assert secret not in html, secret


def test_spanish_pages_name_the_months_in_spanish(client, add_incident, site_tree):
    spanish = IncidentIndexPage.objects.child_of(site_tree["es"]).get()
    add_incident(
        "Enfrentamiento en el puente", index=spanish, date_start=datetime.date(2024, 3, 14), killed=1
    )
    add_incident("Paro regional", index=spanish, date_start=datetime.date(2024, 1, 9))

    timeline = client.get("/es/observatorio/timeline/").content.decode()
    assert '<time datetime="2024-03">marzo de 2024</time>' in timeline
    assert "enero de 2024" in timeline
    assert "Incidentes por mes" in timeline
    assert "14 de marzo de 2024" in timeline
    figures = client.get("/es/observatorio/figures/").content.decode()
    assert ["marzo de 2024", "1", "1"] in rows(figures, "Incidentes por mes, según el tipo")
    assert "<title>marzo de 2024, Enfrentamiento: 1</title>" in figures
    assert ">Ene</text>" in figures
    assert "Muertos y heridos por año" in figures
    assert "Regiones con más incidentes" in figures


def test_the_pages_are_well_formed(client, known, incident_index, add_incident):
    case = services.add_case(incident_index, "Corridor dispute")
    add_incident("Blockade of the corridor", case=case)
    for path in (
        "/observatory/figures/",
        "/observatory/figures/?year=2024",
        "/observatory/timeline/",
        "/observatory/corridor-dispute/",
        "/observatory/",
        "/observatory/map/",
    ):
        assert_well_formed(client.get(path).content.decode())


def query_counts(client, urls):
    for url in urls:
        client.get(url)  # warm the caches that do not depend on the incidents
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        counts[url] = len(captured)
    return counts


def test_charts_and_timeline_cost_the_same_queries_for_3_and_30_incidents(
    client, add_incident, incident_index, kinds, monkeypatch
):
    monkeypatch.setattr(listing, "PER_PAGE", 2)
    case = services.add_case(incident_index, "San Gaban dispute")
    cusco = Region.objects.get(slug="cusco")
    types = list(kinds.values())

    def add(count, start):
        for n in range(start, start + count):
            add_incident(
                f"Incident {n}",
                date_start=datetime.date(2020 + n % 5, 1 + n % 12, 1 + n % 28),
                region=cusco if n % 2 else None,
                incident_type=types[n % len(types)],
                killed=n % 3 or None,
                case=case,
            )

    add(3, 0)
    urls = [
        "/observatory/figures/",
        "/observatory/figures/?year=2022&region=cusco",
        "/observatory/timeline/",
        "/observatory/timeline/?after=2022-03-01.999999",
        "/observatory/timeline/?case=san-gaban-dispute",
        "/observatory/san-gaban-dispute/",
    ]
    small = query_counts(client, urls)
    add(27, 3)
    large = query_counts(client, urls)
    assert small == large
    assert max(large.values()) <= 25
