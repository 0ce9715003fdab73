"""
Whole-page caching for anonymous visitors, with conditional GET.

Views wrapped in `public_page` are cacheable, and name the query parameters they read.
`PublicPageCacheMiddleware`, placed just after whitenoise, answers a visitor without a
session cookie from the cache before the rest of the middleware stack runs.

The key is made of the code release (`build_id`), the catalog's version (bumped whenever
published content changes), the site's host and scheme, the path, and only the query
parameters the page reads, in a canonical order; the view sees no other parameter. Unknown
parameters therefore never make a new entry, a repeated parameter counts once, a view marks
a request it cannot answer canonically (an invalid filter, a page number out of range, a
search) with `do_not_store`, and only requests for the host and port in `SITE_URL` are
stored, so no client can grow the cache without bound.

Public pages are sent gzipped to a client that accepts it (`Vary: Accept-Encoding`). Only
these anonymous pages are: they carry no secret (no session, no CSRF token) for a
compression side channel to reveal. A stored page is compressed once, when it is stored,
and both copies are kept, so answering from the cache never compresses.

A process reads the catalog's version at most twice a second (`recent_version`), so a page
answered from the cache costs no database query. When the cache fails, django-redis logs and
ignores the error and pages render uncached. When the database fails, the last version this
process (or any other) saw still finds the pages cached before the outage; everything else
gets the 503 page.
"""

import functools
import hashlib
import logging
from collections.abc import Callable, Iterable
from typing import Any, TypedDict

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.text import compress_string

from kayano_site.release import build_id

from .models.versioning import catalog_version, recent_version
from .read_only import ALLOWED, read_only

logger = logging.getLogger(__name__)

PAGE_TIMEOUT = 600
"""Seconds a page stays cached when nothing changes."""

SHARED_CACHE_SECONDS = 1
"""How long a shared cache in front (nginx's microcache, a CDN) may answer on its own."""

STALE_WHILE_REVALIDATE = 30
STALE_IF_ERROR = 86_400
"""Seconds a shared cache in front (a CDN, nginx) may serve a page while the origin is down."""

COMPRESSIBLE_TYPES = frozenset(
    {"text/html", "application/xml", "text/xml", "application/atom+xml", "application/json"}
)
PREFLIGHT_MAX_AGE = 86_400
"""Seconds a browser may keep a CORS preflight's answer."""

CORS_HEADERS = ("Access-Control-Allow-Origin", "Access-Control-Expose-Headers")


LAST_VERSION_KEY = "catalog-version:last"
_shared_version: int | None = None

View = Callable[..., HttpResponseBase]


class Validators(TypedDict):
    etag: str
    last_modified: int


def public_page(view: View, params: Iterable[str] = (), *, answers_methods: bool = False) -> View:
    """Mark `view`'s responses as the same for every anonymous visitor, hence cacheable.

    `params` names the query parameters the view reads; it never sees any other. The page
    is read-only (`read_only`) unless the view `answers_methods` other than GET itself.
    """
    if not answers_methods:
        view = read_only(view)

    # The marks are plain attributes on the response and the view (as Django's csrf_exempt
    # marks a view), which the stubs cannot know of; hence the ignores here and below.
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        response.is_public_page = True  # type: ignore[attr-defined]
        return response

    wrapped.public_page_params = frozenset(params)  # type: ignore[attr-defined]
    return wrapped


def accepts_gzip(request: HttpRequest) -> bool:
    """Whether the client's Accept-Encoding takes gzip: named ("x-gzip" too) or matched by
    "*", with a weight above zero. A weight that cannot be read counts as a refusal."""
    weights: dict[str, float] = {}
    for item in request.META.get("HTTP_ACCEPT_ENCODING", "").split(","):
        coding, _, params = item.partition(";")
        coding = coding.strip().lower()
        weight = 1.0
        name, _, value = params.partition("=")
        if name.strip().lower() == "q":
            try:
                weight = float(value)
            except ValueError:
                weight = 0.0
        weights["gzip" if coding == "x-gzip" else coding] = weight
    return weights.get("gzip", weights.get("*", 0.0)) > 0


def kept_for_version(name: str, version: int | None, compute: Callable[[], Any]) -> Any:
    """`compute()`'s answer for the catalog at `version`, computed once and kept until the
    catalog next changes: for derived answers that cost a scan of the catalog."""
    return cache.get_or_set(f"{name}:{version}", compute, PAGE_TIMEOUT)


