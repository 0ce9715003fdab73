"""
What PostgreSQL's full-text search reads of an entry: its fields in one weighted `tsvector`,
A (titles) to C (long text).

A shoe's document is a stored generated column, which the database itself rewrites on every
insert and update, with a GIN index (migration 0020). A search then reads the index and the
stored documents, where it used to parse the text of every shoe: 0.2 to 0.4 s a search at
10,000 shoes. The other kinds of entry are few and compute theirs per search. On SQLite
the column is NULL: search there matches words with LIKE (`catalog/search.py`).
"""

import functools
import operator
from typing import Any

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Func, TextField, Value
from django.db.models.functions import Replace
from django.db.models.sql.compiler import SQLCompiler

Weights = dict[str, list[str]]

SHOE_WEIGHTS: Weights = {"A": ["name", "colorway"], "B": ["summary", "designer"], "C": ["story"]}


def document(weights: Weights) -> SearchVector:
    """The weighted vector of the fields named in `weights` (lookups such as
    `partner__name` are allowed where the vector is computed per search)."""
    parts = [
        SearchVector(
            # PostgreSQL's parser reads "Cream/Antler" as one file-path token: split it.
            Replace(name, Value("/"), Value(" "), output_field=TextField()),
            weight=weight,
            config="english",
        )
        for weight, fields in weights.items()
        for name in fields
    ]
    return functools.reduce(operator.add, parts)


class OnPostgresOnly(Func):
    """Its expression on PostgreSQL; NULL on SQLite, which has no `tsvector`."""

    template = "%(expressions)s"

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> tuple[str, list[Any]]:
        return "NULL", []


def stored_document(weights: Weights) -> models.GeneratedField:
    """A generated column holding the document of `weights` (fields of its own table only)."""
    return models.GeneratedField(
        expression=OnPostgresOnly(document(weights)),
        output_field=SearchVectorField(null=True),
        db_persist=True,
        serialize=False,  # the database makes it: backups and history need not carry it
        verbose_name="search document",
    )
