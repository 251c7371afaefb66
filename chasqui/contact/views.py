"""The public contact page: a short form, rate-limited by address, with a honeypot."""

from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chasqui.core import ratelimit

from . import services
from .forms import ContactForm

MESSAGES_PER_IP = 5
WINDOW_SECONDS = 60 * 60


@require_http_methods(["GET", "POST"])
def contact(request):
    form = ContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.is_bot():
            return redirect("contact:sent")
        if not ratelimit.hit(f"contact-ip:{ratelimit.client_ip(request)}", MESSAGES_PER_IP, WINDOW_SECONDS):
            form.add_error(None, _("Too many messages from your connection. Please try again in an hour."))
            return render(request, "contact/form.html", {"form": form}, status=429)
        data = form.cleaned_data
        try:
            services.send_contact_message(
                data["name"], data["email"], data["subject"], data["message"], translation.get_language()
            )
        except services.NoContactAddress:
            form.add_error(None, _("Messages cannot be sent just now. Please try again later."))
            return render(request, "contact/form.html", {"form": form}, status=503)
        return redirect("contact:sent")
    return render(request, "contact/form.html", {"form": form}, status=400 if form.errors else 200)


def sent(request):
    return render(request, "contact/sent.html")
