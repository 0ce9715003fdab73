"""
System checks for settings that would quietly expose or break the site.

`manage.py check` (and so `migrate`) refuses to go on while one fails.
"""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.http.request import split_domain_port, validate_host


@register(Tags.security)
def check_file_roots(app_configs, **kwargs):
    """STATIC_ROOT or MEDIA_ROOT at or above the project would publish `.env` and `.git`."""
    project = Path(settings.BASE_DIR).resolve()
    errors = []
    for name in ("STATIC_ROOT", "MEDIA_ROOT"):
        root = getattr(settings, name)
        if root and project.is_relative_to(Path(root).resolve()):
            errors.append(
                Error(
                    f"{name} is {root}, which contains the project directory: every file in "
                    "it, secrets included, would be served to anyone.",
                    hint=f"Point {name} at a folder of its own, e.g. /var/lib/kayano/.",
                    id="kayano.E001",
                )
            )
    return errors


@register(Tags.security)
def check_site_url(app_configs, **kwargs):
    parts = settings.SITE_URL_PARTS
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return [
            Error(
                f"SITE_URL is {settings.SITE_URL!r}, not an address such as "
                "https://kayano14.example.org.",
                id="kayano.E002",
            )
        ]
    host, _ = split_domain_port(parts.netloc)
    allowed = settings.ALLOWED_HOSTS or (
        [".localhost", "127.0.0.1", "[::1]"] if settings.DEBUG else []
    )
    if not validate_host(host, allowed):
        return [
            Error(
                f"SITE_URL's host {host!r} is not in ALLOWED_HOSTS.",
                hint="Add it to ALLOWED_HOSTS, or correct SITE_URL.",
                id="kayano.E003",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_site_url_is_https(app_configs, **kwargs):
    if settings.SITE_URL_PARTS.scheme != "https":
        return [
            Warning(
                f"SITE_URL ({settings.SITE_URL}) is not https: links, feeds and sharing "
                "cards will point visitors at plain http.",
                id="kayano.W001",
            )
        ]
    return []
