"""
The whole published catalog as files, for people who want all of it at once: one JSON
document, one CSV table per kind of entry, and one of the releases' price points.

All are written from the API's own representations (`catalog/api/`), so a download says
exactly what the API says, with the same ids, dates at their precision, figures with their
qualifier and citations. Each file states its licence and when it was made: the JSON in
its header, the CSV in two columns of every row.
"""

import csv
import functools
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from .api.endpoints import ENDPOINTS, Endpoint
from .api.licence import LICENCE_URL, licence
from .api.representations import RESOURCE_NAMES, Json
from .importing import quote_formula
from .models import ReleaseFacts

CHUNK = 500
"""Entries loaded at a time: memory stays bounded however large the catalog grows."""


def entries(endpoint: Endpoint) -> Iterator[Json]:
    for entry in endpoint.entries().iterator(chunk_size=CHUNK):
        yield endpoint.represent(entry)


def catalog_document() -> Json:
    """Every published entry of every kind, with the licence and the time it was made."""
    return {
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "licence": licence(),
        **{endpoint.path: list(entries(endpoint)) for endpoint in ENDPOINTS},
    }


def catalog_json() -> bytes:
    return json.dumps(catalog_document(), ensure_ascii=False, separators=(",", ":")).encode()


def flatten(value: Any, prefix: str = "") -> dict[str, str]:
    """One CSV row from a representation: nested objects become `parent.child` columns;
    lists (relations, citations) stay whole, as JSON in one cell."""
    if isinstance(value, dict):
        row: dict[str, str] = {}
        for key, item in value.items():
            row.update(flatten(item, f"{prefix}.{key}" if prefix else key))
        return row
    if isinstance(value, list):
        return {prefix: json.dumps(value, ensure_ascii=False, separators=(",", ":"))}
    return {prefix: "" if value is None else str(value)}


def csv_table(endpoint: Endpoint) -> bytes:
    """One kind of entry as a CSV table, a row per entry."""
    rows = [flatten(entry) for entry in entries(endpoint)]
    return csv_file(list(dict.fromkeys(column for row in rows for column in row)), rows)


PRICE_POINT_COLUMNS = [
    "release_type",
    "release_id",
    "release_url",
    "kind",
    "amount",
    "currency",
    "qualifier",
    "date",
    "date_precision",
    "source_id",
    "locator",
]


def price_points_table() -> bytes:
    """Every price point of every published release (shoes, then collaborations, each in
    the API's order), a row each, as the release's `price_history` in the API gives it."""
    return csv_file(PRICE_POINT_COLUMNS, price_point_rows())


def price_point_rows() -> Iterator[dict[str, str]]:
    for endpoint in ENDPOINTS:
        if not issubclass(endpoint.model, ReleaseFacts):
            continue
        for release in entries(endpoint):
            for point in release["price_history"]:
                date, citation = point["date"] or {}, point["citation"] or {}
                yield {
                    "release_type": RESOURCE_NAMES[endpoint.model],
                    "release_id": release["id"],
                    "release_url": release["url"],
                    "kind": point["kind"],
                    "amount": point["amount"],
                    "currency": point["currency"],
                    "qualifier": point["qualifier"],
                    "date": date.get("value", ""),
                    "date_precision": date.get("precision", ""),
                    "source_id": citation["source"]["id"] if citation else "",
                    "locator": citation.get("locator", ""),
                }


def csv_file(columns: list[str], rows: Iterable[dict[str, str]]) -> bytes:
    """A CSV table with the licence and the time it was made in every row. Cells a
    spreadsheet would run as a formula are quoted, as in the admin's exports."""
    generated_at = timezone.now().isoformat(timespec="seconds")
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=[*columns, "licence", "generated_at"], lineterminator="\r\n"
    )
    writer.writeheader()
    for row in rows:
        cells = {column: quote_formula(cell) for column, cell in row.items()}
        writer.writerow({**cells, "licence": LICENCE_URL, "generated_at": generated_at})
    return out.getvalue().encode()


@dataclass(frozen=True)
class Table:
    """A CSV download, `/data/<name>.csv`."""

    name: str
    rows: str
    """What a row is, as the data page says it."""
    write: Callable[[], bytes]


TABLES = {
    table.name: table
    for table in [
        *(
            Table(endpoint.path, "one row per entry", functools.partial(csv_table, endpoint))
            for endpoint in ENDPOINTS
        ),
        Table(
            "price-points",
            "one row per price point of a published shoe or collaboration, with its source",
            price_points_table,
        ),
    ]
}
"""The CSV downloads by name, in the order the data page lists them."""
