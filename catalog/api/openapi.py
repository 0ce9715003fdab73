"""
The API's OpenAPI 3.1 document, at `/api/v1/openapi.json`: every address, parameter and
answer, with the schemas of `schemas.py`.

Written by hand, beside the views it describes, and held to them by tests: the document
must validate, name every route in `urls.py` and every parameter each view reads, and every
answer the API gives must validate against its schema.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse

from ..forms import SHOE_SORTS
from ..links import absolute_url
from ..models import Shoe, TrendNote
from .endpoints import Endpoint
from .licence import LICENCE_NAME, LICENCE_URL, SCOPE
from .schemas import URI, Json, choices, page_schema, ref, schemas, string

VERSION = "1.0.0"

FILTERS: dict[str, Json] = {
    "year": {
        "description": "Releases of this year (one the archive has releases from).",
        "schema": {"type": "integer"},
    },
    "partner": {
        "description": "Releases linked to this partner, by the partner's slug.",
        "schema": string(),
    },
    "kind": {"description": "Releases of this kind.", "schema": choices(Shoe.Kind.values)},
    "colour": {
        "description": "Releases of this illustration colour.",
        "schema": choices(Shoe.ColourFamily.values),
    },
    "sort": {
        "description": "The order: newest first unless asked otherwise.",
        "schema": choices(SHOE_SORTS),
    },
    "theme": {"description": "Notes on this theme.", "schema": choices(TrendNote.Theme.values)},
}
PAGE_PARAMETER: Json = {
    "name": "page",
    "in": "query",
    "description": "Which page, from 1.",
    "schema": {"type": "integer", "minimum": 1},
}


def json_content(schema: Json) -> Json:
    return {"application/json": {"schema": schema}}


def answer(description: str, schema: Json, cached: bool = True) -> Json:
    response: Json = {"description": description, "content": json_content(schema)}
    if cached:
        response["headers"] = {
            name: {"$ref": f"#/components/headers/{name}"}
            for name in (
                "ETag",
                "Last-Modified",
                "Cache-Control",
                "Access-Control-Allow-Origin",
                "Access-Control-Expose-Headers",
            )
        }
    return response


def error(description: str) -> Json:
    return {"$ref": f"#/components/responses/{description}"}


def operation(
    summary: str, operation_id: str, ok: Json, *errors: tuple[str, str], **extra: Any
) -> Json:
    responses: Json = {"200": ok, "304": error("NotModified")}
    responses.update({status: error(name) for status, name in errors})
    responses["405"] = error("NotAllowed")
    return {
        "get": {"summary": summary, "operationId": operation_id, "responses": responses, **extra}
    }


def paths(endpoints: Iterable[Endpoint]) -> Json:
    found: Json = {
        "/": operation("Where everything is", "index", answer("The index.", ref("Index"))),
        "/openapi.json": operation(
            "This document", "openapi", answer("The OpenAPI document.", {"type": "object"})
        ),
    }
    for endpoint in endpoints:
        schema = endpoint.model.__name__
        plural = str(endpoint.model._meta.verbose_name_plural)
        parameters = [
            {"name": name, "in": "query", **FILTERS[name]} for name in endpoint.filter_params
        ]
        found[f"/{endpoint.path}/"] = operation(
            f"Published {plural}, a page at a time",
            f"list-{endpoint.path}",
            answer(f"A page of {plural}.", ref(f"{schema}Page")),
            ("400", "BadParameter"),
            ("404", "NotFound"),
            parameters=[*parameters, PAGE_PARAMETER],
        )
        found[f"/{endpoint.path}/{{id}}/"] = operation(
            f"One published {endpoint.model._meta.verbose_name}, by its permanent id",
            f"get-{endpoint.name}",
            answer("The entry.", ref(schema)),
            ("301", "Canonical"),
            ("404", "NotFound"),
            parameters=[
                {
                    "name": "id",
                    "in": "path",
                    "required": True,
                    "description": "The entry's public id (lower case, with hyphens).",
                    "schema": string(format="uuid"),
                }
            ],
        )
    return found


def headers() -> Json:
    return {
        "ETag": {"description": "Send it back in If-None-Match.", "schema": string()},
        "Last-Modified": {"description": "When the catalog last changed.", "schema": string()},
        "Cache-Control": {"description": "How long caches may keep it.", "schema": string()},
        "Access-Control-Allow-Origin": {
            "description": "Any origin may read the API.",
            "schema": string(enum=["*"]),
        },
        "Access-Control-Expose-Headers": {
            "description": "Scripts on any origin may read the ETag.",
            "schema": string(enum=["ETag"]),
        },
    }


def responses() -> Json:
    failure = json_content(ref("Error"))
    return {
        "NotModified": {"description": "Not modified since the ETag or date sent."},
        "BadParameter": {"description": "A query parameter is not valid.", "content": failure},
        "NotFound": {
            "description": "No such published entry, or no such page.",
            "content": failure,
        },
        "NotAllowed": {
            "description": "The API is read-only: GET, HEAD or OPTIONS.",
            "content": failure,
        },
        "Canonical": {
            "description": "The id was not spelt canonically: this is its address.",
            "headers": {"Location": {"schema": URI}},
        },
    }


def document(endpoints: Iterable[Endpoint]) -> Json:
    endpoints = list(endpoints)
    all_schemas = schemas()
    for endpoint in endpoints:
        name = endpoint.model.__name__
        all_schemas[f"{name}Page"] = page_schema(name)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{settings.SITE_NAME} API",
            "version": VERSION,
            "summary": "The archive's published entries, read-only, with stable ids.",
            "description": (
                "Every published shoe, collaboration, partner, trend note, milestone and "
                "source, with the citations behind each fact. Dates keep their precision and "
                "figures their qualifier. Drafts never appear. Entries are addressed by "
                f"permanent public ids. {SCOPE}"
            ),
            "license": {"name": LICENCE_NAME, "url": LICENCE_URL},
        },
        "externalDocs": {"url": absolute_url(reverse("api:docs"))},
        "servers": [{"url": absolute_url(reverse("api:index")).rstrip("/")}],
        "paths": paths(endpoints),
        "components": {
            "schemas": all_schemas,
            "responses": responses(),
            "headers": headers(),
        },
    }
