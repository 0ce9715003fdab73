"""
schema.org JSON-LD for search engines: Product for shoes, Article for trend notes, and a
BreadcrumbList for every detail page. Built as plain dicts; the `json_ld` template tag
serialises them safely.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models import Model

from .links import breadcrumb_trail
from .models import Citable, Collaboration, Partner, Shoe, TrendNote

Absolute = Callable[[str], str]
"""Turns a site path into a full URL."""

Document = dict[str, object]
"""A JSON-LD object, as `json.dumps` takes it."""


def breadcrumbs(entry: Shoe | Collaboration | Partner | TrendNote, absolute: Absolute) -> Document:
    """BreadcrumbList: the trail the page shows; `absolute` turns a path into a full URL."""
    trail = breadcrumb_trail(entry)
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": absolute(path)}
            for n, (name, path) in enumerate(trail, start=1)
        ],
    }


def citations(entry: Citable, absolute: Absolute) -> list[Document]:
    """schema.org `citation`: the works the entry's facts cite, each once."""
    sources = {citation.source_id: citation.source for citation in entry.citations.all()}
    return [
        {
            "@type": "CreativeWork",
            "name": source.title,
            "url": source.url or absolute(source.get_absolute_url()),
        }
        for source in sources.values()
    ]


def product(shoe: Shoe, absolute: Absolute) -> Document:
    data: Document = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": str(shoe),
        "description": shoe.summary,
        "url": absolute(shoe.get_absolute_url()),
        "brand": {"@type": "Brand", "name": "ASICS"},
        "category": "Sneakers",
    }
    if shoe.colorway:
        data["color"] = shoe.colorway
    if shoe.style_code:
        data["sku"] = shoe.style_code
    if shoe.date_iso:
        data["releaseDate"] = shoe.date_iso
    if shoe.picture:
        data["image"] = absolute(shoe.picture_share.url)
    if cited := citations(shoe, absolute):
        data["citation"] = cited
    return data


def article(note: TrendNote, absolute: Absolute) -> Document:
    publisher: Document = {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": absolute("/"),
    }
    data: Document = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": note.title,
        "description": note.summary,
        "url": absolute(note.get_absolute_url()),
        "mainEntityOfPage": absolute(note.get_absolute_url()),
        "dateModified": note.updated_at.isoformat(),
        "articleSection": note.get_theme_display(),
        "author": publisher,
        "publisher": publisher,
        "timeRequired": f"PT{note.reading_minutes}M",
    }
    if note.published_on:
        data["datePublished"] = note.published_on.isoformat()
    if cited := citations(note, absolute):
        data["citation"] = cited
    return data


# Keyed by the entry's exact type, so each builder gets the model it was written for.
BUILDERS: dict[type[Model], Callable[[Any, Absolute], Document]] = {
    Shoe: product,
    TrendNote: article,
}


def structured_data(
    entry: Shoe | Collaboration | Partner | TrendNote, absolute: Absolute
) -> list[Document]:
    """The JSON-LD documents for `entry`'s page: its own type (if any) and its breadcrumbs."""
    documents: list[Document] = []
    builder = BUILDERS.get(type(entry))
    if builder:
        documents.append(builder(entry, absolute))
    documents.append(breadcrumbs(entry, absolute))
    return documents
