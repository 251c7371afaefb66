"""Editors keep the list of incident types; who sees sensitive data stays an administrator's choice."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_incidenttype", "change_incidenttype", "delete_incidenttype"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("observatory")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor = Group.objects.filter(name="Editor").first()
    if editor:
        editor.permissions.add(
            *Permission.objects.filter(content_type__app_label="observatory", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("observatory", "0002_seed_incident_types"),
        ("users", "0002_editor_and_contributor_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
