from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from chasqui.core import routing
from chasqui.core import views as core_views
from chasqui.core.audit_views import SiteHistoryView
from chasqui.subscribers import webhooks as mail_webhooks

urlpatterns = [
    # Site history's exports with the address each entry came from, in place of Wagtail's own.
    path("admin/reports/site-history/", SiteHistoryView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", core_views.sitemap, name="sitemap"),
    # Only the configured mail provider's bounce and complaint webhook (see subscribers/webhooks.py).
    path("anymail/<slug:provider>/tracking/", mail_webhooks.tracking_webhook, name="mail_provider_tracking"),
    path("membership/stripe/", include("chasqui.membership.billing.urls")),
    path("healthz", include("chasqui.operations.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", include("chasqui.search.urls")),
    path("subscribe/", include("chasqui.subscribers.urls")),
    path("bulletins/", include("chasqui.newsletter.urls")),
    path("members/", include("chasqui.membership.urls")),
    path("write-to-us/", include("chasqui.contact.urls")),
    # Wagtail's own URLs, with page serving through the route memory.
    *wagtail_urls.urlpatterns[:-1],
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    prefix_default_language=False,
)

handler404 = "chasqui.core.views.page_not_found"
handler500 = "chasqui.core.views.server_error"
