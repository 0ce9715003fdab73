"""Every public page runs a small, fixed number of queries, whatever the catalog's size."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Collaboration, Milestone, Partner, Shoe, Status, TrendNote

from .factories import (
    CollaborationFactory,
    MilestoneFactory,
    PartnerFactory,
    TechnologyFactory,
    TrendNoteFactory,
)

pytestmark = pytest.mark.django_db

BUDGET = 8
PAGES = [
    "/",
    "/shoes/",
    "/shoes/?year=2015&kind=general&colour=white&sort=price-high&page=2",
    "/shoes/shoe-500/",
    "/collaborations/",
    "/collaborations/collab-1/",
    "/partners/partner-a/",
    "/trends/",
    "/trends/trend-1/",
    "/timeline/",
    "/search/?q=kayano+white",
    "/about/",
    "/feeds/trends/",
    "/sitemap.xml",
    "/sitemap-shoes.xml",
    "/sitemap-pages.xml",
]


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


@pytest.fixture
def large_catalog():
    build_catalog(1000)
    # Content types are looked up once per process and then remembered (citations are
    # found through them): count a page as every request after a worker's first sees it.
    ContentType.objects.get_for_models(Shoe, Collaboration, Partner, TrendNote, Milestone)


@pytest.mark.parametrize("url", PAGES)
def test_public_page_stays_within_the_query_budget_with_1000_shoes(
    client, large_catalog, django_assert_max_num_queries, url
):
    with django_assert_max_num_queries(BUDGET):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("url", ["/shoes/shoe-5/", "/shoes/", "/", "/trends/trend-1/"])
def test_query_count_does_not_grow_with_the_catalog(client, url):
    build_catalog(10)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    add_shoes(500, list(Collaboration.objects.all()), [], start=10)
    cache.clear()  # bulk_create sends no signals; measure an uncached page again
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)
