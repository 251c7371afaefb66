from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.admin import messages

from chasqui.core.imports import may_add_and_publish_under
from chasqui.news.models import NewsIndexPage

from .forms import ImportForm
from .services import ImportOptions, SourceError, import_source

TEMPLATE = "importer/import_form.html"


def user_can_import(user):
    """Superusers, and editors who may add and publish news items: imports publish directly."""
    return may_add_and_publish_under(user, NewsIndexPage)


def import_archive(request):
    if not user_can_import(request.user):
        raise PermissionDenied
    report = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        options = ImportOptions(
            dry_run=data["dry_run"],
            as_drafts=data["as_drafts"],
            topics=form.topic_names(),
            language=data["language"],
            include_drafts=data["include_drafts"],
            undated_as_pages=data["undated_as_pages"],
            user=request.user,
        )
        upload = data["source"]
        try:
            report = import_source(upload.open("rb"), upload.name, options)
        except SourceError as error:
            form.add_error("source", str(error))
        else:
            if report.counts.get("failed"):
                messages.warning(request, _("Import finished with problems; see the list below."))
            else:
                messages.success(request, _("Import finished."))
    context = {"form": form, "report": report, "page_title": _("Import archive"), "header_icon": "download"}
    return render(request, TEMPLATE, context, status=400 if form.errors else 200)
