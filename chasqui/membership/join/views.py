"""Public pages: join, the page after joining, and renewal from an emailed link (no password)."""

import logging
from datetime import timedelta

import stripe
from django.core import signing
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_http_methods

from chasqui.core import ratelimit

from .. import emails
from ..billing import stripe_client
from ..billing.methods import card_payments_available
from ..choices import MembershipStatus, PaymentMethod
from ..gift_aid.wording import declaration_wording
from ..lifecycle.renewal_links import member_from_renewal_token, renewal_token
from ..models import Member, Plan
from ..organisation import membership_settings, organisation_name
from . import services
from .forms import JoinForm, RenewForm
from .home_page import why_join

logger = logging.getLogger(__name__)

JOINS_PER_IP = 5
JOIN_WINDOW_SECONDS = 60 * 60
JOIN_ATTEMPT_NOTICES_PER_DAY = 3
DAY_SECONDS = 24 * 60 * 60
JOIN_SENT_SESSION_KEY = "membership_join_sent"
JOIN_DONE_SALT = "membership.join_done"
JOIN_DONE_MAX_AGE = timedelta(days=14)


def join_done_token(member):
    return signing.dumps(member.pk, salt=JOIN_DONE_SALT)


def member_from_join_done_token(token):
    try:
        member_id = int(signing.loads(token, salt=JOIN_DONE_SALT, max_age=JOIN_DONE_MAX_AGE))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return Member.objects.select_related("plan").not_erased().filter(pk=member_id).first()


def _join_page(request, form, status=200, **extra):
    title, benefits = why_join(request)
    context = {
        "form": form,
        "plans": Plan.objects.active(),
        "why_join_title": title,
        "benefits": benefits,
        "gift_aid_wording": declaration_wording(organisation_name()),
        **extra,
    }
    return render(request, "membership/join.html", context, status=status)


def _absolute(request, path):
    return request.build_absolute_uri(path)


def _checkout_redirect(request, member, plan, method):
    """Send the member to Stripe Checkout; membership starts only when Stripe's webhook confirms."""
    session = stripe_client.create_checkout_session(
        member,
        plan,
        method,
        success_url=_absolute(request, reverse("membership:join_done", args=[join_done_token(member)]))
        + "?paid=1",
        cancel_url=_absolute(request, reverse("membership:renew", args=[renewal_token(member)])),
    )
    return HttpResponseRedirect(session.url, status=303)


@require_http_methods(["GET", "POST"])
def join(request):
    if request.method != "POST":
        return _join_page(request, JoinForm())

    form = JoinForm(request.POST)
    if form.is_bot():
        form.add_error(None, translation.gettext("Sorry, we could not accept this form."))
        return _join_page(request, form, status=400)
    if not form.is_valid():
        return _join_page(request, form, status=400)
    if not ratelimit.hit(f"join:{ratelimit.client_ip(request)}", JOINS_PER_IP, JOIN_WINDOW_SECONDS):
        form.add_error(
            None,
            translation.gettext("Too many people have joined from this connection. Try again in an hour."),
        )
        return _join_page(request, form, status=429)
    try:
        member = services.join(**form.member_fields(), language=translation.get_language())
    except services.AlreadyAMember:
        # The same answer as a new offline join, so the form tells nobody who is a member; the
        # member is told by email (a few times a day at most) and can sign in from there.
        existing = services.member_with_email(form.cleaned_data["email"])
        if existing and ratelimit.hit(
            f"join-attempt:{existing.pk}", JOIN_ATTEMPT_NOTICES_PER_DAY, DAY_SECONDS
        ):
            emails.send_join_attempt(existing.pk)
        return _check_your_email(request, form.cleaned_data)

    if PaymentMethod(member.payment_method).is_card:
        try:
            return _checkout_redirect(request, member, member.plan, member.payment_method)
        except stripe.StripeError:
            logger.exception("Could not start Stripe Checkout for member %s", member.pk)
            return redirect(
                reverse("membership:join_done", args=[join_done_token(member)]) + "?card_unavailable=1"
            )
    return _check_your_email(request, form.cleaned_data)


def _check_your_email(request, data):
    """After a join by bank or cheque (or with an address already in use): only what was typed."""
    request.session[JOIN_SENT_SESSION_KEY] = {
        "first_name": data["first_name"],
        "email": data["email"],
        "payment_method": data["payment_method"],
    }
    return redirect("membership:join_sent")


def join_sent(request):
    typed = request.session.get(JOIN_SENT_SESSION_KEY)
    if not typed:
        return redirect("membership:join")
    method = typed["payment_method"]
    context = {
        **typed,
        "membership_settings": membership_settings().localized,
        "pays_offline": method in PaymentMethod.offline(),
        "pays_by_cheque": method == PaymentMethod.CHEQUE,
    }
    return render(request, "membership/join_sent.html", context)


def _link_error(request):
    return render(request, "membership/join_link_error.html", status=404)


def join_done(request, token):
    member = member_from_join_done_token(token)
    if member is None:
        return _link_error(request)
    context = {
        "member": member,
        "membership_settings": membership_settings().localized,
        "is_pending": member.status == MembershipStatus.PENDING,
        "pays_offline": member.payment_method in PaymentMethod.offline(),
        "pays_by_cheque": member.payment_method == PaymentMethod.CHEQUE,
        "returned_from_card": request.GET.get("paid") == "1",
        "card_unavailable": request.GET.get("card_unavailable") == "1",
        "renewal_url": reverse("membership:renew", args=[renewal_token(member)]),
    }
    return render(request, "membership/join_done.html", context)


@require_http_methods(["GET", "POST"])
def renew(request, token):
    member = member_from_renewal_token(token)
    if member is None:
        return _link_error(request)
    plan = member.next_plan or member.plan
    card_available = card_payments_available()
    error = ""
    if request.method == "POST" and card_available:
        form = RenewForm(request.POST)
        if form.is_valid():
            try:
                return _checkout_redirect(request, member, plan, form.cleaned_data["payment_method"])
            except stripe.StripeError:
                logger.exception("Could not start Stripe Checkout for member %s", member.pk)
                error = translation.gettext(
                    "Card payments are not working just now. Please try again later, or pay by bank "
                    "transfer as shown below."
                )
    context = {
        "member": member,
        "plan": plan,
        "card_available": card_available,
        "offers_subscription": not member.stripe_subscription_id,
        "has_subscription": bool(member.stripe_subscription_id),
        "membership_settings": membership_settings().localized,
        "pays_by_cheque": member.payment_method == PaymentMethod.CHEQUE,
        "error": error,
    }
    return render(request, "membership/renew.html", context, status=503 if error else 200)
