from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from chasqui.core.page_extras import PAGE_EXTRAS_HOOK
from chasqui.core.search_types import SEARCH_TYPES_HOOK
from chasqui.core.sections import HOME_SECTIONS_HOOK

from .admin_import import import_incidents_view, user_can_import_incidents
from .models import IncidentType
from .news_card import news_item_incidents
from .searching import SEARCH_TYPES
from .section import OBSERVATORY_SECTION


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
    return [path("observatory/import/", import_incidents_view, name="observatory_import")]


@hooks.register("register_admin_menu_item")
def import_incidents_menu_item():
    return ImportIncidentsMenuItem(
        _("Import incidents"), reverse("observatory_import"), icon_name="upload", order=910
    )
