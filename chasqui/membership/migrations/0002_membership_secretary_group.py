"""The "Membership secretary" group: sees and edits members, payments, plans and Gift Aid in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Membership secretary"
PERMISSIONS = [
    *(
        ("membership", f"{action}_{model}")
        for model in ("member", "payment", "plan", "giftaiddeclaration", "memberevent")
        for action in ("view", "add", "change")
    ),
    ("membership", "view_reminder"),
    ("membership", "change_membershipsettings"),
    ("wagtailadmin", "access_admin"),
]


def create_secretary_group(apps, schema_editor):
    # Permissions are normally created after all migrations have run; create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    for app_label, codename in PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission:
            group.permissions.add(permission)


def remove_secretary_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0001_initial"),
        ("wagtailadmin", "__latest__"),
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
    ]

    operations = [migrations.RunPython(create_secretary_group, remove_secretary_group)]
