"""
Where things are: absolute URLs, all made one way (from `SITE_URL`, never from what a
client sends), and each entry's breadcrumb trail, which both the page and its JSON-LD show.
"""

from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.urls import reverse

SECTIONS = {
    "shoe": ("Shoes", "catalog:shoe-list"),
    "collaboration": ("Collaborations", "catalog:collaboration-list"),
    "partner": ("Collaborations", "catalog:collaboration-list"),
    "trendnote": ("Trends", "catalog:trend-list"),
    "source": ("Sources", "catalog:source-list"),
}
"""The list each kind of entry (by model name) sits under."""


def absolute_url(path: str) -> str:
    """`path` on the site's public address; a URL that is already absolute is kept."""
    return urljoin(f"{settings.SITE_URL}/", path)


def breadcrumb_trail(entry: Any) -> list[tuple[str, str]]:
    """Home › section › entry, as (name, path) pairs."""
    section, section_url = SECTIONS[entry._meta.model_name]
    return [
        ("Home", reverse("catalog:home")),
        (section, reverse(section_url)),
        (str(entry), entry.get_absolute_url()),
    ]
