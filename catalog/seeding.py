"""
The archive's starting content: `catalog/seed/content.toml`, read into model instances.

The file is data that reviewers can read and diff: sources, then technologies, partners,
collaborations, shoes, trend notes and milestones, each with the citations behind its
facts. Dates are written "2008" or "2022-08" and keep that precision; prices are
[[…prices]] points, each a string amount with a qualifier ("over" 700) and its source;
relations are slugs. `manage.py load_seed` saves what this
module builds.
"""

import datetime
import tomllib
from decimal import Decimal
from pathlib import Path

from .dates import DatePrecision
from .models import (
    Citation,
    Collaboration,
    Milestone,
    Partner,
    PricePoint,
    Shoe,
    Source,
    Technology,
    TrendNote,
)

SEED_FILE = Path(__file__).resolve().parent / "seed" / "content.toml"

# (TOML table, model, the field holding its partial date, foreign keys, many-to-many), in
# load order: anything referred to by slug comes before what refers to it.
SECTIONS = [
    ("technologies", Technology, None, {}, {}),
    ("partners", Partner, None, {}, {}),
    ("collaborations", Collaboration, "release_date", {"partner": Partner}, {}),
    (
        "shoes",
        Shoe,
        "release_date",
        {"collaboration": Collaboration},
        {"technologies": Technology},
    ),
    ("trend_notes", TrendNote, None, {}, {"shoes": Shoe, "collaborations": Collaboration}),
    ("milestones", Milestone, "date", {}, {}),
]


class SeedError(ValueError):
    """The seed file says something the archive cannot store."""


def read_seed(path=SEED_FILE):
    with open(path, "rb") as seed:
        return tomllib.load(seed)


def partial_date(text):
    """("2022-08") → (date(2022, 8, 1), "month"); "" → (None, None)."""
    if not text:
        return None, None
    parts = [int(part) for part in str(text).split("-")]
    precision = [DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY][len(parts) - 1]
    return datetime.date(*parts, *[1] * (3 - len(parts))), precision


def source_fields(entry):
    """A [[sources]] table as Source fields (its `key` names it for citations)."""
    fields = {name: value for name, value in entry.items() if name not in ("key", "published")}
    published, precision = partial_date(entry.get("published"))
    fields["published_on"] = published
    if precision:
        fields["date_precision"] = precision
    return fields


def entry_fields(entry, date_field, foreign_keys, many_to_many):
    """An entry's own field values: no relations, no citations; dates and prices parsed."""
    skipped = {"citations", "prices", *foreign_keys, *many_to_many}
    fields = {name: value for name, value in entry.items() if name not in skipped}
    if date_field:
        value, precision = partial_date(fields.pop(date_field, ""))
        fields[date_field] = value
        if precision:
            fields["date_precision"] = precision
    return fields


def source_of(entry, table, sources):
    try:
        return sources[table["source"]]
    except KeyError as error:
        raise SeedError(f"{entry['slug']!r} cites an unknown source {error}") from error


def price_points_for(entry, sources):
    """Unsaved PricePoint objects for a release's [[…prices]] tables."""
    points = []
    for table in entry.get("prices", []):
        observed_on, precision = partial_date(table.get("date"))
        points.append(
            PricePoint(
                kind=table["kind"],
                amount=Decimal(table["amount"]),
                qualifier=table.get("qualifier", "exact"),
                currency=table.get("currency", "USD"),
                observed_on=observed_on,
                date_precision=precision or DatePrecision.MONTH,
                source=source_of(entry, table, sources),
                locator=table["locator"],
                excerpt=table["excerpt"],
            )
        )
    return points


def citations_for(entry, sources):
    """Unsaved Citation objects for an entry's [[…citations]] tables."""
    citations = []
    for table in entry.get("citations", []):
        citations.append(
            Citation(
                source=source_of(entry, table, sources),
                field=table.get("field", ""),
                claim=table.get("claim", ""),
                locator=table["locator"],
                excerpt=table["excerpt"],
            )
        )
    return citations


def get_or_create_sources(seed):
    """Every [[sources]] table as a saved Source, by key; an existing title is reused."""
    sources = {}
    for entry in seed.get("sources", []):
        fields = source_fields(entry)
        sources[entry["key"]], _ = Source.objects.get_or_create(
            title=fields.pop("title"), defaults=fields
        )
    return sources
