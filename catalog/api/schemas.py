"""
What each object of the API looks like, as JSON Schema (OpenAPI 3.1 dialect): the
components of the OpenAPI document (`openapi.py`), one beside each representation in
`representations.py`.

Objects forbid properties they do not list and require every one they list (unless marked
optional), so the tests that check each answer against its schema also catch a field added
to a representation and not here, or one left out.
"""

from collections.abc import Iterable
from typing import Any

from ..dates import DatePrecision
from ..models import Collaboration, Currency, Partner, PricePoint, Qualifier, Shoe, TrendNote
from .endpoints import PAGE_SIZE
from .licence import SCOPE

Json = dict[str, Any]


def ref(name: str) -> Json:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: Json) -> Json:
    return {"anyOf": [schema, {"type": "null"}]}


def string(description: str = "", **extra: Any) -> Json:
    schema: Json = {"type": "string", **extra}
    if description:
        schema["description"] = description
    return schema


def choices(values: Iterable[str], description: str = "") -> Json:
    return string(description, enum=list(values))


def array(items: Json, description: str = "") -> Json:
    schema: Json = {"type": "array", "items": items}
    if description:
        schema["description"] = description
    return schema


def obj(description: str, properties: Json, optional: Iterable[str] = ()) -> Json:
    """An object with exactly these properties, all required unless `optional`."""
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": [name for name in properties if name not in set(optional)],
        "additionalProperties": False,
    }


URI = string(format="uri")
UUID = string("The entry's permanent public id.", format="uuid")
UNKNOWN = "Null when the archive does not know it."
AMOUNT = string(
    "A decimal number, as a string so that no digit is lost.", pattern=r"^\d+(\.\d{2})?$"
)
CURRENCY = choices(Currency.values, "ISO 4217 code.")
QUALIFIER = choices(Qualifier.values, "How the amount relates to the truth.")


def identity(slug: bool = True) -> Json:
    fields: Json = {"id": UUID}
    if slug:
        fields["slug"] = string("The last part of the page address; may change, the id never.")
    fields["url"] = string("The entry's page on the site.", format="uri")
    fields["api_url"] = string("This entry's document in the API.", format="uri")
    return fields


def closing() -> Json:
    return {
        "citations": array(ref("Citation"), "The sources behind the entry's facts and claims."),
        "updated_at": string("When the entry was last saved.", format="date-time"),
    }


def release_facts() -> Json:
    return {
        "release_date": nullable(ref("Date")),
        "retail_price": nullable(ref("Figure")),
        "resale_peak": nullable(ref("Figure")),
        "price_history": array(
            ref("PricePoint"),
            "Every price point of the release, dated ones first, by date. The retail price "
            "and resale peak above are derived from these points.",
        ),
    }


def text(description: str) -> Json:
    return nullable(string(f"{description} {UNKNOWN}"))


def references(description: str) -> Json:
    return array(ref("Reference"), f"{description} Published entries only.")


