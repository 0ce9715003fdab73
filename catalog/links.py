"""Absolute URLs, all made one way: from `SITE_URL`, never from what a client sends."""

from urllib.parse import urljoin

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` on the site's public address; a URL that is already absolute is kept."""
    return urljoin(f"{settings.SITE_URL}/", path)
