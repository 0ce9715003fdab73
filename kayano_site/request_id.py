"""
A request id on every request, response and log line.

`RequestIdMiddleware` keeps a sane `X-Request-ID` sent by the proxy in front (nginx's
`$request_id`) or makes a new one, stores it on `request.request_id`, echoes it in the
response header and holds it in a context variable while the request runs.
`RequestIdFilter`, attached to a logging handler, copies it onto each record as
`record.request_id` ("-" outside a request), so a formatter can print `{request_id}`.
"""

import contextvars
import logging
import re
import uuid

HEADER = "X-Request-ID"
NO_REQUEST = "-"

# Anything else (too long, spaces, newlines, quotes) could forge or break log lines.
SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")

current_request_id = contextvars.ContextVar("request_id", default=NO_REQUEST)


def request_id_from(request):
    """The incoming id if it is a sane token, otherwise a fresh uuid4 in hex."""
    incoming = request.headers.get(HEADER, "")
    return incoming if SANE_ID.fullmatch(incoming) else uuid.uuid4().hex


class RequestIdMiddleware:
    """Put first in MIDDLEWARE, so everything after it logs with the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = self.start(request)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[HEADER] = request.request_id
        return response

    @staticmethod
    def start(request):
        request.request_id = request_id_from(request)
        return current_request_id.set(request.request_id)


class RequestIdFilter(logging.Filter):
    """Adds `record.request_id`: the current request's id, or "-" outside a request."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True
