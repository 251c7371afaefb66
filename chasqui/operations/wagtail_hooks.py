"""Settings → Backups: each backup's outcome, for administrators only, and read-only (a record of
what happened is not for editing)."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Backup


class ReadOnlyForAdministrators(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser and action == "view"


register_permission_policy(Backup, ReadOnlyForAdministrators(Backup))


class BackupViewSet(ModelViewSet):
    model = Backup
    icon = "download"
    menu_label = "Backups"
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["archive_name", "started_at", "ok", "size_bytes", "destination"]
    list_filter = ["ok"]
    form_fields = []  # never offered: the permission policy allows viewing only
    inspect_view_fields = [
        "archive_name",
        "started_at",
        "finished_at",
        "destination",
        "size_bytes",
        "encrypted",
        "ok",
        "error",
    ]


@hooks.register("register_admin_viewset")
def register_backup_viewset():
    return BackupViewSet("backups")
