"""
When a service behind the site fails, visitors get a page or a clear 503, never a 500.

These run in-process; tests/live stops real PostgreSQL and Redis servers under gunicorn.
"""

import pytest
from django.test import Client

from .factories import ShoeFactory

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: every connection is refused at once, as with a stopped Redis.
DEAD_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/1",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.25},
    }
}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = DEAD_REDIS


@pytest.mark.parametrize(
    "path", ["/", "/shoes/", "/shoes/pair/", "/trends/", "/search/?q=pair", "/robots.txt"]
)
def test_pages_render_uncached_when_the_cache_is_down(client, redis_down, path):
    ShoeFactory(slug="pair", name="Still here")
    assert client.get(path).status_code == 200


def test_admin_login_works_when_the_cache_is_down(client, redis_down):
    assert client.get("/admin/login/").status_code == 200


def test_health_check_names_the_cache_when_it_is_down(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["cache"]
    assert body["checks"]["database"] is True


@pytest.fixture
def static_never_collected(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "kayano_site.storage.StaticFilesStorage"},
    }
    settings.STATIC_ROOT = tmp_path / "never-collected"


def test_health_check_names_a_missing_static_manifest(client, static_never_collected):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["static"]


def test_pages_still_render_without_a_static_manifest(client, static_never_collected):
    response = client.get("/")
    assert response.status_code == 200
    assert 'href="/static/css/site.css"' in response.content.decode()


def test_a_database_failure_is_a_503_with_retry_after(settings):
    settings.ROOT_URLCONF = "tests.urls_raising"
    response = Client(raise_request_exception=False).get("/no-database/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "briefly unavailable" in html
    assert "OperationalError" not in html


def test_other_failures_are_still_a_500(settings):
    settings.ROOT_URLCONF = "tests.urls_raising"
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
