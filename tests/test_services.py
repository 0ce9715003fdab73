"""
The real services CI starts: PostgreSQL (full-text search) and Redis (the page cache).

On a laptop without them these tests skip with a reason; CI sets REQUIRE_POSTGRES=1 and
points DATABASE_URL and CACHE_URL at real servers, so a skip there would be a failure.
"""

import json

import pytest
from django.conf import settings
from django.core import serializers
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.forms import SHOE_SORTS, order_for
from catalog.models import Shoe
from catalog.search import rank_postgres, scopes

from .factories import ShoeFactory
from .gates import unavailable

pytestmark = pytest.mark.django_db

SEARCH_INDEX = "catalog_shoe_search_idx"


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


@pytest.mark.postgres
def test_a_shoe_search_reads_stored_indexed_documents(postgres):
    """At 10,000 shoes, parsing every shoe's text took 0.2 to 0.4 s a search."""
    ShoeFactory.create_batch(3)
    with connection.cursor() as cursor:
        sql, params = rank_postgres(scopes()[0], "kayano").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [SEARCH_INDEX])
        (index,) = cursor.fetchone()
    assert "search_document @@" in plan
    assert "to_tsvector" not in plan  # the stored document is read, never recomputed
    assert "USING gin (search_document)" in index


@pytest.mark.postgres
@pytest.mark.parametrize("sort", SHOE_SORTS)
def test_every_sort_of_the_shoe_list_reads_an_index_in_order(postgres, sort):
    """Shoes without a date or price go last, which PostgreSQL's plain indexes cannot give
    in descending order: it sorted all 10,000 shoes for every first page (13 ms)."""
    ShoeFactory.create_batch(3)
    page = Shoe.objects.published().for_listing().order_by(*order_for(sort))[:24]
    with connection.cursor() as cursor:
        # A tiny table: make an index that gives the whole order the only way without a sort
        # (a partial one plus an incremental sort would do too, at this size).
        cursor.execute("SET enable_sort = off")
        cursor.execute("SET enable_incremental_sort = off")
        sql, params = page.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Sort" not in plan, plan


@pytest.mark.postgres
def test_an_edit_is_searchable_at_once(client, postgres):
    shoe = ShoeFactory(name="Plain pair", story="Nothing to find here.")
    shoe.story = "Now it mentions a meteorite."
    shoe.save()
    assert "Plain pair" in client.get("/search/", {"q": "meteorite"}).content.decode()


@pytest.mark.usefixtures("one_moment")
def test_pages_are_cached_in_redis(client, redis, django_assert_num_queries):
    ShoeFactory(slug="in-redis", name="Stored in Redis")
    client.get("/shoes/in-redis/")
    assert cache.keys("page:*")
    with django_assert_num_queries(0):
        assert "Stored in Redis" in client.get("/shoes/in-redis/").content.decode()


@pytest.mark.postgres
def test_backups_and_history_leave_the_search_document_to_the_database(postgres):
    ShoeFactory.create_batch(3)
    with CaptureQueriesContext(connection) as queries:
        rows = json.loads(serializers.serialize("json", Shoe.objects.all()))
    assert all("search_document" not in row["fields"] for row in rows)
    # Never loaded, not even one query per shoe for the deferred column.
    assert not [query for query in queries if "search_document" in query["sql"]]
