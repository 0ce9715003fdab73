"""Every public page runs a small, fixed number of queries, whatever the catalog's size."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Collaboration, Milestone, Partner, Shoe, TrendNote

from .catalogs import BUDGET, add_shoes, build_catalog, empty_caches

pytestmark = pytest.mark.django_db

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
    empty_caches()  # bulk_create sends no signals; measure an uncached page again
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)
