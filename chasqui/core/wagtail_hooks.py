"""Keeps the layout's cached menus and image renditions in step with the content, and gives
every audit log entry written during a request the client's address (see core/audit.py).

Receivers are connected when this module is imported: Wagtail imports every
app's wagtail_hooks when its admin URLs load.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import ModelLogEntry, Page, PageLogEntry, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from chasqui.core import audit, dev_mailbox_views
from chasqui.core.menus import invalidate_menus
from chasqui.core.renditions import LAYOUT_RENDITION_SPECS, rendition_cache_key
from chasqui.core.signals import pages_bulk_changed


@receiver(page_published, dispatch_uid="chasqui_menus_published")
@receiver(page_unpublished, dispatch_uid="chasqui_menus_unpublished")
@receiver(page_slug_changed, dispatch_uid="chasqui_menus_slug_changed")
@receiver(post_page_move, dispatch_uid="chasqui_menus_moved")
@receiver(pages_bulk_changed, dispatch_uid="chasqui_menus_bulk_changed")
def clear_menus_on_page_change(sender, **kwargs):
    invalidate_menus()


@receiver(post_delete, sender=Page, dispatch_uid="chasqui_menus_deleted")
@receiver(post_save, sender=Site, dispatch_uid="chasqui_menus_site_saved")
@receiver(post_delete, sender=Site, dispatch_uid="chasqui_menus_site_deleted")
@receiver(post_save, sender=PageViewRestriction, dispatch_uid="chasqui_menus_restricted")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="chasqui_menus_unrestricted")
def clear_menus_on_structure_change(sender, **kwargs):
    invalidate_menus()


@receiver(post_save, sender=settings.WAGTAILIMAGES_IMAGE_MODEL, dispatch_uid="chasqui_renditions_saved")
@receiver(post_delete, sender=settings.WAGTAILIMAGES_IMAGE_MODEL, dispatch_uid="chasqui_renditions_deleted")
def clear_cached_renditions(sender, instance, **kwargs):
    cache.delete_many([rendition_cache_key(instance.pk, spec) for spec in LAYOUT_RENDITION_SPECS])


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


class DevMailboxMenuItem(MenuItem):
    def is_shown(self, request):
        return dev_mailbox_views.mailbox_shown(request.user)


DEV_MAILBOX_URLS = (
    [
        path("", dev_mailbox_views.mailbox, name="index"),
        path("<str:message_id>/", dev_mailbox_views.message, name="message"),
        path("<str:message_id>/html/", dev_mailbox_views.message_html, name="html"),
    ],
    "dev_mailbox",
)


@hooks.register("register_admin_urls")
def register_dev_mailbox_urls():
    return [path("dev-mailbox/", include(DEV_MAILBOX_URLS))]


@hooks.register("register_admin_menu_item")
def register_dev_mailbox_menu_item():
    return DevMailboxMenuItem(
        _("Development mailbox"), reverse("dev_mailbox:index"), icon_name="mail", order=10_000
    )


@receiver(pre_save, sender=ModelLogEntry, dispatch_uid="chasqui_audit_model_address")
@receiver(pre_save, sender=PageLogEntry, dispatch_uid="chasqui_audit_page_address")
def add_audit_address(sender, instance, **kwargs):
    audit.add_request_address(instance)
