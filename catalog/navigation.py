"""The site's main navigation, and which of its sections a page belongs to."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    members: frozenset[str] = frozenset()
    """Other pages (by URL name) that belong to this section."""


SECTIONS = (
    Section("Shoes", "shoe-list", frozenset({"shoe-detail"})),
    Section(
        "Collaborations",
        "collaboration-list",
        frozenset({"collaboration-detail", "partner-detail"}),
    ),
    Section("Trends", "trend-list", frozenset({"trend-detail"})),
    Section("Timeline", "timeline"),
    Section("About", "about"),
)


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    current: str
    """The link's aria-current: "page" on the section's own page, "true" inside it, or ""."""


def main_navigation(url_name: str | None) -> list[Link]:
    """The main navigation as seen from the page named `url_name`."""
    return [
        Link(
            section.label,
            reverse(f"catalog:{section.url_name}"),
            "page"
            if url_name == section.url_name
            else "true"
            if url_name in section.members
            else "",
        )
        for section in SECTIONS
    ]
