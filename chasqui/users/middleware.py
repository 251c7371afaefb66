"""The admin's door after the password: a second factor first, and signing out idle sessions."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from chasqui.users import two_factor

LAST_SEEN_KEY = "chasqui_staff_last_seen"
# Writing the session on every click would cost a database write a request; this close is enough.
LAST_SEEN_RESOLUTION_SECONDS = 30

# Admin pages a signed-in user may reach before the second factor: signing in and out, the
# password reset, the assets those pages need, and the two-factor pages themselves.
OPEN_BEFORE_SECOND_FACTOR = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "users_two_factor_enrol",
    "users_two_factor_verify",
}


def is_admin_request(request):
    return request.path_info.startswith(reverse("wagtailadmin_home"))


def url_name(request):
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


def is_staff_user(user):
    return user.is_authenticated and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


class StaffSignInMiddleware:
    """On every admin request: sign out a staff session idle too long, then demand the second factor.

    A staff user who has signed in with a password but not yet a code may open only the pages in
    `OPEN_BEFORE_SECOND_FACTOR`; anything else sends them to enter a code, or, with no
    authenticator yet, to set one up. Needs `django_otp.middleware.OTPMiddleware` before it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_admin_request(request) and is_staff_user(request.user):
            response = self.sign_out_if_idle(request) or self.require_second_factor(request)
            if response:
                return response
        return self.get_response(request)

    def sign_out_if_idle(self, request):
        now = time.time()
        last_seen = request.session.get(LAST_SEEN_KEY)
        idle_limit = settings.CHASQUI_STAFF_IDLE_MINUTES * 60
        if last_seen is not None and now - last_seen > idle_limit:
            logout(request)
            messages.info(
                request,
                _("You were signed out after %(minutes)d minutes without activity. Please sign in again.")
                % {"minutes": settings.CHASQUI_STAFF_IDLE_MINUTES},
            )
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        if last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION_SECONDS:
            request.session[LAST_SEEN_KEY] = now
        return None

    def require_second_factor(self, request):
        user = request.user
        if not two_factor.requires_two_factor(user) or user.is_verified():
            return None
        if url_name(request) in OPEN_BEFORE_SECOND_FACTOR:
            return None
        step = "users_two_factor_verify" if two_factor.has_authenticator(user) else "users_two_factor_enrol"
        return redirect_to_login(request.get_full_path(), reverse(step))
