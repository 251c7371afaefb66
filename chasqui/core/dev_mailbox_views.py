"""The admin's *Development mailbox*: the emails the development mail backend wrote, for superusers."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .dev_mailbox import get_message, list_messages, mailbox_path


def mailbox_shown(user):
    """Superusers, and only while the development mailbox is the mail backend."""
    return user.is_active and user.is_superuser and mailbox_path() is not None


def _checked(request):
    if not mailbox_shown(request.user):
        raise PermissionDenied
    return mailbox_path()


def mailbox(request):
    folder = _checked(request)
    context = {
        "messages_sent": list_messages(folder),
        "folder": folder,
        "page_title": _("Development mailbox"),
        "header_icon": "mail",
    }
    return render(request, "core/dev_mailbox/index.html", context)


def message(request, message_id):
    found = get_message(_checked(request), message_id)
    if found is None:
        raise Http404("No such message")
    context = {"message": found, "page_title": found.subject or _("(no subject)"), "header_icon": "mail"}
    return render(request, "core/dev_mailbox/message.html", context)


def message_html(request, message_id):
    """The HTML part alone, sandboxed: no scripts, no forms, no same-origin access to the admin."""
    found = get_message(_checked(request), message_id)
    if found is None or not found.html:
        raise Http404("No HTML part")
    response = HttpResponse(found.html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = (
        "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'"
    )
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response