def schemas() -> Json:
    return {
        "Date": obj(
            "A date at the precision its source gives: a day, a month or a year, never an "
            "invented day.",
            {
                "value": string(
                    "ISO 8601 at the precision: 2023-06-14, 2023-06 or 2023.",
                    pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
                ),
                "precision": choices(DatePrecision.values),
            },
        ),
        "Figure": obj(
            "An amount of money as its source gives it: “over $700” is over 700, not 700.",
            {
                "amount": AMOUNT,
                "currency": CURRENCY,
                "qualifier": QUALIFIER,
            },
        ),
        "PricePoint": obj(
            "A retail price or a reported resale price of a release, as its source gives it, "
            "with when it held.",
            {
                "kind": choices(PricePoint.Kind.values),
                "amount": AMOUNT,
                "currency": CURRENCY,
                "qualifier": QUALIFIER,
                "date": nullable(ref("Date")),
                "citation": nullable(
                    obj(
                        "Where the source gives the figure.",
                        {
                            "locator": string("Where in the source: a paragraph (¶12), a page."),
                            "source": ref("SourceReference"),
                        },
                    )
                ),
            },
        ),
        "Reference": obj(
            "A related entry, by its permanent id.",
            {**identity(), "name": string("How the archive names it.")},
        ),
        "SourceReference": obj(
            "A source, by its permanent id.", {**identity(slug=False), "title": string()}
        ),
        "Citation": obj(
            "A fact (a field of the entry) or a claim (a sentence of its text) and where its "
            "source supports it. Exactly one of field and claim is set.",
            {
                "field": nullable(string("The cited field, as named in this object.")),
                "claim": nullable(string("The cited sentence, exactly as in the text.")),
                "locator": string("Where in the source: a paragraph (¶12), a page, a section."),
                "source": ref("SourceReference"),
            },
        ),
        "Technology": obj("A technology or material.", {"name": string(), "slug": string()}),
        "Picture": obj(
            "A photograph of the shoe (not covered by the data's licence).",
            {"url": URI, "alt": string("What the picture shows, for who cannot see it.")},
        ),
        "Shoe": obj(
            "One release or colorway of the Gel-Kayano 14.",
            {
                **identity(),
                "name": string(),
                "colorway": text("As marketed, e.g. Cream/Antler."),
                "kind": choices(Shoe.Kind.values),
                "colour_family": nullable(
                    choices(
                        Shoe.ColourFamily.values,
                        "The archive's illustration colour (the colour filter), not a fact.",
                    )
                ),
                "style_code": text("The maker's style code."),
                "designer": text("The designer."),
                **release_facts(),
                "technologies": array(ref("Technology")),
                "palette": array(
                    string(pattern=r"^#[0-9a-fA-F]{6}$"),
                    "Two to four hex colours of the archive's illustration.",
                ),
                "picture": nullable(ref("Picture")),
                "summary": string(),
                "story": string("Markdown."),
                "story_html": string("The story as sanitised HTML."),
                "featured": {"type": "boolean"},
                "collaboration": nullable(ref("Reference")),
                "partner": nullable(ref("Reference")),
                "trend_notes": references("Trend notes about the shoe."),
                **closing(),
            },
        ),
        "Collaboration": obj(
            "A release program with a partner, or an influence that was not a collaboration.",
            {
                **identity(),
                "title": string(),
                "kind": choices(Collaboration.Kind.values),
                "partner": nullable(ref("Reference")),
                **release_facts(),
                "summary": string(),
                "story": string("Markdown."),
                "story_html": string("The story as sanitised HTML."),
                "shoes": references("The collaboration's shoes."),
                "trend_notes": references("Trend notes about the collaboration."),
                **closing(),
            },
        ),
        "Partner": obj(
            "A studio, boutique, brand or designer the shoe was made or shaped with.",
            {
                **identity(),
                "name": string(),
                "kind": nullable(choices(Partner.Kind.values, UNKNOWN)),
                "city": text("Where it is based."),
                "country": text("Where it is based."),
                "key_person": text("Its founder or key person."),
                "bio": string(),
                "collaborations": references("Its collaborations."),
                **closing(),
            },
        ),
        "TrendNote": obj(
            "A short editorial note on one trend.",
            {
                **identity(),
                "title": string(),
                "theme": choices(TrendNote.Theme.values),
                "summary": string(),
                "body": string("Markdown."),
                "body_html": string("The body as sanitised HTML."),
                "published_on": nullable(ref("Date")),
                "reading_minutes": {"type": "integer", "minimum": 1},
                "shoes": references("Shoes the note is about."),
                "collaborations": references("Collaborations the note is about."),
                **closing(),
            },
        ),
        "Milestone": obj(
            "A dated event on the timeline that is not itself a release.",
            {
                **identity(),
                "title": string(),
                "date": ref("Date"),
                "summary": string(),
                **closing(),
            },
        ),
        "Source": obj(
            "Something the archive's facts rely on: an article, a book, a press release.",
            {
                **identity(slug=False),
                "title": string(),
                "author": text("Its author or publisher."),
                "external_url": nullable(string("Where the source itself is.", format="uri")),
                "published_on": nullable(ref("Date")),
                "consulted_on": nullable(ref("Date")),
                "note": string("What the source is; how to read its locators."),
                "updated_at": string(format="date-time"),
            },
        ),
        "Licence": obj(
            SCOPE,
            {
                "name": string(),
                "title": string(),
                "url": URI,
                "attribution": string("The name to credit, with a link to the entry's url."),
                "scope": string(),
            },
        ),
        "Index": obj(
            "Where everything is.",
            {
                "resources": {
                    "type": "object",
                    "description": "Each resource's list, by name.",
                    "additionalProperties": URI,
                },
                "openapi": URI,
                "documentation": URI,
                "licence": ref("Licence"),
            },
        ),
        "Error": obj(
            "What went wrong.",
            {
                "error": obj(
                    "The error.",
                    {
                        "status": {"type": "integer"},
                        "message": string(),
                        "parameter": string("The query parameter at fault."),
                        "allowed": array(string(), "The values it may take."),
                    },
                    optional=("parameter", "allowed"),
                )
            },
        ),
    }


def page_schema(name: str) -> Json:
    return obj(
        f"A page of {name} entries, {PAGE_SIZE} at most.",
        {
            "count": {"type": "integer", "minimum": 0, "description": "Entries in all pages."},
            "next": nullable(URI),
            "previous": nullable(URI),
            "results": array(ref(name)),
        },
    )
