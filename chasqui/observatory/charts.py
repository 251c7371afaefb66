"""The geometry of the server-drawn charts: counts in, bars, labels and table rows out.

Everything is whole pixels of the chart's own viewBox, so the numbers the templates write stay
plain integers in any language. Each chart is at least CHART_WIDTH wide, its bars spread across it
(and kept no wider than reads well), so it fills the content column when charts.css scales it.
Each series has a number (0 to SERIES - 1) that picks both its colour and its pattern, and
series are stacked and listed in the same order, so a reader who cannot tell the colours apart
still can by pattern and by position.
"""

from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

SERIES = 6  # colours and patterns in charts.css; more types than this share the last one
PLOT_HEIGHT = 160
TOP = 16  # room for the value written above the tallest bar
LABEL_SPACE = 32  # month and year under the bars
CHART_WIDTH = 720  # the viewBox; charts.css draws it across the whole content column
COLUMN_MAX = 48  # the widest a month's bar gets, however few months there are


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    series: int
    label: str  # its tooltip: what it counts, and how many


@dataclass(frozen=True)
class Label:
    x: int
    y: int
    text: str


@dataclass(frozen=True)
class Series:
    number: int
    name: str


@dataclass
class Chart:
    """One chart: its drawing, its legend and the rows of the table that follows it."""

    id: str
    width: int
    height: int
    baseline: int
    bars: list = field(default_factory=list)
    labels: list = field(default_factory=list)  # axis labels under the bars
    values: list = field(default_factory=list)  # the number above each bar
    series: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    description: str = ""


def scaled(value, most, length):
    return round(length * value / most) if most else 0


def month_label(month):
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


def month_axis(months, centres, baseline):
    """A short month name under each bar, and the year under each January and the first month."""
    labels = []
    for month, centre in zip(months, centres, strict=True):
        if len(months) <= 36:
            labels.append(Label(centre, baseline + 13, formats.date_format(month, "M")))
        if month.month == 1 or month == months[0]:
            labels.append(Label(centre, baseline + 27, str(month.year)))
    return labels


def chosen_series(rows):
    """The types shown, most incidents first; past SERIES - 1 of them the rest become one series."""
    totals = {}
    for _month, slug, name, count in rows:
        totals[(slug, name)] = totals.get((slug, name), 0) + count
    ranked = sorted(totals, key=lambda kind: (-totals[kind], kind[1]))
    if len(ranked) > SERIES:
        ranked = ranked[: SERIES - 1]
    number = {slug: position for position, (slug, _name) in enumerate(ranked)}
    series = [Series(position, name or _("No type")) for position, (_slug, name) in enumerate(ranked)]
    if len(totals) > len(ranked):
        series.append(Series(len(ranked), _("Other types")))
    return series, number


