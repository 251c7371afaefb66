"""The members' own area: sign in by emailed code or link, see and change their membership."""

import copy

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from chasqui.core import ratelimit

from ..addresses import country_name
from ..billing import receipts
from ..billing.services import stop_card_subscription
from ..choices import MembershipStatus, PaymentMethod
from ..gift_aid import services as gift_aid_services
from ..gift_aid.wording import declaration_wording
from ..lifecycle.renewal_links import renewal_token
from ..organisation import site_settings
from . import data_export, erasure, signin
from . import services as account_services
from .forms import (
    AddressForm,
    BulletinConsentForm,
    CodeForm,
    ConfirmForm,
    GiftAidForm,
    PaymentMethodForm,
    PlanForm,
    SignInForm,
)
from .signin import current_member, member_required

WINDOW = 15 * 60
DAY = 24 * 60 * 60
CODE_REQUESTS_PER_IP = 10
CODE_REQUESTS_PER_EMAIL = 3
CODE_REQUESTS_PER_EMAIL_PER_DAY = 6
ATTEMPTS_PER_IP = 30
NEXT_SESSION_KEY = "membership_sign_in_next"


def _safe_next(request, candidate):
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("membership:account")


def _posted(request):
    """The submitted data on a POST (even an empty one, e.g. an unticked box), else None."""
    return request.POST if request.method == "POST" else None


def _may_email_code(email):
    """At most a few codes every 15 minutes and a day's handful to one address, member or not."""
    return ratelimit.hit(f"sign-in-email:{email}", CODE_REQUESTS_PER_EMAIL, WINDOW) and ratelimit.hit(
        f"sign-in-email-day:{email}", CODE_REQUESTS_PER_EMAIL_PER_DAY, DAY
    )


