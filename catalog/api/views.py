"""
The API's HTTP side: JSON lists and details for each resource (`endpoints.py`), the API's
index, its OpenAPI document, a JSON 404 for any other address under `/api/v1/`, and the
human page at `/api/`.

Every JSON view goes through `api_view`: read-only (GET and HEAD; OPTIONS answers a CORS
preflight; anything else is a JSON 405), readable from any origin, and a public page of
the page cache (`catalog/caching.py`), so it is cached, carries an ETag and Last-Modified,
answers conditional GETs, and sees only the query parameters it names. Errors are JSON
with their status: 400 for a bad parameter (named), 404 for an unknown page or id.
"""

import functools
import json
import re
import uuid
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, Paginator
from django.http import (
    HttpRequest,
    HttpResponsePermanentRedirect,
    JsonResponse,
    QueryDict,
)
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView

from ..caching import View, cors_preflight, open_to_every_origin, public_page, request_version
from ..forms import ShoeFilterForm, shoe_filter_choices
from ..links import absolute_url
from ..read_only import ALLOWED, READS
from . import openapi
from .endpoints import ENDPOINTS, PAGE_SIZE, Endpoint
from .licence import licence
from .representations import Json

PAGE = "page"
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")


class ApiError(Exception):
    """A request the API answers with a JSON error: `parameter` names what was wrong."""

    def __init__(
        self,
        status: int,
        message: str,
        parameter: str | None = None,
        allowed: Iterable[str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.parameter = parameter
        self.allowed = list(allowed) if allowed is not None else None

    def data(self) -> Json:
        error: Json = {"status": self.status, "message": self.message}
        if self.parameter is not None:
            error["parameter"] = self.parameter
        if self.allowed is not None:
            error["allowed"] = self.allowed
        return {"error": error}

    def response(self) -> JsonResponse:
        return json_response(self.data(), status=self.status)


def json_response(data: Json, status: int = 200) -> JsonResponse:
    # UTF-8 as it is, and no spaces after separators: a page of fifty shoes is 10% smaller.
    compact = {"ensure_ascii": False, "separators": (",", ":")}
    return JsonResponse(data, status=status, json_dumps_params=compact)


def api_view(view: View, params: Iterable[str] = ()) -> View:
    """A read-only JSON view, open to every origin, cached as a public page."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response: HttpResponseBase
        if request.method == "OPTIONS":
            response = cors_preflight()
        elif request.method not in READS:
            response = ApiError(405, f"The API is read-only: use {ALLOWED}.").response()
            response["Allow"] = ALLOWED
        else:
            try:
                response = view(request, *args, **kwargs)
            except ApiError as error:
                response = error.response()
        open_to_every_origin(response)
        return response

    # A POST would otherwise meet the CSRF check's HTML 403 instead of the API's JSON 405;
    # no view here changes anything.
    return public_page(csrf_exempt(wrapped), params=params, answers_methods=True)


def index(request: HttpRequest) -> JsonResponse:
    return json_response(
        {
            "resources": {
                endpoint.path: absolute_url(reverse(f"api:{endpoint.name}-list"))
                for endpoint in ENDPOINTS
            },
            "openapi": absolute_url(reverse("api:openapi")),
            "documentation": absolute_url(reverse("api:docs")),
            "licence": licence(),
        }
    )


def entry_list(request: HttpRequest, endpoint: Endpoint) -> JsonResponse:
    entries = endpoint.entries()
    if endpoint.filters is not None:
        form = endpoint.filters(request)
        check_filters(form)
        entries = form.filter(entries)  # type: ignore[attr-defined]
    number = page_number(request)
    paginator = Paginator(entries, PAGE_SIZE)
    # Not the site's forgiving get_page(): a client asking for a page that does not exist
    # is told so, rather than quietly given another one.
    try:
        page = paginator.page(number)
    except EmptyPage:
        pages = paginator.num_pages
        raise ApiError(
            404, f"There is no page {number}: the list has {pages} page(s).", PAGE
        ) from None
    return json_response(
        {
            "count": paginator.count,
            "next": list_link(request, endpoint, page.next_page_number())
            if page.has_next()
            else None,
            "previous": list_link(request, endpoint, page.previous_page_number())
            if page.has_previous()
            else None,
            "results": [endpoint.represent(entry) for entry in page.object_list],
        }
    )


def check_filters(form: Any) -> None:
    """Refuse the first invalid filter by name: the site ignores it, an API says so."""
    for name, errors in form.errors.items():
        field = form.fields[name]
        allowed = [str(value) for value, _ in getattr(field, "choices", []) if value != ""]
        raise ApiError(
            400,
            f"{quoted(form.data.get(name, ''))} is not a valid {name}: {' '.join(errors)}",
            name,
            allowed or None,
        )


def quoted(value: str, limit: int = 40) -> str:
    """A client's value, quoted, and cut short: an error names it, it need not repeat it."""
    return repr(value if len(value) <= limit else f"{value[:limit]}…")


def page_number(request: HttpRequest) -> int:
    value = request.GET.get(PAGE) or "1"
    if not PAGE_NUMBER.fullmatch(value):
        raise ApiError(400, f"{quoted(value)} is not a page number: use 1, 2, 3…", PAGE)
    return int(value)


def list_link(request: HttpRequest, endpoint: Endpoint, number: int) -> str:
    """The list's page `number`, with the request's filters, spelt canonically."""
    query = {
        name: request.GET[name] for name in sorted(endpoint.filter_params) if request.GET.get(name)
    }
    if number > 1:
        query[PAGE] = str(number)
    url = absolute_url(reverse(f"api:{endpoint.name}-list"))
    return f"{url}?{urlencode(sorted(query.items()))}" if query else url


def entry_detail(request: HttpRequest, endpoint: Endpoint, public_id: str) -> HttpResponseBase:
    try:
        key = uuid.UUID(public_id)
    except ValueError:
        raise not_found(endpoint, public_id) from None
    if str(key) != public_id:
        # One address per entry (and one cached copy): lower case, with hyphens.
        url = reverse(f"api:{endpoint.name}-detail", kwargs={"public_id": key})
        return HttpResponsePermanentRedirect(url)
    entry = endpoint.entries().filter(public_id=key).first()
    if entry is None:
        raise not_found(endpoint, public_id)
    return json_response(endpoint.represent(entry))


def not_found(endpoint: Endpoint, public_id: str) -> ApiError:
    # The same words for a draft as for an id that never existed: drafts are invisible.
    name = endpoint.model._meta.verbose_name
    return ApiError(404, f"No published {name} has the id {quoted(public_id)}.")


def unknown(request: HttpRequest, path: str) -> JsonResponse:
    raise ApiError(
        404,
        "No such address in the API. Its addresses are listed at "
        f"{absolute_url(reverse('api:index'))}.",
    )


def openapi_document(request: HttpRequest) -> JsonResponse:
    return json_response(openapi.document(ENDPOINTS))


class ApiDocsView(TemplateView):
    """The API explained for people, with a real request and answers from the archive."""

    template_name = "catalog/api.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        years, partners = shoe_filter_choices(request_version(self.request))
        context.update(
            resources=[
                {
                    "name": endpoint.model._meta.verbose_name_plural,
                    "list": reverse(f"api:{endpoint.name}-list"),
                    "filters": endpoint.filter_params,
                }
                for endpoint in ENDPOINTS
            ],
            page_size=PAGE_SIZE,
            api_root=absolute_url(reverse("api:index")),
            licence=licence(),
            error_json=pretty(bad_filter_example(years, partners)),
        )
        # The first shoe of /api/v1/shoes/, as that list orders them.
        shoes = ENDPOINTS[0]
        unfiltered = ShoeFilterForm(QueryDict(), years=years, partners=partners)
        example = unfiltered.filter(shoes.entries()).first()
        if example is not None:
            data = shoes.represent(example)
            context.update(
                example_shoe=example, example_shoe_url=data["api_url"], example_json=pretty(data)
            )
        return context


def bad_filter_example(years: list[int], partners: list[tuple[str, str]]) -> Json:
    """What the shoe list answers to `?year=1900`, by the same code."""
    form = ShoeFilterForm(QueryDict("year=1900"), years=years, partners=partners)
    try:
        check_filters(form)
    except ApiError as error:
        return error.data()
    raise AssertionError("1900 is before the Gel-Kayano line began: never a valid year")


def pretty(data: Json) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)
