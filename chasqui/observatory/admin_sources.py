"""The admin's side of archived sources: "Archive sources now" on an incident, and the report of
sources whose address no longer answers."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext, pgettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import IncidentPage, IncidentSource, SourceLink
from .public import archived_copy
from .sensitive_admin import can_see_sensitive_data
from .tasks import capture_now
from .views import archived_response

ARCHIVE_TEMPLATE = "observatory/admin/archive_sources.html"


def archive_sources_view(request, page_id):
    """Confirm, then queue a fresh capture of each of the incident's source addresses."""
    page = get_object_or_404(IncidentPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if request.method == "POST":
        count = capture_now(page)
        if count:
            messages.success(
                request,
                ngettext(
                    "Archiving %(count)d source address in the background.",
                    "Archiving %(count)d source addresses in the background.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.warning(request, _("This incident has no source with an address to archive."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    context = {"page": page, "page_title": _("Archive sources now"), "header_icon": "download"}
    return TemplateResponse(request, ARCHIVE_TEMPLATE, context)


def archived_copy_view(request, source_id):
    """A source's archived copy for who may edit its incident, served as readers get it; a sensitive
    incident's only to editors with the sensitive data permission, as its sources are withheld from
    the others' edit form (the copy can name the person)."""
    source = get_object_or_404(IncidentSource.objects.select_related("page"), pk=source_id)
    if not source.page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if source.page.is_sensitive and not can_see_sensitive_data(request.user):
        raise PermissionDenied
    copy = archived_copy(source, SourceLink.objects.filter(url=source.url).first() if source.url else None)
    if copy is None:
        raise Http404("No archived copy")
    return archived_response(copy)


def archived_copy_url(source):
    return reverse("observatory_admin_archived_copy", args=[source.pk]) if source.archived else None


class BrokenSourcesFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=pgettext_lazy("broken sources", "State"),
        empty_label=gettext_lazy("Failing the link check"),
        choices=[("stopped", gettext_lazy("No longer answering"))],
        method="filter_state",
    )

    class Meta:
        model = IncidentSource
        fields = []

    def filter_state(self, queryset, name, value):
        return queryset.filter(stopped=True) if value == "stopped" else queryset


def last_answer(source):
    return source.last_status or source.last_error


class BrokenSourcesReport(ReportView):
    """Sources of published incidents the editor may change whose address failed its last check,
    those no longer answering first."""

    page_title = gettext_lazy("Broken sources")
    header_icon = "warning"
    index_url_name = "observatory_broken_sources"
    index_results_url_name = "observatory_broken_sources_results"
    filterset_class = BrokenSourcesFilterSet
    model = IncidentSource
    permission_policy = PagePermissionPolicy()
    any_permission_required = ["add", "change", "publish"]
    columns = [
        TitleColumn(
            "incident",
            label=pgettext_lazy("broken sources", "Incident"),
            accessor="page.title",
            get_url=lambda source: reverse("wagtailadmin_pages:edit", args=[source.page_id]),
        ),
        Column("title", label=pgettext_lazy("broken sources", "Source")),
        Column("url", label=pgettext_lazy("broken sources", "Address")),
        DateColumn("failing_since", label=gettext_lazy("Failing since")),
        Column("last_answer", label=gettext_lazy("Last answer"), accessor=last_answer),
        BooleanColumn("stopped", label=gettext_lazy("No longer answering")),
        TitleColumn(
            "archived",
            label=gettext_lazy("Archived copy"),
            accessor=lambda source: (
                pgettext("broken sources", "Open") if source.archived else pgettext("broken sources", "None")
            ),
            get_url=archived_copy_url,
        ),
    ]
    export_headings = {
        "page.title": pgettext_lazy("broken sources", "Incident"),
        "title": pgettext_lazy("broken sources", "Source"),
        "url": pgettext_lazy("broken sources", "Address"),
        "failing_since": gettext_lazy("Failing since"),
        "last_checked_at": gettext_lazy("Last checked"),
        "last_status": gettext_lazy("Last HTTP status"),
        "last_error": gettext_lazy("Last error"),
    }

    list_export = list(export_headings)

    def get_filename(self):
        return f"broken-sources-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        link = SourceLink.objects.filter(url=OuterRef("url"))
        editable = self.permission_policy.instances_user_has_permission_for(self.request.user, "change")
        fields = ("failing_since", "last_checked_at", "last_status", "last_error")
        sources = IncidentSource.objects.filter(
            page__live=True, page__in=editable.type(IncidentPage).values("pk")
        )
        if not can_see_sensitive_data(self.request.user):
            # A sensitive incident's sources are withheld from these editors everywhere in the admin.
            sources = sources.exclude(page__is_sensitive=True)
        return (
            sources.annotate(
                **{name: Subquery(link.values(name)[:1]) for name in fields},
                stopped=Subquery(link.values("stopped_answering")[:1]),
                archived=Q(archived_copy__gt="") | Exists(link.exclude(capture="")),
            )
            .filter(failing_since__isnull=False)
            .select_related("page")
            .order_by("-stopped", "failing_since", "pk")
        )


def can_see_broken_sources(user):
    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


def is_incident(page):
    return isinstance(page, Page) and page.specific_class is IncidentPage
