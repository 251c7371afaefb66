from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from chasqui.core.affected_urls import AFFECTED_URLS_HOOK
from chasqui.core.bulletin_sections import BULLETIN_SECTIONS_HOOK
from chasqui.core.content_checks import CONTENT_CHECKS_HOOK
from chasqui.core.editor_extras import EDITOR_EXTRAS_HOOK
from chasqui.core.page_extras import PAGE_EXTRAS_HOOK
from chasqui.core.region_extras import REGION_EXTRAS_HOOK
from chasqui.core.search_types import SEARCH_TYPES_HOOK
from chasqui.core.sections import HOME_SECTIONS_HOOK

from .actor_chooser import sensitive_actor_chooser
from .admin_import import import_incidents_view, user_can_import_incidents
from .admin_news import RecordIncidentView, news_item_header_buttons, news_item_incident_links
from .admin_sources import (
    BrokenSourcesReport,
    archive_sources_view,
    archived_copy_view,
    can_see_broken_sources,
    is_incident,
)
from .api.purging import api_urls
from .bulletin_section import BULLETIN_INCIDENTS
from .models import IncidentType
from .name_check import unmarked_sensitive_names
from .news_card import news_item_incidents
from .region_panel import region_incidents
from .searching import SEARCH_TYPES
from .section import OBSERVATORY_SECTION
from .sensitive_names import register_sensitive_name_feature
from .shown_on import incident_urls


class IncidentTypeViewSet(SnippetViewSet):
    model = IncidentType
    icon = "warning"
    list_display = ["name", "name_es", "slug"]
    menu_label = "Incident types"


register_snippet(IncidentTypeViewSet)


@hooks.register(HOME_SECTIONS_HOOK)
def observatory_section():
    return OBSERVATORY_SECTION


hooks.register(PAGE_EXTRAS_HOOK, news_item_incidents)
hooks.register(CONTENT_CHECKS_HOOK, unmarked_sensitive_names)
hooks.register("register_rich_text_features", register_sensitive_name_feature)


@hooks.register("register_admin_viewset")
def sensitive_actor_chooser_viewset():
    return sensitive_actor_chooser


hooks.register(AFFECTED_URLS_HOOK, api_urls)
hooks.register(REGION_EXTRAS_HOOK, region_incidents)
hooks.register(EDITOR_EXTRAS_HOOK, news_item_incident_links)
hooks.register(AFFECTED_URLS_HOOK, incident_urls)
hooks.register("register_page_header_buttons", news_item_header_buttons)


@hooks.register(BULLETIN_SECTIONS_HOOK)
def bulletin_incidents_section():
    return BULLETIN_INCIDENTS


@hooks.register(SEARCH_TYPES_HOOK)
def observatory_search_types():
    return SEARCH_TYPES


@hooks.register("register_permissions")
def sensitive_data_permission():
    """Offered in the group editor, so administrators choose who sees sensitive values."""
    return Permission.objects.filter(content_type__app_label="observatory", codename="view_sensitive_data")


class ImportIncidentsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_import_incidents(request.user)


@hooks.register("register_admin_urls")
def import_incidents_urls():
    return [
        path("observatory/import/", import_incidents_view, name="observatory_import"),
        path(
            "observatory/incidents/<int:page_id>/archive-sources/",
            archive_sources_view,
            name="observatory_archive_sources",
        ),
        path(
            "observatory/sources/<int:source_id>/archived-copy/",
            archived_copy_view,
            name="observatory_admin_archived_copy",
        ),
        path("reports/broken-sources/", BrokenSourcesReport.as_view(), name="observatory_broken_sources"),
        path(
            "reports/broken-sources/results/",
            BrokenSourcesReport.as_view(results_only=True),
            name="observatory_broken_sources_results",
        ),
        path(
            "observatory/record-incident/<int:news_item_id>/",
            RecordIncidentView.as_view(),
            name="observatory_record_incident",
        ),
    ]


def archive_sources_button(page, user, priority):
    if is_incident(page) and page.permissions_for_user(user).can_edit():
        url = reverse("observatory_archive_sources", args=[page.pk])
        yield Button(_("Archive sources now"), url, icon_name="download", priority=priority)


@hooks.register("register_page_header_buttons")
def archive_sources_header_button(page, user, view_name, next_url=None):
    yield from archive_sources_button(page, user, priority=62)


@hooks.register("register_page_listing_more_buttons")
def archive_sources_listing_button(page, user, next_url=None):
    yield from archive_sources_button(page, user, priority=45)


class BrokenSourcesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_broken_sources(request.user)


@hooks.register("register_reports_menu_item")
def broken_sources_menu_item():
    return BrokenSourcesMenuItem(
        _("Broken sources"), reverse("observatory_broken_sources"), icon_name="warning", order=950
    )


@hooks.register("register_admin_menu_item")
def import_incidents_menu_item():
    return ImportIncidentsMenuItem(
        _("Import incidents"), reverse("observatory_import"), icon_name="upload", order=910
    )
