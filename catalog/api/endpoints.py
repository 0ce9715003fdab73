"""
The API's resources: for each kind of entry, the published entries with every relation the
representation reads loaded in a fixed number of queries, the filters its list takes, and
how an entry is written out (`representations.py`).

Every queryset starts from `published()`, and so does every relation it loads: drafts and
scheduled entries are invisible, in lists, in details and wherever another entry points at
them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, Prefetch, QuerySet
from django.http import HttpRequest

from ..caching import request_version
from ..forms import FilterForm, ShoeFilterForm, TrendFilterForm, shoe_filter_choices
from ..models import (
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
from . import representations
from .representations import RESOURCE_NAMES, Json

PAGE_SIZE = 50
"""Entries per page of a list."""

# What `representations.reference` reads of a related entry (`str()` included).
REFERENCE_FIELDS = ("pk", "public_id", "slug", "status", "publish_at")
SHOE_REFERENCE = (*REFERENCE_FIELDS, "name", "colorway")
TITLED_REFERENCE = (*REFERENCE_FIELDS, "title")

# Relations are loaded into plain lists (`to_attr`), which `representations.py` reads: a
# prefetch into the related manager would build a queryset per entry, which costs more than
# the rest of writing the entry out.


def cited() -> Prefetch:
    citations = Citation.objects.select_related("source").only(
        "content_type",
        "object_id",
        "field",
        "claim",
        "locator",
        "source__public_id",
        "source__title",
    )
    return Prefetch("citations", queryset=citations, to_attr="citation_list")


def priced() -> Prefetch:
    """A release's price points, in the model's order, with the source of each; never the
    excerpt, which is not published."""
    points = PricePoint.objects.select_related("source").only(
        "content_type",
        "object_id",
        "kind",
        "amount",
        "currency",
        "qualifier",
        "observed_on",
        "date_precision",
        "locator",
        "source__public_id",
        "source__title",
    )
    return Prefetch("price_points", queryset=points, to_attr="price_point_list")


def published(relation: str, model: type[Model], *fields: str) -> Prefetch:
    """The relation's published entries only, as `public_<relation>`."""
    related = model.objects.published().only(*fields)  # type: ignore[attr-defined]
    return Prefetch(relation, queryset=related, to_attr=f"public_{relation}")


def ordered(entries: QuerySet[Any]) -> QuerySet[Any]:
    """The model's own order, then the primary key: pages never overlap or skip an entry."""
    return entries.order_by(*entries.model._meta.ordering, "pk")


def shoes() -> QuerySet[Shoe]:
    technologies = Technology.objects.only("name", "slug")
    return ordered(
        Shoe.objects.published()
        .for_listing()
        .prefetch_related(
            Prefetch("technologies", queryset=technologies, to_attr="technology_list"),
            published("trend_notes", TrendNote, *TITLED_REFERENCE),
            cited(),
            priced(),
        )
    )


def collaborations() -> QuerySet[Collaboration]:
    return ordered(
        Collaboration.objects.published()
        .for_listing()
        .prefetch_related(
            published("shoes", Shoe, *SHOE_REFERENCE, "collaboration"),
            published("trend_notes", TrendNote, *TITLED_REFERENCE),
            cited(),
            priced(),
        )
    )


def partners() -> QuerySet[Partner]:
    return ordered(
        Partner.objects.published().prefetch_related(
            published("collaborations", Collaboration, *TITLED_REFERENCE, "partner"), cited()
        )
    )


def trend_notes() -> QuerySet[TrendNote]:
    return ordered(
        TrendNote.objects.published().prefetch_related(
            published("shoes", Shoe, *SHOE_REFERENCE),
            published("collaborations", Collaboration, *TITLED_REFERENCE),
            cited(),
        )
    )


def milestones() -> QuerySet[Milestone]:
    return ordered(Milestone.objects.published().prefetch_related(cited()))


def sources() -> QuerySet[Source]:
    # Every source is public: the site lists them all at /sources/.
    return ordered(Source.objects.all())


def shoe_filters(request: HttpRequest) -> FilterForm:
    years, partners = shoe_filter_choices(request_version(request))
    return ShoeFilterForm(request.GET, years=years, partners=partners)


def trend_filters(request: HttpRequest) -> FilterForm:
    return TrendFilterForm(request.GET)


@dataclass(frozen=True)
class Endpoint:
    """One resource: `/api/v1/<path>/` lists it, `/api/v1/<path>/<id>/` shows one entry."""

    path: str
    model: type[Model]
    entries: Callable[[], QuerySet[Any]]
    represent: Callable[[Any], Json]
    filters: Callable[[HttpRequest], FilterForm] | None = None
    filter_params: tuple[str, ...] = field(default=())
    """The query parameters the filters read (the page cache keys on them)."""

    @property
    def name(self) -> str:
        """The URL names' stem: `api:<name>-list`, `api:<name>-detail`."""
        return RESOURCE_NAMES[self.model]


ENDPOINTS = (
    Endpoint(
        "shoes",
        Shoe,
        shoes,
        representations.shoe,
        shoe_filters,
        tuple(ShoeFilterForm.base_fields),
    ),
    Endpoint("collaborations", Collaboration, collaborations, representations.collaboration),
    Endpoint("partners", Partner, partners, representations.partner),
    Endpoint(
        "trend-notes",
        TrendNote,
        trend_notes,
        representations.trend_note,
        trend_filters,
        tuple(TrendFilterForm.base_fields),
    ),
    Endpoint("milestones", Milestone, milestones, representations.milestone),
    Endpoint("sources", Source, sources, representations.source),
)
