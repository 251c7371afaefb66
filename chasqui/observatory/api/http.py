"""What every API answer shares: JSON, readable from any origin, GET and HEAD only, errors in JSON.

The API is public and takes no credentials, so `Access-Control-Allow-Origin: *` is safe and lets
a web page on another site read it. Answers carry no cookie and no Cache-Control of their own, so
the page cache (chasqui.pagecache) keeps and serves them as it does the public pages.
"""

import json
from functools import wraps

from django.http import HttpResponse
from django.utils.translation import gettext as _

CONTENT_TYPE = "application/json"
ALLOWED_METHODS = ("GET", "HEAD")


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


def api_view(endpoint):
    """`endpoint(index, request, ...)` returns a JSON-ready document or raises ApiError; this makes
    the response, refuses other methods with 405 and turns errors into JSON."""

    @wraps(endpoint)
    def view(index, request, *args, **kwargs):
        if request.method not in ALLOWED_METHODS:
            refused = ApiError(405, "method_not_allowed", _("The API is read-only: use GET or HEAD."))
            response = json_response(refused.document(), status=405)
            response["Allow"] = ", ".join(ALLOWED_METHODS)
            return response
        try:
            return json_response(endpoint(index, request, *args, **kwargs))
        except ApiError as error:
            return json_response(error.document(), status=error.status)

    return view
