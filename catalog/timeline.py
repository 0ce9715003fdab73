"""
The timeline: milestones, collaborations and stand-alone releases merged in date order.

Three queries whatever the archive's size; undated entries are left out because
the timeline cannot place them (they still have their own pages).
"""

from dataclasses import dataclass
from itertools import groupby

from django.db.models import Prefetch

from .models import Collaboration, Milestone, Shoe


@dataclass(frozen=True)
class TimelineEntry:
    kind: str  # "milestone", "collaboration" or "release"
    item: object

    @property
    def sort_key(self):
        return (self.item._date, self.kind != "milestone", str(self.item))


def build_timeline():
    """A list of (year, entries) pairs, oldest year first."""
    milestones = Milestone.objects.published()
    collaborations = (
        Collaboration.objects.published()
        .for_listing()
        .filter(release_date__isnull=False)
        .prefetch_related(Prefetch("shoes", queryset=Shoe.objects.published()))
    )
    releases = Shoe.objects.published().filter(
        release_date__isnull=False, collaboration__isnull=True
    )
    entries = sorted(
        [TimelineEntry("milestone", item) for item in milestones]
        + [TimelineEntry("collaboration", item) for item in collaborations]
        + [TimelineEntry("release", item) for item in releases],
        key=lambda entry: entry.sort_key,
    )
    return [
        (year, list(group)) for year, group in groupby(entries, key=lambda e: e.item._date.year)
    ]
