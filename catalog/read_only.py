"""
The public site is read-only: its views answer GET and HEAD, OPTIONS with the methods they
allow, and any other method with a 405 page that names them.

Without this a POST would meet the CSRF check first, and its 403 blames a missing cookie
the visitor never needed. These views change nothing, so they skip that check. The 405
page, like the 503 one, renders with no database.
"""

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.template import loader
from django.views.decorators.csrf import csrf_exempt

READS = ("GET", "HEAD")
ALLOWED = ", ".join((*READS, "OPTIONS"))

View = Callable[..., HttpResponseBase]


def read_only(view: View, *, answer_options: Callable[[], HttpResponseBase] | None = None) -> View:
    """`view` for GET and HEAD; any other method but OPTIONS gets the 405. OPTIONS names
    the methods, or gets `answer_options()` (a CORS preflight, for data open to scripts)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "OPTIONS":
            return answer_options() if answer_options else allowed_methods()
        if request.method not in READS:
            return method_not_allowed()
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)


def allowed_methods() -> HttpResponse:
    response = HttpResponse()
    response["Allow"] = ALLOWED
    return response


def method_not_allowed() -> HttpResponse:
    response = HttpResponse(loader.render_to_string("405.html"), status=405)
    response["Allow"] = ALLOWED
    return response
