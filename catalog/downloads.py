"""
The whole published catalog as files, for people who want all of it at once: one JSON
document, and one CSV table per kind of entry.

Both are written from the API's own representations (`catalog/api/`), so a download says
exactly what the API says, with the same ids, dates at their precision, figures with their
qualifier and citations. Each file states its licence and when it was made: the JSON in
its header, the CSV in two columns of every row.
"""

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from django.utils import timezone

from .api.endpoints import ENDPOINTS, Endpoint
from .api.licence import LICENCE_URL, licence
from .api.representations import Json
from .importing import quote_formula

CHUNK = 500
"""Entries loaded at a time: memory stays bounded however large the catalog grows."""

ENDPOINTS_BY_PATH = {endpoint.path: endpoint for endpoint in ENDPOINTS}


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
    """One kind of entry as a CSV table. Cells a spreadsheet would run as a formula are
    quoted, as in the admin's exports."""
    generated_at = timezone.now().isoformat(timespec="seconds")
    rows = [flatten(entry) for entry in entries(endpoint)]
    columns = list(dict.fromkeys(column for row in rows for column in row))
    columns += ["licence", "generated_at"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        cells = {column: quote_formula(cell) for column, cell in row.items()}
        writer.writerow({**cells, "licence": LICENCE_URL, "generated_at": generated_at})
    return out.getvalue().encode()
