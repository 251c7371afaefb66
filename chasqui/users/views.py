"""Admin pages for the second factor (set up, enter, recovery codes) and for sign-in lock-outs."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from chasqui.users import lockouts, two_factor
from chasqui.users.forms import CodeForm


def next_url(request):
    """Where to go after the second factor: the page first asked for, if it is ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


@never_cache
@sensitive_post_parameters("code")
def enrol(request):
    """Set up an authenticator app: scan the QR code (or type the secret), then confirm with a code.

    Replacing an authenticator needs a session that has already passed the second factor, so a
    password alone can never swap in someone else's phone.
    """
    user = request.user
    if two_factor.has_authenticator(user) and not user.is_verified():
        return redirect(f"{reverse('users_two_factor_verify')}?next={next_url(request)}")
    device = two_factor.pending_authenticator(user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if two_factor.confirm_authenticator(request, device, form.cleaned_data["code"]):
            codes = two_factor.issue_recovery_codes(user)
            context = {"codes": codes, "next": next_url(request), "first_time": True}
            return TemplateResponse(request, "users/recovery_codes.html", context)
        form.add_error("code", _("That code is not right. Enter the code the app shows now."))
    context = {
        "form": form,
        "next": next_url(request),
        "qr_code": two_factor.qr_code_svg(device),
        "secret": two_factor.secret_for_manual_entry(device),
    }
    return TemplateResponse(request, "users/two_factor_enrol.html", context)


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    """The second step of signing in: a code from the app, or one of the recovery codes."""
    if not two_factor.has_authenticator(request.user):
        return redirect(f"{reverse('users_two_factor_enrol')}?next={next_url(request)}")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if two_factor.verify_second_factor(request, form.cleaned_data["code"]):
            return redirect(next_url(request))
        form.add_error("code", _("That code is not right, or was already used. Try again in a moment."))
    return TemplateResponse(
        request, "users/two_factor_verify.html", {"form": form, "next": next_url(request)}
    )


@never_cache
def security(request):
    """The account's two-factor page: how many recovery codes are left, new ones, a new phone."""
    if request.method == "POST":
        codes = two_factor.issue_recovery_codes(request.user)
        context = {"codes": codes, "next": reverse("users_two_factor_security"), "first_time": False}
        return TemplateResponse(request, "users/recovery_codes.html", context)
    context = {"remaining": two_factor.remaining_recovery_codes(request.user)}
    return TemplateResponse(request, "users/two_factor_security.html", context)


def lockout_list(request):
    if not lockouts.can_lift_lockouts(request.user):
        raise PermissionDenied
    return TemplateResponse(request, "users/lockouts.html", {"lockouts": lockouts.current_lockouts()})


@require_POST
def lift_lockout(request):
    if not lockouts.can_lift_lockouts(request.user):
        raise PermissionDenied
    kind, value = request.POST.get("kind", ""), request.POST.get("value", "")
    if kind in lockouts.FIELDS and value:
        lockouts.lift_lockout(kind, value)
        messages.success(request, _("Lifted the lock-out on %(value)s.") % {"value": value})
    return redirect("users_lockouts")
