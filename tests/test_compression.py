"""Public pages go gzipped to clients that accept it; pages with a session never do."""

import gzip

import pytest

from .factories import ShoeFactory

pytestmark = pytest.mark.django_db

GZIP = {"accept-encoding": "gzip, deflate, br"}


@pytest.fixture
def shoe(committed):
    with committed():
        return ShoeFactory(name="Squeezed pair", slug="squeezed-pair")


@pytest.mark.parametrize("path", ["/", "/shoes/", "/shoes/squeezed-pair/", "/sitemap.xml"])
def test_public_pages_are_gzipped_for_clients_that_accept_it(client, shoe, path):
    plain = client.get(path)
    for _ in range(2):  # rendered, then from the page cache
        packed = client.get(path, headers=GZIP)
        assert packed.status_code == 200
        assert packed["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in packed["Vary"]
        assert gzip.decompress(packed.content) == plain.content
    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in plain["Vary"]


def test_each_encoding_has_its_own_etag_and_revalidates(client, shoe):
    plain = client.get("/shoes/")
    packed = client.get("/shoes/", headers=GZIP)
    assert plain["ETag"] != packed["ETag"]
    again = client.get("/shoes/", headers={**GZIP, "if-none-match": packed["ETag"]})
    assert again.status_code == 304
    stale = client.get("/shoes/", headers={**GZIP, "if-none-match": plain["ETag"]})
    assert stale.status_code == 200
    assert stale["Content-Encoding"] == "gzip"


def test_search_results_are_gzipped_though_never_stored(client, shoe):
    response = client.get("/search/", {"q": "squeezed"}, headers=GZIP)
    assert response["Content-Encoding"] == "gzip"
    assert "Squeezed pair" in gzip.decompress(response.content).decode()


def test_pages_seen_with_a_session_are_not_compressed(admin_client, shoe):
    """A signed-in page may hold secrets (a CSRF token): never compressed (BREACH)."""
    for path in ("/shoes/squeezed-pair/", "/admin/", "/admin/catalog/shoe/"):
        response = admin_client.get(path, headers=GZIP)
        assert response.status_code == 200
        assert "Content-Encoding" not in response


def test_the_admin_login_form_is_not_compressed(client):
    response = client.get("/admin/login/", headers=GZIP)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert "Content-Encoding" not in response


@pytest.mark.parametrize(
    "header",
    ["gzip;q=0", "gzip; q=0.0, deflate", "identity", "*;q=0", "br, *;q=0", "x-gzip;q=0, br"],
)
def test_a_client_that_refuses_gzip_gets_plain_pages_and_files(client, shoe, header):
    for path in ("/shoes/", "/shoes/", "/data/shoes.csv"):  # rendered, stored, a file
        response = client.get(path, headers={"accept-encoding": header})
        assert response.status_code == 200
        assert "Content-Encoding" not in response, path


@pytest.mark.parametrize("header", ["gzip", "GZIP;q=0.5", "deflate, gzip;q=1.0", "*", "x-gzip"])
def test_every_way_of_accepting_gzip_gets_it(client, shoe, header):
    response = client.get("/shoes/", headers={"accept-encoding": header})
    assert response["Content-Encoding"] == "gzip"
