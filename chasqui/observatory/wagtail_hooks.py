from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from chasqui.core.affected_urls import AFFECTED_URLS_HOOK
from chasqui.core.content_checks import CONTENT_CHECKS_HOOK
from chasqui.core.page_extras import PAGE_EXTRAS_HOOK
from chasqui.core.sections import HOME_SECTIONS_HOOK

from .actor_chooser import sensitive_actor_chooser
from .admin_import import import_incidents_view, user_can_import_incidents
from .api.purging import api_urls
from .models import IncidentType
from .name_check import unmarked_sensitive_names
from .news_card import news_item_incidents
from .section import OBSERVATORY_SECTION
from .sensitive_names import register_sensitive_name_feature


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
