"""
Catalogs of many entries for the tests that compare 10 with 1,000 shoes: the page query
budget, the API, comparisons and release families.
"""

import datetime

from django.core.cache import cache

from catalog.models import Shoe, Status, versioning

from .factories import (
    CollaborationFactory,
    MilestoneFactory,
    PartnerFactory,
    TechnologyFactory,
    TrendNoteFactory,
)

BUDGET = 8
"""The most queries any public page may run, whatever the catalog's size."""


def empty_caches():
    """As a worker starts: no page cached, and no catalog version remembered. After a bulk
    insert (which sends no signal), for a page to be counted as its first render again."""
    cache.clear()
    versioning._known = None


def add_shoes(count, collaborations, technologies, start=0):
    shoes = Shoe.objects.bulk_create(
        Shoe(
            name=f"Gel-Kayano 14 number {n}",
            slug=f"shoe-{n}",
            colorway="White/Silver",
            kind=Shoe.Kind.GENERAL,
            colour_family=Shoe.ColourFamily.WHITE,
            release_date=datetime.date(2008 + n % 18, 1 + n % 12, 1),
            retail_price=100 + n % 90,
            palette="#ffffff, #c0c0c0",
            summary="A Gel-Kayano 14 colorway.",
            story="Kayano story.",
            status=Status.PUBLISHED,
            featured=n % 50 == 0,
            collaboration=collaborations[n % len(collaborations)],
        )
        for n in range(start, start + count)
    )
    Shoe.technologies.through.objects.bulk_create(
        Shoe.technologies.through(shoe=shoe, technology=tech)
        for shoe in shoes
        for tech in technologies
    )
    return shoes


def build_catalog(shoe_count):
    partners = [PartnerFactory(slug=f"partner-{letter}") for letter in "abcde"]
    collaborations = [
        CollaborationFactory(slug=f"collab-{n}", partner=partners[n % 5]) for n in range(10)
    ]
    technologies = [TechnologyFactory(slug=s, name=s) for s in ("gel", "trusstic", "mesh")]
    shoes = add_shoes(shoe_count, collaborations, technologies)
    for n in range(12):
        note = TrendNoteFactory(slug=f"trend-{n}")
        note.shoes.set(shoes[n::97])
        note.collaborations.set(collaborations[n % 10 :: 3])
    MilestoneFactory.create_batch(10)
