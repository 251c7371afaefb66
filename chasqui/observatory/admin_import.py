"""The admin's upload of an incidents CSV file: the same import as `manage.py import_incidents`."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from chasqui.core.imports import may_add_and_publish_under

from .importing import COLUMNS, import_incidents
from .models import IncidentIndexPage

TEMPLATE = "observatory/admin/import_incidents.html"


class IncidentImportForm(forms.Form):
    source = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("Columns are described in the observatory guide."),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Dry run"),
        required=False,
        help_text=gettext_lazy("Check the file and show what would happen without saving anything."),
    )


def user_can_import_incidents(user):
    """Superusers, and editors who may add and publish pages under an incidents index."""
    return may_add_and_publish_under(user, IncidentIndexPage)


def import_incidents_view(request):
    if not user_can_import_incidents(request.user):
        raise PermissionDenied
    result = None
    form = IncidentImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = import_incidents(form.cleaned_data["source"].read(), dry_run=form.cleaned_data["dry_run"])
        if result.errors:
            messages.error(request, _("The file has errors: nothing was imported."))
        elif not result.dry_run:
            messages.success(request, _("Incidents imported."))
    context = {
        "form": form,
        "result": result,
        "columns": COLUMNS,
        "page_title": _("Import incidents"),
        "header_icon": "upload",
    }
    status = 400 if form.errors or (result and result.errors) else 200
    return render(request, TEMPLATE, context, status=status)
