"""Public pages are read-only: a POST, PUT or DELETE gets a 405 that says what to use, and
OPTIONS names the methods."""

import pytest
from django.test import Client

from .factories import CollaborationFactory, ShoeFactory

pytestmark = pytest.mark.django_db

READ_ONLY = [
    "/",
    "/shoes/",
    "/shoes/{shoe}/",
    "/collaborations/{collaboration}/",
    "/timeline/",
    "/search/?q=kith",
    "/compare/?shoes={shoe}",
    "/compare/select/",
    "/data/",
    "/data/shoes.csv",
    "/feeds/releases/",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
    "/api/",
]


@pytest.fixture
def csrf_client():
    """A client that meets the CSRF check as a browser would, with no token to show."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def addresses():
    shoe = ShoeFactory()
    collaboration = CollaborationFactory()
    return [url.format(shoe=shoe.slug, collaboration=collaboration.slug) for url in READ_ONLY]


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_a_write_to_a_public_page_is_a_405_naming_get_and_head(csrf_client, addresses, method):
    for url in addresses:
        response = getattr(csrf_client, method)(url)
        assert response.status_code == 405, url
        assert response["Allow"] == "GET, HEAD, OPTIONS", url
        assert b"only be read" in response.content, url


def test_options_names_the_methods_a_page_takes(csrf_client, addresses):
    for url in addresses:
        response = csrf_client.options(url)
        assert response.status_code in (200, 204), url  # 204: a download's CORS preflight
        assert response["Allow"] == "GET, HEAD, OPTIONS", url


def test_the_405_page_needs_no_database(csrf_client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert csrf_client.post("/shoes/").status_code == 405


def test_pages_still_answer_get_and_head(csrf_client, addresses):
    for url in addresses:
        assert csrf_client.get(url).status_code in (200, 302), url
        assert csrf_client.head(url).status_code in (200, 302), url


def test_forms_that_change_things_still_need_their_csrf_token(csrf_client):
    response = csrf_client.post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
