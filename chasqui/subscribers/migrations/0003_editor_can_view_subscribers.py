"""Editors send the bulletin, so they may see (not change) the mailing list."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_view(apps, schema_editor):
    app_config = apps.get_app_config("subscribers")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="subscribers", codename="view_subscriber")
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(permission)


def revoke_view(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(content_type__app_label="subscribers", codename="view_subscriber")
    for editor in Group.objects.filter(name="Editor"):
        editor.permissions.remove(*permission)


class Migration(migrations.Migration):
    dependencies = [
        ("subscribers", "0002_subscriber_confirmation_sent_at"),
        ("users", "0002_editor_and_contributor_roles"),
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
    ]

    operations = [migrations.RunPython(grant_view, revoke_view)]
