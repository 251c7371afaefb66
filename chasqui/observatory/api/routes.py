"""The API's addresses, hung off the incidents index as routes of its own (RoutablePageMixin).

Keys are translation keys, the same in both languages: `/observatory/api/v1/incidents/<key>/` and
`/es/observatorio/api/v1/incidents/<key>/` are one incident. Anything else under `api/` is a JSON 404.
"""

from wagtail.contrib.routable_page.models import path

from . import endpoints


class ApiRoutesMixin:
    """Mixed into IncidentIndexPage before RoutablePageMixin."""

    def handle_options_request(self, request, *args, **kwargs):
        """OPTIONS to the API gets the API's own answer (a CORS preflight), not Wagtail's page one."""
        match = getattr(request, "routable_resolver_match", None)
        if match is not None and (match.url_name or "").startswith("api_"):
            return match.func(request, *match.args, **match.kwargs)
        return super().handle_options_request(request, *args, **kwargs)

    @path("api/v1/", name="api_index")
    def api_index(self, request):
        return endpoints.api_index(self, request)

    @path("api/v1/incidents/", name="api_incidents")
    def api_incidents(self, request):
        return endpoints.incident_list(self, request)

    @path("api/v1/incidents/<str:key>/", name="api_incident")
    def api_incident(self, request, key):
        return endpoints.incident(self, request, key)

    @path("api/v1/actors/", name="api_actors")
    def api_actors(self, request):
        return endpoints.actor_list(self, request)

    @path("api/v1/actors/<str:key>/", name="api_actor")
    def api_actor(self, request, key):
        return endpoints.actor(self, request, key)

    @path("api/v1/cases/", name="api_cases")
    def api_cases(self, request):
        return endpoints.case_list(self, request)

    @path("api/v1/cases/<str:key>/", name="api_case")
    def api_case(self, request, key):
        return endpoints.case(self, request, key)

    @path("api/v1/types/", name="api_types")
    def api_types(self, request):
        return endpoints.type_list(self, request)

    @path("api/v1/regions/", name="api_regions")
    def api_regions(self, request):
        return endpoints.region_list(self, request)

    @path("api/", name="api_root")
    @path("api/<path:rest>", name="api_unknown")
    def api_unknown(self, request, rest=""):
        return endpoints.unknown(self, request, rest)
