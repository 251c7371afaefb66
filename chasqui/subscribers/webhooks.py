"""The configured mail provider's bounce and complaint webhook; no other provider's URL exists.

django-anymail ships a view for every provider; routing them all would leave a dozen endpoints
answering anyone (most with a 500 for want of their keys). Only the tracking view of the provider
named by CHASQUI_MAIL_PROVIDER (derived from the mail backend) is reached, and only once a webhook
secret is set: without one a forged post could mark any subscriber bounced or complained.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt

from chasqui.core.checks import tracking_webhook_view, webhook_secret


@csrf_exempt
@login_not_required
def tracking_webhook(request, provider):
    """Hand the post to anymail's view for the configured provider, which checks the basic auth."""
    view = tracking_webhook_view(provider) if provider == settings.CHASQUI_MAIL_PROVIDER else None
    if view is None:
        raise Http404
    if not webhook_secret():
        return HttpResponseForbidden("This webhook is not configured.", content_type="text/plain")
    return view(request)
