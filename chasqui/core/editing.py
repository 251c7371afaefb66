"""One edit of a page at a time.

Wagtail's editor autosaves in the background. Its check that an autosave is not out of date runs
before anything is written, so an autosave that started just before *Publish* could pass the
check, then write the page row it had read as a draft after the publish had made it live: the
editor was told "published" and the page stayed a draft. Running each POST to a page's edit view
in one transaction that first locks the page's row makes such requests take turns, so the late
autosave finds the newer revision and is refused as out of date, as Wagtail intends.
"""

from django.db import transaction
from django.db.models import F
from django.urls import Resolver404, resolve
from wagtail.models import Page

EDIT_VIEW = "wagtailadmin_pages:edit"


def edited_page_id(request):
    """The id of the page a POST edits, or None for any other request."""
    if request.method != "POST" or not request.path_info.startswith("/admin/pages/"):
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match.kwargs.get("page_id") if match.view_name == EDIT_VIEW else None


def lock_page(page_id):
    """Hold the page's row until the transaction ends: a no-op UPDATE locks it on PostgreSQL and
    takes SQLite's write lock, so a second edit of the page waits instead of interleaving."""
    Page.objects.filter(pk=page_id).update(depth=F("depth"))


class PageEditLockMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        page_id = edited_page_id(request)
        if page_id is None:
            return self.get_response(request)
        with transaction.atomic():
            lock_page(page_id)
            return self.get_response(request)
