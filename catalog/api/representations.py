"""
What the API says about each kind of entry, as plain dicts ready for JSON.

Every object carries its public `id` (never the database's key), its `slug`, the absolute
`url` of its page and the `api_url` of its own document. Dates keep their precision
(`{"value": "2022-08", "precision": "month"}`); figures keep their currency and qualifier
(`{"amount": "700", "currency": "USD", "qualifier": "over"}`), because "over $700" is not
$700. A fact the archive does not know is null, never a guess or an empty string.

A release (a shoe or a collaboration) also lists its price history: every price point,
dated ones first, each with its own citation (null when uncited). Its `retail_price` and
`resale_peak` are derived from those points, so the two always agree.

Relations name public entries only, by id and address. Citations name the field or the
claim they support, the locator and the source; never the excerpt, which the archive keeps
for checking and does not publish (a price point's excerpt neither).

Nothing here queries the database: the querysets in `endpoints.py` load every relation
these functions read (into the lists `citation_list`, `price_point_list`,
`technology_list` and `public_<relation>`), so a page of fifty shoes costs the same few
queries as one.
"""

import datetime
import functools
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.conf import settings
from django.urls import get_urlconf, reverse

from ..dates import DatePrecision, iso_partial_date
from ..links import absolute_url
from ..models import (
    Citable,
    Collaboration,
    Milestone,
    Partner,
    PricePoint,
    ReleaseFacts,
    Shoe,
    Source,
    TrendNote,
)

Json = dict[str, Any]

RESOURCE_NAMES: dict[type, str] = {
    Shoe: "shoe",
    Collaboration: "collaboration",
    Partner: "partner",
    TrendNote: "trend-note",
    Milestone: "milestone",
    Source: "source",
}
"""Each model's name in the API's URL names (`api:shoe-detail`)."""


def known(value: str) -> str | None:
    """A text fact, or None when the archive leaves it empty because it is unknown."""
    return value or None


# Placeholders for address templates: an address is made once per kind of entry, by the
# model's own get_absolute_url() or the API's URL name, then filled in for each entry. A
# page of fifty shoes names some six hundred addresses; reversing each costs more than
# the rest of the answer.
SLUG = "slug-placeholder"
KEY = 987_654_321_987
PUBLIC_ID = "public-id-placeholder"


@functools.lru_cache(maxsize=64)
def address_template(label: str, api: bool, urlconf: str | None, site_url: str) -> str:
    model = apps.get_model(label)
    if api:
        name = RESOURCE_NAMES[model]
        return absolute_url(reverse(f"api:{name}-detail", kwargs={"public_id": PUBLIC_ID}))
    fields = {"pk": KEY, "slug": SLUG} if hasattr(model, "slug") else {"pk": KEY}
    return absolute_url(model(**fields).get_absolute_url())


def page_url(entry: Any) -> str:
    template = address_template(entry._meta.label, False, get_urlconf(), settings.SITE_URL)
    url = template.replace(str(KEY), str(entry.pk))
    return url.replace(SLUG, entry.slug) if SLUG in url else url


def api_url(entry: Any) -> str:
    template = address_template(entry._meta.label, True, get_urlconf(), settings.SITE_URL)
    return template.replace(PUBLIC_ID, str(entry.public_id))


def loaded(entry: Any, relation: str) -> list[Any]:
    """A relation the entry's queryset loaded into a list (`endpoints.py`)."""
    related: list[Any] = getattr(entry, relation)
    return related


def identity(entry: Any) -> Json:
    """The fields every object starts with."""
    fields: Json = {"id": str(entry.public_id)}
    if hasattr(entry, "slug"):
        fields["slug"] = entry.slug
    fields.update(url=page_url(entry), api_url=api_url(entry))
    return fields


def reference(entry: Any) -> Json:
    """A related entry: enough to name it and follow it."""
    return {**identity(entry), "name": str(entry)}


def references(entries: Iterable[Any]) -> list[Json]:
    return [reference(entry) for entry in entries]


def partial_date(entry: ReleaseFacts | Milestone | Source | PricePoint) -> Json | None:
    value: datetime.date | None = getattr(entry, entry.date_field)
    if value is None:
        return None
    return {"value": entry.date_iso, "precision": entry.date_precision}


def day(value: datetime.date | None) -> Json | None:
    """A date known to the day, in the same shape as a partial date."""
    if value is None:
        return None
    return {"value": iso_partial_date(value, DatePrecision.DAY), "precision": DatePrecision.DAY}


def amount_text(amount: Decimal) -> str:
    """ "700" for a whole amount, "149.95" otherwise: a string, as JSON numbers are floats."""
    whole = amount.to_integral_value()
    return str(whole) if amount == whole else str(amount.quantize(Decimal("0.01")))


