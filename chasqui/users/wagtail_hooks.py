from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from chasqui.users import lockouts, views


@hooks.register("register_admin_urls")
def register_sign_in_urls():
    return [
        path("two-factor/enrol/", views.enrol, name="users_two_factor_enrol"),
        path("two-factor/verify/", views.verify, name="users_two_factor_verify"),
        path("two-factor/", views.security, name="users_two_factor_security"),
        path("sign-in-lockouts/", views.lockout_list, name="users_lockouts"),
        path("sign-in-lockouts/lift/", views.lift_lockout, name="users_lift_lockout"),
    ]


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return lockouts.can_lift_lockouts(request.user)


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return LockoutsMenuItem(_("Sign-in lock-outs"), reverse("users_lockouts"), icon_name="lock", order=900)


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    return {
        "url": reverse("users_two_factor_security"),
        "label": _("Two-step verification"),
        "help_text": _("Recovery codes, and setting up a new phone."),
    }
