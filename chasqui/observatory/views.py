"""Request handling for the incidents index routes: the list, the map, the data page and the exports."""

import dataclasses
import posixpath

from django.http import FileResponse, Http404
from django.template.loader import render_to_string
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from . import archive_files, data_cache, exports
from .feeds import FEEDS
from .figures import figures
from .filters import IncidentFilterForm, incident_years
from .listing import page_after, parse_cursor
from .map_data import incident_map
from .models.incidents import IncidentPage, IncidentSource
from .models.sources import SourceLink
from .public import public_archived_copy
from .records import for_listing, public_incidents
from .timeline import timeline

FEED_TYPES = ("application/rss+xml", "application/atom+xml")
# The routes that show the filtered incidents, each a way of reading the same list.
VIEWS = (("incidents", _("List")), ("map", _("Map")), ("figures", _("Figures")), ("timeline", _("Timeline")))
# An archived page is someone else's HTML: served as a sandbox (a unique origin, no script, no forms),
# it cannot act as a page of this site. Chrome and Safari show no PDF under a sandbox, and a PDF (known
# by its content, served with nosniff) cannot run script on the site's origin, so PDFs go without.
ARCHIVE_POLICY = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'"
PDF_POLICY = "frame-ancestors 'none'; form-action 'none'; base-uri 'none'"
FILTER_FORM = "observatory/includes/filter_form.html"
INCIDENT_LIST = "observatory/includes/incident_list.html"
MAP_BODY = "observatory/includes/incident_map_body.html"
FIGURES_BODY = "observatory/includes/incident_figures_body.html"


def filtered(index, request):
    """(form, filters, queryset of the index's live incidents matching them)."""
    form, filters, incidents = filtered_lazily(index, request)
    return form, filters, incidents()


def filtered_lazily(index, request):
    """(form, filters, a function that builds the queryset): building it reads the page view
    restrictions (published()), which a page drawn from what was kept never needs."""
    form = IncidentFilterForm(request.GET, index, incident_years(index))
    filters = form.filters()
    return form, filters, lambda: filters.apply(IncidentPage.objects.child_of(index).published())


def filter_form_html(index, form, filters, action):
    """The filter form as HTML; a form that could be used is kept for the generation, as its
    choices (every region, type, actor, case and year) cost far more to draw than to keep."""
    context = {"form": form, "filters": filters, "action": action}
    if form.errors:
        return render_to_string(FILTER_FORM, context)
    return data_cache.cached(
        "filter-form", (index.pk, action, form.shown_values()), lambda: render_to_string(FILTER_FORM, context)
    )


def base_context(index, request, form, filters, action=None):
    """What every filtered view shows; its filter form is sent to `action` (the index by default)."""
    index_url = index.get_url(request)
    return {
        "form": form,
        "filters": filters,
        "filter_form": filter_form_html(index, form, filters, action or index_url),
        "index_url": index_url,
        "filtered_by_query": bool(filters) or bool(request.GET.get("after") or request.GET.get("before")),
        "export_links": exports.export_links(index, index_url, filters),
        "feed_links": [
            (f"{index.title} ({label})", mime, url)
            for (label, url), mime in zip(
                exports.export_links(index, index_url, filters)[3:], FEED_TYPES, strict=True
            )
        ],
    }


def views_nav(index, index_url, filters, current):
    """[(label, address with the same filters, is this page)] for the list, map, figures, timeline."""
    return [
        (label, index_url + index.reverse_subpage(name) + query_string(filters), name == current)
        for name, label in VIEWS
    ]


def listing_context(index, request, route):
    """(form, filters, a function building the queryset, context) of a cursor-paged list of the
    filtered incidents: the index's own list and the timeline, with their Newer and Older links
    and the ways to see them."""
    form, filters, incidents = filtered_lazily(index, request)
    action = None if route == "incidents" else request.path
    context = base_context(index, request, form, filters, action)
    listing, incidents_html = cached_listing(
        index, filters, incidents, request, context["index_url"], with_html=route == "incidents"
    )
    context.update(
        listing=listing,
        incidents=listing.items,
        incidents_html=incidents_html,
        next_url=page_link(request, "after", listing.next_cursor),
        previous_url=page_link(request, "before", listing.previous_cursor),
        first_url=context["index_url"] + index.reverse_subpage(route) + query_string(filters),
        views_nav=views_nav(index, context["index_url"], filters, route),
    )
    return form, filters, incidents, context


def cached_listing(index, filters, incidents, request, index_url, with_html=False):
    """(page, its HTML or ""): the page of the filtered list the cursors ask for, its items already
    public records, with the count of the whole list, and `with_html` the list drawn.

    Each page is kept whole for the generation, per filters and cursor, when the cursor is one
    the list itself writes (an incident's public date and id: one query to check); a made-up
    cursor keeps only its list's count (the one query that grows with the archive), so cursors
    invented without end cannot fill the cache.
    """
    after, before = parse_cursor(request.GET.get("after")), parse_cursor(request.GET.get("before"))
    parts = (index.pk, index_url, tuple(filters.query_params().items()))

    def compute(count=None):
        listing = page_after(for_listing(incidents()), after=after, before=before, count=count)
        listing = dataclasses.replace(listing, items=public_incidents(listing.items, index_url))
        html = render_to_string(INCIDENT_LIST, {"incidents": listing.items}) if with_html else ""
        return listing, html

    cursor = after or before
    if cursor and not IncidentPage.objects.filter(pk=cursor[1], public_date=cursor[0]).exists():
        count = data_cache.cached("count", parts, lambda: incidents().count(), language=False)
        return compute(count)
    return data_cache.cached("listing", (*parts, after, before, with_html), compute)


