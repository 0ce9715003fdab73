"""
The real services CI starts: PostgreSQL (full-text search) and Redis (the page cache).

On a laptop without them these tests skip with a reason; CI sets REQUIRE_POSTGRES=1 and
points DATABASE_URL and CACHE_URL at real servers, so a skip there would be a failure.
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from .factories import ShoeFactory
from .gates import unavailable

pytestmark = pytest.mark.django_db


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        unavailable(
            "postgres", f"needs PostgreSQL (DATABASE_URL=postgres://…), not {connection.vendor}"
        )


@pytest.fixture
def redis():
    backend = settings.CACHES["default"]["BACKEND"]
    if not backend.endswith("RedisCache"):
        unavailable("redis", f"needs Redis (CACHE_URL=redis://…), not {backend}")


@pytest.mark.postgres
def test_full_text_search_matches_word_forms(client, postgres):
    ShoeFactory(name="Track pair", story="Built for serious running over long distances.")
    html = client.get("/search/", {"q": "runs"}).content.decode()
    assert "Track pair" in html  # "runs" and "running" share the stem "run"


@pytest.mark.postgres
def test_full_text_search_understands_exclusions(client, postgres):
    ShoeFactory(name="Kith Gel-Kayano 14", summary="A Kith release.")
    ShoeFactory(name="JJJJound Gel-Kayano 14", summary="A JJJJound release.")
    html = client.get("/search/", {"q": "kayano -kith"}).content.decode()
    assert "JJJJound Gel-Kayano 14" in html
    assert "Kith Gel-Kayano 14" not in html


@pytest.mark.postgres
def test_full_text_search_splits_colorways(client, postgres):
    ShoeFactory(name="Kith pair", colorway="Cream/Scarab")
    assert "Kith pair" in client.get("/search/", {"q": "scarab"}).content.decode()


def test_pages_are_cached_in_redis(client, redis, django_assert_num_queries):
    ShoeFactory(slug="in-redis", name="Stored in Redis")
    client.get("/shoes/in-redis/")
    assert cache.keys("page:*")
    with django_assert_num_queries(1):
        assert "Stored in Redis" in client.get("/shoes/in-redis/").content.decode()
