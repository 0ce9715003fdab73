"""Security headers on every response, and a deploy check with no warning."""

import secrets

import pytest

from .fresh_process import run_python

pytestmark = pytest.mark.django_db

PAGES = ["/", "/shoes/", "/search/?q=kith", "/no-such-page/", "/healthz", "/feeds/trends/"]


@pytest.mark.parametrize("url", PAGES)
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_https_responses_carry_hsts_without_preload_unless_opted_in(client):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_hsts_preload_is_opt_in(client, settings):
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].endswith("; preload")


def test_pages_have_no_inline_style_or_script_that_the_policy_would_block(client):
    html = client.get("/").content.decode()
    assert "<style" not in html
    assert " style=" not in html
    assert "<script>" not in html


def run_in_production(*args):
    """Run Python in a fresh process with production settings."""
    return run_python(
        *args,
        drop=("SECURE_", "DEBUG"),
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="kayano14.example.org",
        SITE_URL="https://kayano14.example.org",
    )


def test_check_deploy_reports_no_warning_under_production_settings():
    result = run_in_production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout + result.stderr


def test_production_cookies_are_secure_and_http_only():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='kayano_site.settings';"
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.CSRF_COOKIE_HTTPONLY, s.SECURE_SSL_REDIRECT)"
    )
    result = run_in_production("-c", code)
    assert result.stdout.split() == ["True"] * 5, result.stderr