def render_listing(index, request, form, context, template=None):
    """Filters that could not be used answer 400, with the page explaining why."""
    response = index.render(request, template=template, context_overrides=context)
    if form.errors:
        response.status_code = 400
    return response


def serve_index(index, request):
    form, _filters, _queryset, context = listing_context(index, request, "incidents")
    return render_listing(index, request, form, context)


def serve_timeline(index, request):
    form, filters, incidents, context = listing_context(index, request, "timeline")
    context.update(timeline(incidents(), context["incidents"], filters.year))
    return render_listing(index, request, form, context, "observatory/incident_timeline_page.html")


def serve_map(index, request):
    form, filters, incidents = filtered_lazily(index, request)
    context = base_context(index, request, form, filters, request.path)
    index_url = context["index_url"]

    def draw():
        found = incident_map(index, filters, incidents(), index_url)
        return {"total": found["total"], "html": render_to_string(MAP_BODY, {"map": found})}

    drawn = data_cache.cached("map", (index.pk, index_url, tuple(filters.query_params().items())), draw)
    context["map"] = {"total": drawn["total"]}
    context["map_html"] = drawn["html"]
    context["views_nav"] = views_nav(index, index_url, filters, "map")
    return index.render(request, template="observatory/incident_map_page.html", context_overrides=context)


def serve_figures(index, request):
    form, filters, incidents = filtered_lazily(index, request)
    context = base_context(index, request, form, filters, request.path)
    index_url = context["index_url"]

    def draw():
        found = figures(incidents(), filters, index_url)
        return render_to_string(FIGURES_BODY, {"figures": found, "filters": filters, "index_url": index_url})

    parts = (index.pk, index_url, tuple(filters.query_params().items()))
    context["figures_html"] = data_cache.cached("figures", parts, draw)
    context["views_nav"] = views_nav(index, index_url, filters, "figures")
    return index.render(request, template="observatory/incident_figures_page.html", context_overrides=context)


def serve_data(index, request):
    context = {"index_url": index.get_url(request), "fields": exports.FIELD_NOTES}
    context["cite_url"] = request.build_absolute_uri(context["index_url"])
    context["export_links"] = exports.export_links(index, context["index_url"], None)
    return index.render(request, template="observatory/incident_data_page.html", context_overrides=context)


def serve_export(index, request, kind):
    if kind not in exports.WRITERS:
        raise Http404("No such format")
    _form, _filters, queryset = filtered(index, request)
    return exports.WRITERS[kind](index, request, queryset)


def serve_feed(index, request, kind):
    if kind not in FEEDS:
        raise Http404("No such feed")
    _form, filters, queryset = filtered(index, request)
    return FEEDS[kind](index, queryset, filters)(request)


def serve_archived_copy(index, request, source_id):
    """A source's archived copy, for a published incident under this index that is not sensitive."""
    source = (
        IncidentSource.objects.filter(pk=source_id, page__in=IncidentPage.objects.child_of(index).live())
        .select_related("page")
        .first()
    )
    if source is None:
        raise Http404("No such source")
    link = SourceLink.objects.filter(url=source.url).first() if source.url else None
    copy = public_archived_copy(source.page, source, link)
    if copy is None:
        raise Http404("No archived copy")
    return archived_response(copy)


def archived_response(copy):
    try:
        handle = copy.file.open("rb")
        content_type = copy.content_type or archive_files.sniff(handle.read(archive_files.HEAD_BYTES))
        handle.seek(0)
    except FileNotFoundError as error:
        raise Http404("The archived copy is missing from storage") from error
    response = FileResponse(
        handle,
        content_type=content_type or "application/octet-stream",
        filename=posixpath.basename(copy.file.name),
    )
    # In place of the site's own policy, which would also keep the PDF viewer from its styles.
    is_pdf = content_type.startswith(archive_files.PDF)
    response["Content-Security-Policy"] = PDF_POLICY if is_pdf else ARCHIVE_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    # Never kept by a shared cache: the incident may be marked sensitive tomorrow.
    response["Cache-Control"] = "private, max-age=3600"
    return response


def query_string(filters, **changes):
    params = filters.query_params(**changes) if filters is not None else {}
    return f"?{urlencode(params)}" if params else ""


def page_link(request, name, cursor):
    if not cursor:
        return ""
    query = request.GET.copy()
    query.pop("after", None)
    query.pop("before", None)
    query[name] = cursor
    return f"?{query.urlencode()}"
