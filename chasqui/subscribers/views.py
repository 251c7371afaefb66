"""Public pages for joining and leaving the bulletin; none needs a login."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import links, origin, services, throttle
from .choices import ConsentCause, SubscriberStatus
from .forms import SubscribeForm
from .models import Subscriber

ONE_CLICK_BODY = "One-Click"


def _link_error(request, title, message, status):
    return render(request, "subscribers/link_error.html", {"title": title, "message": message}, status=status)


def _bad_link(request):
    return _link_error(
        request,
        _("This link is not valid"),
        _("The link may have been cut short or mistyped. Copy the whole link from the email and try again."),
        status=400,
    )


def _gone_link(request):
    return _link_error(
        request,
        _("This sign-up is no longer waiting"),
        _("The link is from a sign-up that has expired or was removed. You can sign up again below."),
        status=404,
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    """The sign-up form's target; GET shows the form on a page of its own.

    It takes no CSRF token, so the box can sit on every cached page: a forged post can only ask for a
    confirmation email (double opt-in: nobody is subscribed until they follow its link), sign-ups are
    limited per connection and confirmation emails per address, and a browser's post from another
    site is refused by its Origin and Sec-Fetch-Site headers.
    """
    if request.method == "POST" and not origin.same_origin(request):
        return HttpResponseForbidden(_("Please sign up from our own site."))
    initial = {"language": services.normalise_language(translation.get_language()), "source": ""}
    if request.method == "GET":
        form = SubscribeForm(auto_id="subscribe-page-%s", initial=initial)
        return render(request, "subscribers/subscribe_page.html", {"form": form})

    form = SubscribeForm(request.POST, auto_id="subscribe-page-%s")
    if not form.is_valid():
        return render(request, "subscribers/subscribe_page.html", {"form": form}, status=400)
    if form.is_bot():
        # Looks like success, so a script learns nothing; nothing is stored or sent.
        return redirect("subscribers:check_email")
    if not throttle.allow_sign_up(request):
        form.add_error(
            None, _("Too many sign-ups from your connection. Please wait ten minutes and try again.")
        )
        return render(request, "subscribers/subscribe_page.html", {"form": form}, status=429)
    data = form.cleaned_data
    detail = f"form on {data['source']}" if data["source"] else ""
    services.sign_up(data["email"], name=data["name"], language=data["language"], detail=detail)
    return redirect("subscribers:check_email")


def check_email(request):
    return render(
        request, "subscribers/check_email.html", {"confirm_days": settings.CHASQUI_SUBSCRIBER_CONFIRM_DAYS}
    )


def _pending_subscriber(token):
    """(subscriber or None, error kind or None) for a confirmation token."""
    try:
        subscriber_id, email = links.confirm_link_target(token)
    except links.ConfirmLinkError as error:
        return None, "expired" if error.expired else "bad"
    subscriber = Subscriber.objects.filter(pk=subscriber_id, email=email).first()
    return subscriber, None if subscriber else "gone"


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET only shows the Confirm button: link scanners that fetch the link confirm nobody."""
    subscriber, problem = _pending_subscriber(token)
    if problem == "bad":
        return _bad_link(request)
    if problem == "expired":
        return _link_error(
            request,
            _("This link has expired"),
            _("Confirmation links work for a limited time. Sign up again and we will send you a new one."),
            status=400,
        )
    if problem == "gone":
        return _gone_link(request)
    if request.method == "POST":
        subscriber, confirmed = services.confirm(subscriber)
        if confirmed or subscriber.status == SubscriberStatus.SUBSCRIBED:
            return redirect("subscribers:confirmed")
    return render(request, "subscribers/confirm.html", {"subscriber": subscriber})


def confirmed(request):
    return render(request, "subscribers/confirmed.html")


def _subscriber_from_unsubscribe_token(token):
    subscriber_id = links.subscriber_id_from_unsubscribe_token(token)
    if subscriber_id is None:
        return None, "bad"
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    return subscriber, None if subscriber else "gone"


@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The per-recipient page from a bulletin: one button, no login."""
    subscriber, problem = _subscriber_from_unsubscribe_token(token)
    if problem == "bad":
        return _bad_link(request)
    if problem == "gone":
        return _link_error(
            request,
            _("This address is not on our list"),
            _("There is nothing to unsubscribe: we hold no subscription for this link."),
            status=404,
        )
    if request.method == "POST":
        services.unsubscribe(subscriber, ConsentCause.UNSUBSCRIBE_LINK)
        return redirect("subscribers:unsubscribed")
    return render(request, "subscribers/unsubscribe.html", {"subscriber": subscriber, "token": token})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def one_click_unsubscribe(request, token):
    """RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click` with no CSRF token or cookie."""
    if request.method == "GET":
        return unsubscribe(request, token)
    subscriber, problem = _subscriber_from_unsubscribe_token(token)
    if problem == "bad":
        return HttpResponse(_("This unsubscribe link is not valid."), status=400, content_type="text/plain")
    if problem == "gone":
        return HttpResponse(_("This address is not on our list."), status=404, content_type="text/plain")
    if request.POST.get("List-Unsubscribe") != ONE_CLICK_BODY:
        return HttpResponse(
            _("Expected the body List-Unsubscribe=One-Click."), status=400, content_type="text/plain"
        )
    services.unsubscribe(subscriber, ConsentCause.ONE_CLICK)
    return HttpResponse(_("You have been unsubscribed."), content_type="text/plain")


def unsubscribed(request):
    return render(request, "subscribers/unsubscribed.html")
