"""What every API answer shares: JSON, readable from any origin, GET and HEAD only, errors in JSON.

OPTIONS answers a browser's CORS preflight (204, with the methods and headers a page may use), so
a page on another site can send `If-None-Match` or `Accept-Language`. Any other method is a 405,
here or, for those CSRF would stop first, in middleware.py.

The API is public and takes no credentials, so `Access-Control-Allow-Origin: *` is safe and lets
a web page on another site read it. Answers carry no cookie and no Cache-Control of their own, so
the page cache (chasqui.pagecache) keeps and serves them as it does the public pages.
"""

import json
from functools import wraps

from django.http import HttpResponse
from django.utils.translation import gettext as _

CONTENT_TYPE = "application/json"
READ_METHODS = ("GET", "HEAD")
ALLOWED_METHODS = (*READ_METHODS, "OPTIONS")
PREFLIGHT_MAX_AGE = 24 * 3600


class ApiError(Exception):
    """A request the API cannot answer: its status, a machine-readable code and a sentence for people."""

    def __init__(self, status, code, message, parameter=None):
        super().__init__(message)
        self.status, self.code, self.message, self.parameter = status, code, message, parameter

    def document(self):
        body = {"error": self.code, "message": str(self.message)}
        if self.parameter:
            body["parameter"] = self.parameter
        return body


def not_found(message):
    return ApiError(404, "not_found", message)


def invalid(parameter, message):
    return ApiError(400, "invalid_parameter", message, parameter=parameter)


def json_response(document, status=200):
    body = json.dumps(document, ensure_ascii=False)
    response = HttpResponse(body, content_type=CONTENT_TYPE, status=status)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def method_not_allowed():
    refused = ApiError(405, "method_not_allowed", _("The API is read-only: use GET or HEAD."))
    response = json_response(refused.document(), status=405)
    response["Allow"] = ", ".join(ALLOWED_METHODS)
    return response


def preflight():
    """The answer to OPTIONS: what a CORS preflight needs. No credentials, so `*` headers are allowed."""
    response = HttpResponse(status=204)
    response["Allow"] = response["Access-Control-Allow-Methods"] = ", ".join(ALLOWED_METHODS)
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Headers"] = "*"
    response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    return response


def api_view(endpoint):
    """`endpoint(index, request, ...)` returns a JSON-ready document or raises ApiError; this makes
    the response, answers OPTIONS, refuses other methods with 405 and turns errors into JSON."""

    @wraps(endpoint)
    def view(index, request, *args, **kwargs):
        if request.method == "OPTIONS":
            return preflight()
        if request.method not in READ_METHODS:
            return method_not_allowed()
        try:
            return json_response(endpoint(index, request, *args, **kwargs))
        except ApiError as error:
            return json_response(error.document(), status=error.status)

    return view
