"""Site-level endpoints that are not catalog pages: robots.txt, health check, uploads."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

HEALTH_KEY = "healthz-probe"


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_GET
def healthz(request):
    """200 when the database (and cache) answer, 503 otherwise; JSON either way."""
    checks = {"database": check_database(), "cache": check_cache()}
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "unhealthy", reported, not raised
        return False


def check_cache():
    try:
        cache.set(HEALTH_KEY, "ok", timeout=5)
        return cache.get(HEALTH_KEY) == "ok"
    except Exception:  # noqa: BLE001
        return False


@require_GET
def media(request, path):
    """Serve an upload from MEDIA_ROOT (only routed when SERVE_MEDIA is on)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
