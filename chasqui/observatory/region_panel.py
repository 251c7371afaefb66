"""The incidents recorded in a region, on the news archive of that region (core's region-extras hook).

Two queries whatever the number of incidents (the page view restrictions, and the newest incident
carrying the figures of all of them as window aggregates); the index's address, from which the
region's list, map and figures are linked in the page's language, is the newest incident's without
its slug. Counts add up the known figures only.
"""

from django.db.models import Count, Sum, Window
from django.template.loader import render_to_string
from django.utils.http import urlencode

from .models.incidents import IncidentPage
from .models.index_page import IncidentIndexPage
from .records import for_listing, public_incidents

COUNTS = ("killed", "injured", "detained")


def latest_with_figures(region, locale_id):
    """The region's newest live incident in that language, annotated with the region's totals."""
    totals = {f"{name}_total": Window(Sum(name)) for name in COUNTS}
    incidents = IncidentPage.objects.published().filter(locale_id=locale_id, region=region)
    annotated = for_listing(incidents).annotate(incident_count=Window(Count("pk")), **totals)
    return annotated.newest_first().first()


def region_incidents(region, page, request):
    """The panel's HTML, or "" when no incident is recorded in the region in the page's language."""
    latest = latest_with_figures(region, page.locale_id)
    if latest is None:
        return ""
    url = latest.get_url(request)
    if not url:
        return ""
    index_url = url.removesuffix(f"{latest.slug}/")  # an incident lives right under its index
    routes = IncidentIndexPage.get_resolver()
    query = f"?{urlencode({'region': region.slug})}"
    context = {
        "region": region,
        "incident_count": latest.incident_count,
        "figures": {name: getattr(latest, f"{name}_total") for name in COUNTS},
        "latest": public_incidents([latest], index_url, with_actors=False)[0],
        "list_url": index_url + query,
        "map_url": index_url + routes.reverse("map") + query,
        "figures_url": index_url + routes.reverse("figures") + query,
    }
    return render_to_string("observatory/includes/region_incidents.html", context, request)
