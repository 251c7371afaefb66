"""The observatory's charts fill the content column on a wide screen, and on a phone keep legible
labels without making the page scroll sideways; photographed at both widths."""

import datetime

import pytest

from chasqui.news.models import Region
from chasqui.observatory import services
from chasqui.observatory.models import IncidentIndexPage, IncidentType

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CHART_SIZES = """() => [...document.querySelectorAll('.chart > svg, .incident-chart > svg')].map(svg => ({
    id: svg.id || svg.closest('section, figure').querySelector('h2, title').textContent,
    svg: svg.getBoundingClientRect().width,
    column: svg.closest('figure').getBoundingClientRect().width,
    right: svg.closest('figure').getBoundingClientRect().right,
    page: document.documentElement.clientWidth,
    label: Math.min(...[...svg.querySelectorAll('text')].map(text => text.getBoundingClientRect().height)),
}))"""


@pytest.fixture
def few_incidents(site_tree):
    """Two years and a handful of months: the case that used to draw the charts narrowest."""
    index = IncidentIndexPage.objects.child_of(site_tree["en"]).get()
    clash = IncidentType.objects.get(slug="clash")
    for number, date in enumerate(
        (datetime.date(2023, 5, 2), datetime.date(2024, 3, 14), datetime.date(2024, 4, 1))
    ):
        services.add_incident(
            index,
            f"Clash {number}",
            date_start=date,
            region=Region.objects.get(slug="puno" if number else "cusco"),
            incident_type=clash,
            description="A clash at the river.",
            killed=number,
            injured=2,
        )


def test_the_figures_charts_use_the_content_width_and_stay_legible_on_a_phone(
    page, few_incidents, output_path
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/observatory/figures/")
    wide = page.evaluate(CHART_SIZES)
    page.screenshot(path=f"{output_path}/figures-1280.png", full_page=True)

    assert len(wide) == 4
    for chart in wide:
        assert chart["column"] > 900, chart
        assert chart["svg"] >= chart["column"] - 1, chart  # as wide as the column, not its drawn size

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/observatory/figures/")
    narrow = page.evaluate(CHART_SIZES)
    page.screenshot(path=f"{output_path}/figures-375.png", full_page=True)

    for chart in narrow:
        assert chart["right"] <= chart["page"], chart  # the chart scrolls within its figure, not the page
        assert chart["label"] >= 8, chart  # text drawn no smaller than 8 px
    # Nothing else pushes the page wider either: the tables scroll within their own regions.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # A chart that scrolls sideways can be scrolled from the keyboard: it takes focus, or holds links.
    unreachable = page.evaluate(
        """() => [...document.querySelectorAll('figure.chart, figure.incident-chart')]
            .filter((figure) => figure.scrollWidth > figure.clientWidth)
            .filter((figure) => figure.tabIndex < 0 && !figure.querySelector('a[href]'))
            .map((figure) => figure.outerHTML.slice(0, 80))"""
    )
    assert unreachable == []

    page.emulate_media(media="print")
    page.set_viewport_size({"width": 1280, "height": 900})
    printed = page.evaluate(CHART_SIZES)
    assert all(chart["svg"] >= chart["column"] - 1 for chart in printed)