def stacked_months(rows, months, chart_id="chart-months"):
    """Incidents per month, one stacked bar a month, one segment a type."""
    series, number = chosen_series(rows)
    other = len(series) - 1
    counts = {month: [0] * len(series) for month in months}
    for month, slug, _name, count in rows:
        counts[month][number.get(slug, other)] += count
    slot = max(20, (CHART_WIDTH - 8) // max(len(months), 1))
    bar = min(slot - 6, COLUMN_MAX)
    baseline = TOP + PLOT_HEIGHT
    chart = Chart(chart_id, 8 + slot * len(months), baseline + LABEL_SPACE, baseline, series=series)
    most = max((sum(values) for values in counts.values()), default=0)
    centres = []
    for position, month in enumerate(months):
        x, top = 8 + position * slot + (slot - bar) // 2, baseline
        centres.append(x + bar // 2)
        for item in series:
            count = counts[month][item.number]
            height = scaled(count, most, PLOT_HEIGHT)
            if height:
                top -= height
                label = f"{month_label(month)}, {item.name}: {count}"
                chart.bars.append(Bar(x, top, bar, height, item.number, label))
        if sum(counts[month]):
            chart.values.append(Label(centres[-1], top - 4, str(sum(counts[month]))))
        chart.rows.append((month_label(month), counts[month], sum(counts[month])))
    chart.labels = month_axis(months, centres, baseline)
    if months:
        chart.description = period_description(months, sum(row[2] for row in chart.rows))
    return chart


def period_description(months, total):
    return ngettext(
        "%(count)s incident from %(first)s to %(last)s.",
        "%(count)s incidents from %(first)s to %(last)s.",
        total,
    ) % {"count": total, "first": month_label(months[0]), "last": month_label(months[-1])}


def grouped_years(years, chart_id="chart-casualties"):
    """Killed and injured per year: two bars side by side a year, killed first."""
    series = [Series(0, _("Killed")), Series(1, _("Injured"))]
    bar, gap = 22, 2  # wide enough for a three-figure number above each bar
    slot = max(60, (CHART_WIDTH - 8) // max(len(years), 1))
    baseline = TOP + PLOT_HEIGHT
    chart = Chart(chart_id, 8 + slot * len(years), baseline + LABEL_SPACE, baseline, series=series)
    most = max((max(year.killed, year.injured) for year in years), default=0)
    for position, year in enumerate(years):
        x = 8 + position * slot + (slot - 2 * bar - gap) // 2
        for item, count in zip(series, (year.killed, year.injured), strict=True):
            height = scaled(count, most, PLOT_HEIGHT)
            left = x + item.number * (bar + gap)
            chart.bars.append(
                Bar(left, baseline - height, bar, height, item.number, f"{year.year}, {item.name}: {count}")
            )
            chart.values.append(Label(left + bar // 2, baseline - height - 4, str(count)))
        chart.labels.append(Label(x + bar + gap // 2, baseline + 15, str(year.year)))
        chart.rows.append(year)
    if years:
        chart.description = _(
            "From %(first)s to %(last)s: %(killed)s killed and %(injured)s injured, "
            "counting known figures only."
        ) % {
            "first": years[0].year,
            "last": years[-1].year,
            "killed": sum(year.killed for year in years),
            "injured": sum(year.injured for year in years),
        }
    return chart


@dataclass(frozen=True)
class RegionBar:
    name: str
    count: int
    url: str
    y: int
    length: int
    label: str  # what a screen reader says for the link
    left: int = 0  # where the bar starts; the name ends just before it
    height: int = 18

    @property
    def text_y(self):
        return self.y + 13

    @property
    def name_x(self):
        return self.left - 8

    @property
    def value_x(self):
        return self.left + self.length + 6


def region_bars(rows, url_of, chart_id="chart-regions"):
    """Horizontal bars for [(name, slug, incidents)], most first, each linking to its region's list."""
    row_height, left = 26, 150
    longest = CHART_WIDTH - left - 48  # room for the number after the longest bar
    chart = Chart(chart_id, left + longest + 48, row_height * len(rows) + 8, left, series=[Series(0, "")])
    most = max((count for _name, _slug, count in rows), default=0)
    for position, (name, slug, count) in enumerate(rows):
        label = ngettext("%(name)s: %(count)s incident", "%(name)s: %(count)s incidents", count) % {
            "name": name,
            "count": count,
        }
        length = max(1, scaled(count, most, longest))
        bar = RegionBar(name, count, url_of(slug), 4 + position * row_height, length, label, left)
        chart.bars.append(bar)
        chart.rows.append(bar)
    return chart


STRIP_HEIGHT = 40
STRIP_WIDTH = 720


def month_strip(counts, months, chart_id="month-strip"):
    """A compact bar a month for {month: incidents}: the shape of a period at a glance."""
    slot = max(4, STRIP_WIDTH // max(len(months), 1))
    gap = 1 if slot < 12 else max(4, slot - 40)  # a bar is at most 40 wide
    baseline = 4 + STRIP_HEIGHT
    chart = Chart(
        chart_id, slot * len(months), baseline + LABEL_SPACE, baseline, series=[Series(0, _("Incidents"))]
    )
    most = max((counts.get(month, 0) for month in months), default=0)
    centres = []
    for position, month in enumerate(months):
        count = counts.get(month, 0)
        height = max(1, scaled(count, most, STRIP_HEIGHT)) if count else 0
        x = position * slot + gap // 2
        centres.append(x + (slot - gap) // 2)
        if height:
            label = f"{month_label(month)}: {count}"
            chart.bars.append(Bar(x, baseline - height, slot - gap, height, 0, label))
        chart.rows.append((month_label(month), count))
    chart.labels = month_axis(months, centres, baseline)
    if months:
        chart.description = period_description(months, sum(counts.get(month, 0) for month in months))
    if most:
        busiest = max(reversed(months), key=lambda month: counts.get(month, 0))
        chart.description += " " + _("The busiest month was %(month)s, with %(count)s.") % {
            "month": month_label(busiest),
            "count": most,
        }
    return chart
