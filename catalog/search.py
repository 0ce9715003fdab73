"""
Site search across shoes, collaborations, partners and trend notes.

On PostgreSQL it uses full-text search (weighted vectors, `websearch` queries and
`SearchRank`). Elsewhere (SQLite) every word must appear in one of the fields and
results are ranked by where the words matched: a title beats a summary beats a body.
Either way: one query per kind of entry, at most `LIMIT` results each.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, IntegerField, Model, Q, QuerySet, Value, When
from django.db.models.expressions import Combinable

from .models import Collaboration, Partner, Shoe, TrendNote
from .models.search_document import SHOE_WEIGHTS, Weights, document

LIMIT = 20
MAX_TERMS = 8


@dataclass(frozen=True)
class Scope:
    """Where to look in one model, by weight: A (titles) to C (long text). `stored` names
    the column that holds the model's document on PostgreSQL, if it has one."""

    label: str
    queryset: QuerySet[Any]
    weights: Weights = field(default_factory=dict)
    stored: str | None = None


def scopes() -> list[Scope]:
    return [
        Scope(
            "Shoes",
            Shoe.objects.published().for_listing(),
            SHOE_WEIGHTS,
            stored="search_document",
        ),
        Scope(
            "Collaborations",
            Collaboration.objects.published().for_listing(),
            {"A": ["title", "partner__name"], "B": ["summary"], "C": ["story"]},
        ),
        Scope(
            "Partners",
            Partner.objects.published(),
            {"A": ["name"], "B": ["key_person", "city", "country"], "C": ["bio"]},
        ),
        Scope(
            "Trend notes",
            TrendNote.objects.published().for_listing(),
            {"A": ["title"], "B": ["summary"], "C": ["body"]},
        ),
    ]


def terms_of(query: str) -> list[str]:
    """The words of a query, without duplicates, at most MAX_TERMS of them."""
    words: list[str] = []
    for word in query.split():
        if word.lower() not in (w.lower() for w in words):
            words.append(word)
    return words[:MAX_TERMS]


def search(query: str) -> list[tuple[str, list[Model]]]:
    """A list of (label, results) for each kind of entry that has any match."""
    terms = terms_of(query)
    if not terms:
        return []
    rank: Callable[[Scope, str], QuerySet[Any]] = (
        rank_postgres if connection.vendor == "postgresql" else rank_fallback
    )
    groups = [(scope.label, list(rank(scope, " ".join(terms))[:LIMIT])) for scope in scopes()]
    return [(label, results) for label, results in groups if results]


def rank_postgres(scope: Scope, query: str) -> QuerySet[Any]:
    vector = F(scope.stored) if scope.stored else document(scope.weights)
    search_query = SearchQuery(query, search_type="websearch", config="english")
    ranked: QuerySet[Any] = (
        scope.queryset.alias(document=vector)
        .filter(document=search_query)  # the @@ match: honours "-word" and "or"
        .annotate(rank=SearchRank(vector, search_query))
        .order_by("-rank", "pk")
    )
    return ranked


FALLBACK_POINTS = {"A": 10, "B": 3, "C": 1}


def rank_fallback(scope: Scope, query: str) -> QuerySet[Any]:
    queryset = scope.queryset
    score: Combinable = Value(0)
    for term in terms_of(query):
        matches_somewhere = Q()
        for weight, fields in scope.weights.items():
            for name in fields:
                matches = Q(**{f"{name}__icontains": term})
                matches_somewhere |= matches
                score = score + Case(
                    When(matches, then=Value(FALLBACK_POINTS[weight])),
                    default=Value(0),
                    output_field=IntegerField(),
                )
        queryset = queryset.filter(matches_somewhere)
    ranked: QuerySet[Any] = queryset.annotate(rank=score).order_by("-rank", "pk")
    return ranked