def _may_try_code(request, email):
    """Guesses counted by address (not reset by a new code) and by connection. The counts are
    the same whether or not the address is a member's, so the answers are the same too."""
    email = signin.normalise_email(email)
    return (
        ratelimit.hit(f"sign-in-attempts:{email}", signin.MAX_ATTEMPTS, WINDOW)
        and ratelimit.hit(f"sign-in-attempts-day:{email}", signin.DAILY_FAILURES, DAY)
        and ratelimit.hit(f"sign-in-attempts-ip:{ratelimit.client_ip(request)}", ATTEMPTS_PER_IP, WINDOW)
    )


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request):
    """Ask for a code. The answer is the same whether or not the address belongs to a member."""
    if current_member(request) is not None:
        return redirect("membership:account")
    form = SignInForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        if not ratelimit.hit(f"sign-in-ip:{ratelimit.client_ip(request)}", CODE_REQUESTS_PER_IP, WINDOW):
            form.add_error(
                None, _("Too many sign-in requests from your connection. Wait 15 minutes and try again.")
            )
            return render(request, "membership/account/sign_in.html", {"form": form}, status=429)
        email = signin.normalise_email(form.cleaned_data["email"])
        if _may_email_code(email):
            signin.request_code(email)
        request.session[signin.PENDING_EMAIL_SESSION_KEY] = email
        request.session[NEXT_SESSION_KEY] = _safe_next(request, request.GET.get("next"))
        return redirect("membership:enter_code")
    status = 400 if form.errors else 200
    return render(request, "membership/account/sign_in.html", {"form": form}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def enter_code(request):
    """A wrong, expired or locked code all get the same answer, for members and anyone else."""
    email = request.session.get(signin.PENDING_EMAIL_SESSION_KEY)
    if not email:
        return redirect("membership:sign_in")
    form = CodeForm(_posted(request))
    context = {"form": form, "email": email, "locked": False}
    if request.method == "POST" and form.is_valid():
        if not _may_try_code(request, email):
            context["locked"] = True
            form.add_error(None, _("Too many wrong codes. Wait a while before asking for a new code."))
            return render(request, "membership/account/enter_code.html", context, status=429)
        result = signin.check_code(email, form.cleaned_data["code"])
        if result.outcome == signin.Outcome.SIGNED_IN:
            next_url = request.session.pop(NEXT_SESSION_KEY, None)
            signin.sign_in(request, result.member)
            return redirect(_safe_next(request, next_url))
        form.add_error("code", _("That code is not right, or it has expired. Check the email and try again."))
    status = 400 if form.errors else 200
    return render(request, "membership/account/enter_code.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_link(request, token):
    """GET only shows a button: mail scanners that follow links must not use up the code."""
    if request.method == "POST":
        allowed = ratelimit.hit(
            f"sign-in-attempts-ip:{ratelimit.client_ip(request)}", ATTEMPTS_PER_IP, WINDOW
        )
        result = signin.check_link(token) if allowed else None
        if result and result.outcome == signin.Outcome.SIGNED_IN:
            signin.sign_in(request, result.member)
            return redirect("membership:account")
        return render(request, "membership/account/sign_in_link.html", {"valid": False}, status=400)
    valid = signin.is_valid_link(token)
    return render(
        request, "membership/account/sign_in_link.html", {"valid": valid}, status=200 if valid else 400
    )


@require_POST
def sign_out(request):
    signin.sign_out(request)
    messages.success(request, _("You have signed out."))
    return redirect("membership:sign_in")


@require_POST
@member_required
def sign_out_everywhere(request, member):
    signin.sign_out_everywhere(request, member)
    messages.success(request, _("You have signed out on every device."))
    return redirect("membership:sign_in")


@never_cache
@member_required
def account(request, member):
    payments = list(member.payments.select_related("plan").order_by("-paid_on", "-pk"))
    declaration = member.active_gift_aid_declaration
    can_renew = member.status != MembershipStatus.CANCELLED and (
        member.payment_method != PaymentMethod.CARD_SUBSCRIPTION or not member.stripe_subscription_id
    )
    context = {
        "member": member,
        "payments": payments,
        "declaration": declaration,
        "last_cancelled_declaration": None
        if declaration
        else member.gift_aid_declarations.filter(cancelled_at__isnull=False).first(),
        "renew_url": reverse("membership:renew", args=[renewal_token(member)]) if can_renew else "",
        "is_pending": member.status == MembershipStatus.PENDING,
        "is_cancelled": member.status == MembershipStatus.CANCELLED,
        "country_name": country_name(member.country),
        "receives_bulletin": account_services.receives_bulletin(member),
    }
    return render(request, "membership/account/account.html", context)


def _form_page(request, member, form, template, on_valid, extra=None):
    """The shared shape of the change pages: show, validate, call one service, go back to the account."""
    if request.method == "POST" and form.is_valid():
        message = on_valid(form.cleaned_data)
        messages.success(request, message)
        return redirect("membership:account")
    status = 400 if form.errors else 200
    return render(request, template, {"member": member, "form": form, **(extra or {})}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@member_required
def change_plan(request, member):
    initial = {"plan": member.next_plan or member.plan}
    form = PlanForm(_posted(request), initial=initial)

    def save(data):
        updated = account_services.change_plan(member, data["plan"])
        if updated.next_plan_id:
            return _("From your next renewal your plan will be %(plan)s.") % {"plan": updated.next_plan}
        return _("You will stay on your current plan.")

    return _form_page(request, member, form, "membership/account/change_plan.html", save)


@never_cache
@require_http_methods(["GET", "POST"])
@member_required
def change_payment_method(request, member):
    form = PaymentMethodForm(_posted(request), initial={"payment_method": member.payment_method})

    def save(data):
        account_services.change_payment_method(member, data["payment_method"])
        return _("Your payment method has been changed.")

    return _form_page(request, member, form, "membership/account/change_payment_method.html", save)


@never_cache
@require_http_methods(["GET", "POST"])
@member_required
def update_address(request, member):
    form = AddressForm(_posted(request), instance=copy.copy(member))  # the form edits its instance
    if request.method == "POST" and form.is_valid():
        account_services.update_address(member, form.cleaned_data)
        messages.success(request, _("Your address has been saved."))
        return redirect("membership:account")
    status = 400 if form.errors else 200
    return render(
        request, "membership/account/update_address.html", {"member": member, "form": form}, status=status
    )


@never_cache
@require_http_methods(["GET", "POST"])
@member_required
def update_consents(request, member):
    form = BulletinConsentForm(_posted(request), initial={"bulletin_consent": member.bulletin_consent})

    def save(data):
        account_services.set_bulletin_consent(member, data["bulletin_consent"])
        if data["bulletin_consent"] and not account_services.receives_bulletin(member):
            return _(
                "Saved. Our earlier emails to your address could not be delivered, so the bulletin is not "
                "being sent; please contact us."
            )
        if data["bulletin_consent"]:
            return _("You will receive the bulletin by email.")
        return _("You will no longer receive the bulletin by email.")

    return _form_page(request, member, form, "membership/account/update_consents.html", save)


@never_cache
@require_http_methods(["GET", "POST"])
@member_required
def gift_aid(request, member):
    """Turn Gift Aid on (a new declaration in HMRC's wording) or off (the declaration is cancelled)."""
    declaration = member.active_gift_aid_declaration
    organisation_name = site_settings(request).organisation_name
    can_declare = gift_aid_services.can_declare_gift_aid(member)
    if declaration is not None:
        form = ConfirmForm(_posted(request), label=_("Cancel my Gift Aid declaration"))
        if request.method == "POST" and form.is_valid():
            gift_aid_services.cancel_gift_aid(member)
            messages.success(request, _("Your Gift Aid declaration has been cancelled."))
            return redirect("membership:account")
    else:
        form = GiftAidForm(_posted(request))
        if request.method == "POST" and can_declare and form.is_valid():
            gift_aid_services.declare_gift_aid(member, organisation_name)
            messages.success(request, _("Thank you: your Gift Aid declaration has been recorded."))
            return redirect("membership:account")
    context = {
        "member": member,
        "form": form,
        "declaration": declaration,
        "can_declare": can_declare,
        "wording": declaration_wording(organisation_name),
        "home_address": gift_aid_services.home_address(member),
    }
    status = 400 if form.errors or (request.method == "POST" and not can_declare and not declaration) else 200
    return render(request, "membership/account/gift_aid.html", context, status=status)


@never_cache
@member_required
def receipt(request, member, payment_id):
    payment = receipts.payment_for_member(member, payment_id)
    if payment is None:
        raise Http404
    receipt = receipts.receipt_for(payment, request)
    if request.GET.get("format") == "txt":
        response = HttpResponse(receipts.receipt_text(receipt), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{receipts.receipt_filename(receipt)}"'
        return response
    return render(request, "membership/account/receipt.html", {"member": member, "receipt": receipt})


@never_cache
@member_required
def download_data(request, member):
    response = HttpResponse(
        data_export.member_data_json(member), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{data_export.export_filename(member)}"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
@member_required
def cancel(request, member):
    if member.status == MembershipStatus.CANCELLED:
        messages.info(request, _("Your membership is already cancelled."))
        return redirect("membership:account")
    form = ConfirmForm(_posted(request), label=_("Yes, cancel my membership"))
    if request.method == "POST" and form.is_valid():
        account_services.cancel_membership(member)
        messages.success(request, _("Your membership has been cancelled."))
        return redirect("membership:account")
    status = 400 if form.errors else 200
    return render(request, "membership/account/cancel.html", {"member": member, "form": form}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@member_required
def erase(request, member):
    form = ConfirmForm(_posted(request), label=_("Yes, erase my personal data"))
    if request.method == "POST" and form.is_valid():
        if member.stripe_subscription_id:
            stop_card_subscription(member)
        erasure.erase_member(member)
        request.session.flush()
        return redirect("membership:erased")
    status = 400 if form.errors else 200
    return render(request, "membership/account/erase.html", {"member": member, "form": form}, status=status)


def erased(request):
    return render(request, "membership/account/erased.html")
