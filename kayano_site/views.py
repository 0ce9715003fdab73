"""Site-level endpoints that are not catalog pages: robots.txt, health check, error pages."""

import sys

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.static import serve

from catalog.links import absolute_url
from catalog.read_only import read_only

from .release import build_id

HEALTH_KEY = "healthz-probe"
RETRY_AFTER_SECONDS = 30


@read_only
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@read_only
def healthz(request):
    """JSON either way: 200 when every check passes, 503 naming the ones that fail."""
    checks = {
        "database": check_database(),
        "cache": check_cache(),
        "static": check_static_manifest(),
    }
    failing = [name for name, passed in checks.items() if not passed]
    return JsonResponse(
        {
            "status": "unavailable" if failing else "ok",
            "checks": checks,
            "failing": failing,
            "release": build_id(),
        },
        status=503 if failing else 200,
    )


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def check_cache():
    """A write and a read; django-redis turns an unreachable Redis into a miss."""
    try:
        cache.set(HEALTH_KEY, "ok", timeout=5)
        return cache.get(HEALTH_KEY) == "ok"
    except Exception:  # any failure, whatever the backend raises, means "unhealthy"
        return False


def check_static_manifest():
    """Without collectstatic's manifest, hashed static files (and so every page) fail."""
    if not hasattr(staticfiles_storage, "load_manifest"):
        return True  # DEBUG serves static files unhashed, from the source folders
    try:
        paths, _ = staticfiles_storage.load_manifest()
    except ValueError:  # a manifest that is not JSON
        return False
    return bool(paths)


def server_error(request):
    """
    The 500 handler, which also sees failures of the services behind the site: a database
    that cannot be reached is a 503 with Retry-After ("come back shortly"), not a 500.
    """
    if isinstance(sys.exception(), DatabaseError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))


@read_only
def media(request, path):
    """Serve an upload from MEDIA_ROOT (only routed when SERVE_MEDIA is on)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
