"""The "Membership secretary" group may lift sign-in lock-outs (as superusers may).

get_or_create: whichever of this and the membership app's migration runs first creates the group.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Membership secretary"


def grant(apps, schema_editor):
    app_config = apps.get_app_config("users")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="users", codename="lift_sign_in_lockout")
    Group.objects.get_or_create(name=GROUP_NAME)[0].permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="users", codename="lift_sign_in_lockout").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0003_lift_sign_in_lockout_permission"),
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
