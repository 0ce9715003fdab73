"""
A shoe's release family, derived from the catalog rather than typed in by an editor: the
original 2008 release, the return (the first release dated in a later year than the
original), the other releases of the shoe's collaboration, and the partner's other releases.

The archive has no entry for the 2020 revival itself (Asics chose the 14 in 2020; the first
release it dates after that is from 2022), so "the return" is read from the release dates.

`Shoe.family()` is the way in. Every group is found in one query, whatever the catalog's
size: each group's first few ids come from a subquery, and only those rows are read.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import CharField, DateField, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat, ExtractYear
from django.urls import reverse

if TYPE_CHECKING:
    from .shoes import Shoe

FAMILY_GROUP_SIZE = 8
"""At most this many releases per group; a longer group links to the page listing them all."""

SHOWN_FIELDS = ("slug", "name", "colorway", "release_date", "date_precision")
"""What a family shows of each release (a link, its name and colorway, its date): the rest
is not read, which keeps a family small enough to keep in the cache."""


@dataclass(frozen=True)
class FamilyGroup:
    """One group of a release family, in release order (newest first)."""

    key: str
    title: str
    shoes: tuple[Shoe, ...]
    note: str = ""
    """How the group is derived, when its title does not say."""
    more_url: str = ""
    """The page listing the whole group, when it holds more than `shoes`; else ""."""


@dataclass(frozen=True)
class ReleaseFamily:
    """A shoe's relatives, in a fixed order of groups; empty groups are left out."""

    groups: tuple[FamilyGroup, ...]

    def __bool__(self) -> bool:
        return bool(self.groups)

    def __iter__(self):
        return iter(self.groups)

    def group(self, key: str) -> FamilyGroup | None:
        return next((group for group in self.groups if group.key == key), None)


@dataclass(frozen=True)
class _Candidate:
    key: str
    title: str
    condition: Q
    note: str = ""
    more_url: str = ""


def release_family(shoe: Shoe, size: int = FAMILY_GROUP_SIZE) -> ReleaseFamily:
    """`shoe`'s release family: public releases only, never `shoe` itself, at most `size`
    per group. One query."""
    candidates = _candidates(shoe)
    model = type(shoe)
    others = model.objects.published().exclude(pk=shoe.pk)
    # Newest first, undated last. An expression, not the column: SQLite's planner (which
    # has no statistics) would otherwise walk every public shoe in date order to avoid a
    # sort, rather than read a partner's few hundred releases from their index and sort.
    ordering = [Coalesce("release_date", Value(datetime.date.min)).desc(), "name", "pk"]
    # One query: each group's first few ids (one more than shown, to know whether there are
    # more) in a subquery the database runs once, each group's rows tagged with its key, the
    # groups joined with UNION ALL (a release can be in two groups). The subqueries are cut
    # inside `IN`, since SQLite cannot cut the parts of a UNION themselves.
    per_group = [
        model.objects.filter(
            pk__in=others.filter(candidate.condition).order_by(*ordering).values("pk")[: size + 1]
        )
        .only(*SHOWN_FIELDS)
        .annotate(family_group=Value(candidate.key))
        .order_by()
        for candidate in candidates
    ]
    members: dict[str, list[Shoe]] = {candidate.key: [] for candidate in candidates}
    for relative in per_group[0].union(*per_group[1:], all=True):
        members[relative.family_group].append(relative)
    groups = []
    for candidate in candidates:
        shoes = sorted(members[candidate.key], key=release_order)
        if shoes:
            more = candidate.more_url if len(shoes) > size else ""
            groups.append(
                FamilyGroup(
                    candidate.key, candidate.title, tuple(shoes[:size]), candidate.note, more
                )
            )
    return ReleaseFamily(tuple(groups))


def release_order(shoe: Shoe) -> tuple[int, str, int]:
    """Newest first, undated last, then by name: the order the groups were cut in."""
    return (-(shoe.release_date or datetime.date.min).toordinal(), shoe.name, shoe.pk)


def _candidates(shoe: Shoe) -> list[_Candidate]:
    """The groups `shoe` can have, each as a condition on the other public releases."""
    model = type(shoe)
    original = Q(kind=model.Kind.ORIGINAL)
    published = model.objects.published()
    # 1 January of the year after the last original's, worked out on the original's row
    # alone: a year taken from every row's date is a Python function per row on SQLite.
    year_after_original = (
        published.filter(original, release_date__isnull=False)
        .order_by("-release_date")
        .annotate(
            year_after=Cast(
                Concat(
                    Cast(ExtractYear("release_date") + 1, CharField()),
                    Value("-01-01"),
                    output_field=CharField(),
                ),
                DateField(),
            )
        )
        .values("year_after")[:1]
    )
    first_return = (
        published.exclude(original)
        .filter(release_date__gte=Subquery(year_after_original))
        .order_by("release_date")
        .values("release_date")[:1]
    )
    candidates = [
        _Candidate(
            "original",
            "The original",
            original,
            more_url=reverse("catalog:shoe-list") + f"?kind={model.Kind.ORIGINAL}",
        ),
        _Candidate(
            "return",
            "Next dated in the archive",
            ~original & Q(release_date=Subquery(first_return)),
            # A heading that claims no more than the dates do: the archive has no release
            # from the 2020 revival itself, so these are not called "the return".
            note="The releases the archive dates first in a year after the original's.",
        ),
    ]
    collaboration = shoe.public_collaboration
    if collaboration is not None:
        candidates.append(
            _Candidate(
                "collaboration",
                f"Also in {collaboration.title}",
                Q(collaboration=collaboration),
                more_url=collaboration.get_absolute_url(),
            )
        )
    partner = shoe.public_partner
    if partner is not None:
        others = (
            type(collaboration)
            .objects.published()
            .filter(partner=partner)
            .exclude(pk=collaboration.pk)
        )
        candidates.append(
            _Candidate(
                "partner",
                f"More from {partner.name}",
                Q(collaboration__in=others),
                note=f"From {partner.name}'s other collaborations.",
                more_url=partner.get_absolute_url(),
            )
        )
    return candidates
