"""Members' area pages beside views.py: changing the email address, and the data summary page."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from chasqui.core import ratelimit

from . import data_export, email_change, signin
from .forms import CodeForm, NewEmailForm
from .signin import member_required

NEW_EMAIL_SESSION_KEY = "membership_new_email"
WINDOW = 15 * 60
DAY = 24 * 60 * 60
CODES_PER_MEMBER = 3
CODES_PER_MEMBER_PER_DAY = 6


def _posted(request):
    return request.POST if request.method == "POST" else None


@never_cache
@require_http_methods(["GET", "POST"])
@member_required
def change_email(request, member):
    form = NewEmailForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        new_email = form.cleaned_data["email"]
        if not (
            ratelimit.hit(f"change-email:{member.pk}", CODES_PER_MEMBER, WINDOW)
            and ratelimit.hit(f"change-email-day:{member.pk}", CODES_PER_MEMBER_PER_DAY, DAY)
        ):
            form.add_error(None, _("Too many codes asked for. Wait 15 minutes and try again."))
            return render(request, "membership/account/change_email.html", {"form": form}, status=429)
        try:
            email_change.request_change(member, new_email)
        except email_change.AddressInUse:
            form.add_error("email", _("That address belongs to another membership. Please contact us."))
        else:
            request.session[NEW_EMAIL_SESSION_KEY] = signin.normalise_email(new_email)
            return redirect("membership:confirm_email")
    status = 400 if form.errors else 200
    return render(request, "membership/account/change_email.html", {"form": form}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@member_required
def confirm_email(request, member):
    new_email = request.session.get(NEW_EMAIL_SESSION_KEY)
    if not new_email:
        return redirect("membership:change_email")
    form = CodeForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        outcome = email_change.confirm_change(member, new_email, form.cleaned_data["code"])
        if outcome == signin.Outcome.SIGNED_IN:
            request.session.pop(NEW_EMAIL_SESSION_KEY, None)
            messages.success(request, _("Your email address is now %(email)s.") % {"email": new_email})
            return redirect("membership:account")
        form.add_error("code", _("That code is not right, or it has expired. Check the email and try again."))
    status = 400 if form.errors else 200
    context = {"form": form, "email": new_email}
    return render(request, "membership/account/confirm_email.html", context, status=status)


@never_cache
@member_required
def data_summary(request, member):
    """The data download as a page people can read and print; the JSON stays beside it."""
    context = {"member": member, "data": data_export.member_data(member)}
    return render(request, "membership/account/my_data.html", context)
