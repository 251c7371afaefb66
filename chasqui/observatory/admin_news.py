"""Linking incidents from the news editor: "Record an incident" opens the add-incident form with the
news item already in "News items reporting it", and the item's editor lists the incidents that
report it. The news app knows nothing of this: the button comes through Wagtail's page-header hook
and the list through core's editor-extras panel."""

from urllib.parse import urlencode

from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.pages.create import CreateView

from chasqui.news.models import NewsItemPage

from .models import IncidentIndexPage, IncidentNewsItem, IncidentPage


def incidents_index_for(news_item):
    """The incidents index in the news item's language, or None."""
    return IncidentIndexPage.objects.filter(locale_id=news_item.locale_id).order_by("path").first()


def can_record_incident(news_item, user):
    index = incidents_index_for(news_item)
    return index is not None and index.permissions_for_user(user).can_add_subpage()


def record_incident_url(news_item):
    """The prefilled add form; once the incident is published the editor is back on the news item."""
    back = reverse("wagtailadmin_pages:edit", args=[news_item.pk])
    return f"{reverse('observatory_record_incident', args=[news_item.pk])}?{urlencode({'next': back})}"


class RecordIncidentView(CreateView):
    """Wagtail's add-incident form under the index of the news item's language, with the item in
    "News items reporting it" and, when the item has exactly one region, that region chosen.

    Only the form is served here: it posts to Wagtail's own add view, which saves the link."""

    http_method_names = ["get", "head"]

    def dispatch(self, request, news_item_id):
        self.news_item = get_object_or_404(NewsItemPage, pk=news_item_id)
        index = incidents_index_for(self.news_item)
        if index is None:
            messages.error(request, _("There is no incidents index in this news item's language."))
            return redirect("wagtailadmin_pages:edit", self.news_item.pk)
        return super().dispatch(request, "observatory", "incidentpage", index.pk)

    def get(self, request):
        draft = self.news_item.get_latest_revision_as_object()  # the regions as the editor left them
        self.page.news_links = [IncidentNewsItem(news_item=self.news_item)]
        regions = list(draft.regions.all())
        if len(regions) == 1:
            self.page.region = regions[0]
        return super().get(request)


class RecordIncidentButton(PageMenuItem):
    label = gettext_lazy("Record an incident")
    icon_name = "warning"
    priority = 16  # beside Wagtail's "Add child page"

    @cached_property
    def url(self):
        return record_incident_url(self.page)

    def is_shown(self, user):
        return can_record_incident(self.page, user)


def news_item_header_buttons(page, user, view_name, next_url=None):
    """For Wagtail's `register_page_header_buttons` hook: the button on a news item's edit page."""
    if view_name == "edit" and page.specific_class is NewsItemPage:
        yield RecordIncidentButton(page=page)


def news_item_incident_links(page, request):
    """For core's editor-extras panel: the incidents reporting this item (or its translations)."""
    if page.specific_class is not NewsItemPage:
        return ""
    incidents = (
        IncidentPage.objects.filter(news_links__news_item__translation_key=page.translation_key)
        .select_related("locale")
        .distinct()
        .order_by("-public_date", "-pk")
    )
    context = {
        "incidents": incidents,
        "record_url": record_incident_url(page) if can_record_incident(page, request.user) else "",
    }
    return render_to_string("observatory/admin/news_item_incidents.html", context, request)
