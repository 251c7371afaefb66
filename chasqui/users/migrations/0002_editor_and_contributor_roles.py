"""Editor publishes; Contributor drafts and submits through the editorial review workflow."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PAGE_PERMISSIONS = {
    "Editor": ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
    # "add" alone lets a contributor create pages and edit their own, but nobody else's.
    "Contributor": ["add_page"],
}
COLLECTION_PERMISSIONS = {
    "Editor": [
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    ],
    "Contributor": ["add_image", "choose_image", "add_document", "choose_document"],
}
MODEL_PERMISSIONS = {
    "Editor": [
        ("wagtailadmin", "access_admin"),
        ("news", "add_topic"),
        ("news", "change_topic"),
        ("news", "delete_topic"),
        ("news", "add_region"),
        ("news", "change_region"),
        ("wagtail_localize", "submit_translation"),
        ("wagtailredirects", "add_redirect"),
        ("wagtailredirects", "change_redirect"),
        ("wagtailredirects", "delete_redirect"),
    ],
    "Contributor": [("wagtailadmin", "access_admin")],
}


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in PAGE_PERMISSIONS}

    for name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(
                group=groups[name], page=root_page, permission=permission
            )
    for name, codenames in COLLECTION_PERMISSIONS.items():
        for codename in codenames:
            # Image permissions stay on Wagtail's own Image model even with a custom image model.
            app_label = "wagtailimages" if codename.endswith("_image") else "wagtaildocs"
            permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name], collection=root_collection, permission=permission
            )
    for name, pairs in MODEL_PERMISSIONS.items():
        for app_label, codename in pairs:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission:
                groups[name].permissions.add(permission)

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task, _ = GroupApprovalTask.objects.get_or_create(
        name="Editor approval", defaults={"content_type": task_type, "active": True}
    )
    task.groups.add(groups["Editor"])
    workflow, _ = Workflow.objects.get_or_create(name="Editorial review", defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.filter(page=root_page).delete()
    WorkflowPage.objects.create(page=root_page, workflow=workflow)

    # Wagtail's own starter groups overlap with these roles; drop them while unused.
    Group.objects.filter(name__in=["Moderators", "Editors"], user__isnull=True).delete()
    Workflow.objects.filter(name="Moderators approval", workflow_pages__isnull=True).update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0001_initial"),
        ("news", "0002_peru_regions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "__latest__"),
        ("wagtail_localize", "__latest__"),
        ("wagtailadmin", "__latest__"),
        ("images", "0002_initial"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
