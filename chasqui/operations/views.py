"""/healthz for an uptime monitor: 200 while the site can serve, 503 when it cannot."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import FAIL, health_report


@never_cache
@require_GET
def healthz(request):
    report = health_report()
    return JsonResponse(report, status=503 if report["status"] == FAIL else 200)
