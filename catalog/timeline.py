"""
The timeline: milestones, collaborations and stand-alone releases merged in date order.

A fixed number of queries and a bounded page, whatever the archive's size: each year shows
at most `RELEASES_PER_YEAR` stand-alone releases (and says how many more there are, with a
link to that year in the shoe list), each collaboration at most `SHOES_PER_COLLABORATION`
of its shoes. Undated entries are left out because the timeline cannot place them (they
still have their own pages).
"""

import datetime
from dataclasses import dataclass, field
from itertools import groupby
from typing import TypeVar

from django.db.models import CharField, Count, F, Model, Prefetch, QuerySet, Window
from django.db.models.functions import Cast, RowNumber, Substr

from .models import Citation, Collaboration, Milestone, Shoe

RELEASES_PER_YEAR = 6
SHOES_PER_COLLABORATION = 8

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class TimelineEntry:
    kind: str  # "milestone", "collaboration" or "release"
    item: Milestone | Collaboration | Shoe

    @property
    def sort_key(self) -> tuple[datetime.date, bool, str]:
        return (self.item._date, self.kind != "milestone", str(self.item))


@dataclass
class TimelineYear:
    year: int
    entries: list[TimelineEntry] = field(default_factory=list)
    more_releases: int = 0


def year_of(field: str) -> Substr:
    """The year of a date column, as text ("2022"). Django's ExtractYear is a Python function
    on SQLite, called once per row: over every shoe, that was most of the timeline's time."""
    return Substr(Cast(field, output_field=CharField()), 1, 4)


def stand_alone_releases() -> tuple[QuerySet[Shoe], dict[int, int]]:
    """Dated shoes outside any collaboration: the first RELEASES_PER_YEAR of each year."""
    releases = Shoe.objects.published().filter(
        release_date__isnull=False, collaboration__isnull=True
    )
    # Numbering narrow rows (ids) and then loading only the chosen ones keeps the sort small.
    first_ids = (
        releases.annotate(
            place=Window(
                RowNumber(),
                partition_by=year_of("release_date"),
                order_by=[F("release_date").asc(), F("name").asc(), F("pk").asc()],
            )
        )
        .filter(place__lte=RELEASES_PER_YEAR)
        .values("pk")
    )
    first_of_year = Shoe.objects.filter(pk__in=first_ids)
    per_year = {
        int(year): total
        for year, total in releases.annotate(year=year_of("release_date"))
        .values("year")
        .annotate(total=Count("pk"))
        .values_list("year", "total")
    }
    return first_of_year, per_year


def with_citations(entries: QuerySet[M]) -> QuerySet[M]:
    """The entries' citations, for the page's numbered notes."""
    return entries.prefetch_related(
        Prefetch("citations", queryset=Citation.objects.select_related("source"))
    )


def build_timeline() -> list[TimelineYear]:
    """A list of TimelineYear, oldest first."""
    milestones = with_citations(Milestone.objects.published())
    collaborations = with_citations(
        Collaboration.objects.published()
        .for_listing()
        .filter(release_date__isnull=False)
        .with_shoe_preview(SHOES_PER_COLLABORATION)
    )
    releases, releases_per_year = stand_alone_releases()
    entries = sorted(
        [TimelineEntry("milestone", item) for item in milestones]
        + [TimelineEntry("collaboration", item) for item in collaborations]
        + [TimelineEntry("release", item) for item in releases],
        key=lambda entry: entry.sort_key,
    )
    years: list[TimelineYear] = []
    for year, group in groupby(entries, key=lambda entry: entry.item._date.year):
        year_entries = list(group)
        shown = sum(entry.kind == "release" for entry in year_entries)
        years.append(TimelineYear(year, year_entries, releases_per_year.get(year, 0) - shown))
    return years