def open_to_every_origin(response: HttpResponseBase) -> None:
    """Public, read-only data with no cookie or credential involved (the API, downloads):
    a script on any site may read it, and its ETag too, to send back in If-None-Match."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag"


def cors_preflight() -> HttpResponse:
    """A CORS preflight for data open to every origin, for a script that sends its own
    If-None-Match or If-Modified-Since."""
    response = HttpResponse(status=204)
    response["Allow"] = response["Access-Control-Allow-Methods"] = ALLOWED
    response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
    response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    open_to_every_origin(response)
    return response


def do_not_store(request: HttpRequest) -> None:
    """Answer this request, but keep its page out of the cache (it is not canonical)."""
    request.page_storable = False  # type: ignore[attr-defined]


@functools.lru_cache(maxsize=1024)
def page_params(path_info: str, urlconf: str) -> frozenset[str] | None:
    """The query parameters the page at `path_info` reads, or None when it is not a public
    page. Remembered per path: resolving costs as much as the rest of a cached answer."""
    try:
        match = resolve(path_info, urlconf)
    except Resolver404:
        return None
    params: frozenset[str] | None = getattr(match.func, "public_page_params", None)
    return params


def canonical_query(request: HttpRequest, params: Iterable[str]) -> str:
    """Only the parameters the page reads, each once (the last value, as forms read it),
    non-empty, sorted by name."""
    kept = QueryDict(mutable=True)
    for name in sorted(params):
        value = request.GET.get(name)
        if value:
            kept[name] = value
    return kept.urlencode()


def request_version(request: HttpRequest) -> int | None:
    """The catalog's version for this request: the one the page cache read, or (for a
    request it did not handle, such as one with a session) read now, once."""
    version: int | None = getattr(request, "catalog_version", None)
    if version is None:
        version = request.catalog_version = current_version()  # type: ignore[attr-defined]
    return version


def current_version() -> int | None:
    """The catalog's version, or the last one seen when the database cannot say (None if
    none was ever seen: the page then renders, or fails, as it would without a cache)."""
    global _shared_version  # the version last shared with other processes, through the cache
    recent: int | None = recent_version()
    if recent is not None:
        return recent
    try:
        version: int = catalog_version()
    except DatabaseError:
        logger.warning("Database unavailable: serving pages cached before the outage")
        last_seen: int | None = recent_version(max_age=None)
        if last_seen is None:
            last_seen = cache.get(LAST_VERSION_KEY)
        return last_seen
    if version != _shared_version:
        _shared_version = version
        cache.set(LAST_VERSION_KEY, version, None)
    return version


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        params = page_params(request.path_info, settings.ROOT_URLCONF)
        if (
            params is None
            or request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return self.get_response(request)
        query = ""
        if request.META.get("QUERY_STRING"):
            query = canonical_query(request, params)
            request.GET = QueryDict(query)
            request.META["QUERY_STRING"] = query
        version = current_version()
        request.catalog_version = version  # type: ignore[attr-defined]
        if version is None:
            return self.get_response(request)
        place = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
        digest = hashlib.sha256(f"{build_id()}|{version}|{place}".encode()).hexdigest()
        takes_gzip = accepts_gzip(request)
        response: HttpResponseBase | None = cache.get(page_key(digest, takes_gzip))
        if response is None:
            response = self.get_response(request)
            if not getattr(response, "is_public_page", False):
                return response
            add_validators(response, **validators(digest, version))
            compressed = gzipped(response, **validators(digest, version, "-gzip"))
            if storable(request, response):
                copies = {
                    page_key(digest, False): response,
                    page_key(digest, True): compressed or response,
                }
                cache.set_many(copies, PAGE_TIMEOUT)
            if takes_gzip and compressed:
                response = compressed
        # The stubs ask for an HttpResponse, but only the status and headers are read.
        conditional = get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=version // 1_000_000,
            response=response,  # type: ignore[arg-type]
        )
        if conditional is None:
            return response
        # Django's 304 keeps only a few headers; a script on another site (the API, the
        # downloads) may read the answer only if it keeps the CORS ones too.
        for header in CORS_HEADERS:
            if response.has_header(header):
                conditional[header] = response[header]
        return conditional


def page_key(digest: str, gzip: bool) -> str:
    return f"page:{digest}:{'gzip' if gzip else 'plain'}"


def validators(digest: str, version: int, suffix: str = "") -> Validators:
    return {"etag": f'"{digest[:32]}{suffix}"', "last_modified": version // 1_000_000}


def gzipped(response: HttpResponseBase, etag: str, last_modified: int) -> HttpResponse | None:
    """A gzipped copy of a public page (HTML, XML or JSON), with its own ETag as HTTP
    requires, or None when there is nothing to gain."""
    patch_vary_headers(response, ("Accept-Encoding",))
    content_type = response.get("Content-Type", "").partition(";")[0].strip()
    if (
        not isinstance(response, HttpResponse)
        or content_type not in COMPRESSIBLE_TYPES
        or response.has_header("Content-Encoding")
    ):
        return None
    content = compress_string(response.content)
    if len(content) >= len(response.content):
        return None
    copy = HttpResponse(content, status=response.status_code)
    for header, value in response.items():
        copy[header] = value
    copy["Content-Encoding"] = "gzip"
    copy["Content-Length"] = str(len(content))
    add_validators(copy, etag, last_modified)
    return copy


def storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    """A page for the site's own address (not another allowed host or port), that worked."""
    return (
        is_site_host(request.get_host(), settings.SITE_URL_PARTS.netloc)
        and response.status_code == 200
        and not response.cookies
        and getattr(request, "page_storable", True)
    )


@functools.lru_cache(maxsize=64)
def is_site_host(host: str, site_host: str) -> bool:
    """Whether `host` is SITE_URL's; the first time it is not, say so in the log: a proxy
    that passes another Host turns the page cache off."""
    if host.lower() == site_host.lower():
        return True
    logger.warning("Not caching pages for host %r: SITE_URL names %r", host, site_host)
    return False


def add_validators(response: HttpResponseBase, etag: str, last_modified: int) -> None:
    if response.status_code == 200:
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=SHARED_CACHE_SECONDS,
            stale_while_revalidate=STALE_WHILE_REVALIDATE,
            stale_if_error=STALE_IF_ERROR,
        )
    patch_vary_headers(response, ["Cookie"])