def figure(entry: ReleaseFacts, field: str) -> Json | None:
    amount: Decimal | None = getattr(entry, field)
    if amount is None:
        return None
    return {
        "amount": amount_text(amount),
        "currency": entry.currency,
        "qualifier": getattr(entry, f"{field}_qualifier"),
    }


def source_reference(source: Source) -> Json:
    return {**identity(source), "title": source.title}


def citations(entry: Citable) -> list[Json]:
    """The entry's citations that the page shows too: of a fact field, or of a sentence still
    in its text (a claim edited away cites nothing)."""
    return [
        {
            "field": citation.field or None,
            "claim": citation.claim or None,
            "locator": citation.locator,
            "source": source_reference(citation.source),
        }
        for citation in loaded(entry, "citation_list")
        if (
            citation.field in entry.cited_fields if citation.field else entry.states(citation.claim)
        )
    ]


def common(entry: Any) -> Json:
    """The closing fields of every entry."""
    return {"citations": citations(entry), "updated_at": entry.updated_at.isoformat()}


def release_facts(entry: ReleaseFacts) -> Json:
    """The release's date and prices: the two figures derived from its price points, and
    the points themselves."""
    return {
        "release_date": partial_date(entry),
        "retail_price": figure(entry, "retail_price"),
        "resale_peak": figure(entry, "resale_peak"),
        "price_history": [price_point(point) for point in loaded(entry, "price_point_list")],
    }


def price_point(point: PricePoint) -> Json:
    """A retail or reported resale price as its source gives it, with when it held and where
    the source says so; never the excerpt."""
    return {
        "kind": point.kind,
        "amount": amount_text(point.amount),
        "currency": point.currency,
        "qualifier": point.qualifier,
        "date": partial_date(point),
        "citation": (
            {"locator": point.locator, "source": source_reference(point.source)}
            if point.source is not None
            else None
        ),
    }


def picture(shoe: Shoe) -> Json | None:
    if not shoe.picture:
        return None
    # The large rendition: never the original, which may be 40 megapixels.
    return {"url": absolute_url(shoe.picture_large.url), "alt": shoe.picture_alt}


def shoe(entry: Shoe) -> Json:
    collaboration = entry.public_collaboration
    partner = entry.public_partner
    return {
        **identity(entry),
        "name": entry.name,
        "colorway": known(entry.colorway),
        "kind": entry.kind,
        "colour_family": known(entry.colour_family),
        "style_code": known(entry.style_code),
        "designer": known(entry.designer),
        **release_facts(entry),
        "technologies": [
            {"name": technology.name, "slug": technology.slug}
            for technology in loaded(entry, "technology_list")
        ],
        "palette": entry.colours,
        "picture": picture(entry),
        "summary": entry.summary,
        "story": entry.story,
        "story_html": entry.story_html,
        "featured": entry.featured,
        "collaboration": reference(collaboration) if collaboration else None,
        "partner": reference(partner) if partner else None,
        "trend_notes": references(loaded(entry, "public_trend_notes")),
        **common(entry),
    }


def collaboration(entry: Collaboration) -> Json:
    partner = entry.public_partner
    return {
        **identity(entry),
        "title": entry.title,
        "kind": entry.kind,
        "partner": reference(partner) if partner else None,
        **release_facts(entry),
        "summary": entry.summary,
        "story": entry.story,
        "story_html": entry.story_html,
        "shoes": references(loaded(entry, "public_shoes")),
        "trend_notes": references(loaded(entry, "public_trend_notes")),
        **common(entry),
    }


def partner(entry: Partner) -> Json:
    return {
        **identity(entry),
        "name": entry.name,
        "kind": known(entry.kind),
        "city": known(entry.city),
        "country": known(entry.country),
        "key_person": known(entry.key_person),
        "bio": entry.bio,
        "collaborations": references(loaded(entry, "public_collaborations")),
        **common(entry),
    }


def trend_note(entry: TrendNote) -> Json:
    return {
        **identity(entry),
        "title": entry.title,
        "theme": entry.theme,
        "summary": entry.summary,
        "body": entry.body,
        "body_html": entry.body_html,
        "published_on": day(entry.published_on),
        "reading_minutes": entry.reading_minutes,
        "shoes": references(loaded(entry, "public_shoes")),
        "collaborations": references(loaded(entry, "public_collaborations")),
        **common(entry),
    }


def milestone(entry: Milestone) -> Json:
    return {
        **identity(entry),
        "title": entry.title,
        "date": partial_date(entry),
        "summary": entry.summary,
        **common(entry),
    }


def source(entry: Source) -> Json:
    return {
        **identity(entry),
        "title": entry.title,
        "author": known(entry.author),
        "external_url": known(entry.url),
        "published_on": partial_date(entry),
        "consulted_on": day(entry.consulted_on),
        "note": entry.note,
        "updated_at": entry.updated_at.isoformat(),
    }
