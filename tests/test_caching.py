"""
Public pages are cached, answer conditional GETs, change as soon as an editor's change is
committed, and no client can grow the cache or choose the URLs a cached page shows.
"""

import datetime
import re

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalog.models import ContentVersion, Shoe, Status

from .factories import ShoeFactory, TrendNoteFactory

pytestmark = pytest.mark.django_db


def page_cache_keys():
    """The cached pages, as the local-memory or Redis cache holds them (each page is kept
    twice, plain and gzipped, under one name)."""
    if hasattr(cache, "keys"):  # django-redis
        keys = cache.keys("page:*")
    else:
        keys = [key for key in cache._cache if ":page:" in key]
    return sorted({key.rpartition(":")[0] for key in keys})


@pytest.fixture
def shoe(committed):
    with committed():
        return ShoeFactory(name="Cached pair", slug="cached-pair", summary="First words.")


@pytest.mark.usefixtures("one_moment")
def test_a_repeat_visit_is_served_from_the_cache(client, shoe, django_assert_num_queries):
    client.get("/shoes/cached-pair/")
    with django_assert_num_queries(0):  # the version read a moment ago is trusted
        response = client.get("/shoes/cached-pair/")
    assert "First words." in response.content.decode()


def test_pages_carry_validators_and_let_shared_caches_ride_out_an_outage(client, shoe):
    response = client.get("/shoes/cached-pair/")
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=1", "stale-if-error=86400"} <= directives
    assert "stale-while-revalidate=30" in directives
    assert "must-revalidate" not in directives  # it would forbid serving stale on error


def test_repeat_visit_with_etag_gets_304(client, shoe):
    first = client.get("/shoes/")
    again = client.get("/shoes/", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_repeat_visit_with_last_modified_gets_304(client, shoe):
    first = client.get("/")
    again = client.get("/", headers={"if-modified-since": first["Last-Modified"]})
    assert again.status_code == 304


def test_an_editors_save_shows_at_once(client, shoe, committed):
    before = client.get("/shoes/cached-pair/")
    shoe.summary = "Edited words."
    with committed():
        shoe.save()
    after = client.get("/shoes/cached-pair/")
    assert "Edited words." in after.content.decode()
    assert after["ETag"] != before["ETag"]
    stale = client.get("/shoes/cached-pair/", headers={"if-none-match": before["ETag"]})
    assert stale.status_code == 200


def test_a_deletion_shows_at_once(client, shoe, committed):
    assert "Cached pair" in client.get("/shoes/").content.decode()
    with committed():
        shoe.delete()
    assert "Cached pair" not in client.get("/shoes/").content.decode()
    assert client.get("/shoes/cached-pair/").status_code == 404


def test_a_change_to_related_entries_shows_at_once(client, shoe, committed):
    with committed():
        note = TrendNoteFactory(title="Chrome again")
    assert "Chrome again" not in client.get("/shoes/cached-pair/").content.decode()
    with committed():
        note.shoes.add(shoe)
    assert "Chrome again" in client.get("/shoes/cached-pair/").content.decode()


def test_a_rolled_back_save_leaves_cached_pages_as_they_were(client, shoe):
    before = client.get("/shoes/cached-pair/")
    with pytest.raises(RuntimeError), transaction.atomic():
        Shoe.objects.filter(pk=shoe.pk).update(summary="Never committed.")
        shoe.save()
        raise RuntimeError("the save fails after the row was written")
    again = client.get("/shoes/cached-pair/", headers={"if-none-match": before["ETag"]})
    assert again.status_code == 304


def test_a_bulk_publish_is_one_change_to_the_catalog(admin_client, committed):
    drafts = ShoeFactory.create_batch(5, status=Status.DRAFT)
    with CaptureQueriesContext(connection) as queries, committed():
        admin_client.post(
            reverse("admin:catalog_shoe_changelist"),
            {"action": "publish", "_selected_action": [shoe.pk for shoe in drafts]},
        )
    table = ContentVersion._meta.db_table
    bumps = [q for q in queries if q["sql"].startswith(f'UPDATE "{table}"')]
    assert len(bumps) == 1


def test_logged_in_editors_bypass_the_cache(admin_client, shoe):
    admin_client.get("/shoes/cached-pair/")
    response = admin_client.get("/shoes/cached-pair/")
    assert "ETag" not in response


def test_filtered_lists_are_cached_separately(client):
    ShoeFactory(name="Old pair", kind="original")
    ShoeFactory(name="New pair", kind="general")
    assert "New pair" not in client.get("/shoes/?kind=original").content.decode()
    assert "New pair" in client.get("/shoes/?kind=general").content.decode()


def test_not_found_pages_are_not_cached(client):
    assert client.get("/shoes/later/").status_code == 404
    ShoeFactory(slug="later")
    assert client.get(reverse("catalog:shoe-detail", args=["later"])).status_code == 200


def test_a_scheduled_entry_appears_when_its_time_comes(client, committed):
    with time_machine.travel("2026-06-01 12:00Z", tick=False) as traveller:
        with committed():
            ShoeFactory(
                name="Coming soon",
                slug="coming-soon",
                publish_at=timezone.now() + datetime.timedelta(minutes=5),
            )
        assert "Coming soon" not in client.get("/shoes/").content.decode()
        traveller.shift(datetime.timedelta(minutes=5))
        assert "Coming soon" in client.get("/shoes/").content.decode()
        assert client.get("/shoes/coming-soon/").status_code == 200


def test_a_cached_page_keeps_every_security_header(client, shoe):
    first = client.get("/shoes/cached-pair/")
    again = client.get("/shoes/cached-pair/")
    for header in ["Content-Security-Policy", "X-Frame-Options", "Permissions-Policy"]:
        assert again[header] == first[header]
    assert again["X-Content-Type-Options"] == "nosniff"
    assert again["X-Request-ID"] != first["X-Request-ID"]


def test_no_nonce_is_shared_through_cached_pages(client, shoe):
    html = client.get("/shoes/cached-pair/").content.decode()
    policy = client.get("/shoes/cached-pair/")["Content-Security-Policy"]
    assert "nonce" not in html
    assert "nonce-" not in policy
    assert "script-src 'self'" in policy


def test_a_visitor_with_a_session_is_never_served_another_visitors_page(client, shoe):
    client.get("/shoes/cached-pair/")
    client.cookies["sessionid"] = "not-a-real-session"
    response = client.get("/shoes/cached-pair/")
    assert response.status_code == 200
    assert "ETag" not in response


# A bounded cache: only the parameters a page reads, and only canonical requests, are stored.


def test_junk_query_strings_share_one_cached_page(client, shoe):
    for n in range(50):
        assert client.get(f"/?utm_source=mail&n={n}&x{n}=1").status_code == 200
        assert client.get(f"/shoes/cached-pair/?ref={n}").status_code == 200
    assert len(page_cache_keys()) == 2


def test_junk_parameters_do_not_change_the_page(client):
    ShoeFactory.create_batch(13)
    html = client.get("/shoes/?utm_source=mail&kind=general").content.decode()
    assert "utm_source" not in html
    assert 'href="?kind=general&amp;page=2"' in html


@pytest.mark.parametrize(
    "query",
    [
        "kind=no-such-kind",
        "year=not-a-year",
        "sort=sideways",
        "page=0042",
        "page=999",
        "page=abc",
    ],
)
def test_invalid_or_non_canonical_values_are_answered_but_not_stored(client, shoe, query):
    assert client.get(f"/shoes/?{query}").status_code == 200
    assert page_cache_keys() == []


def test_search_results_are_answered_but_never_stored(client, shoe):
    for word in ["cached", "pair", "kayano", "words"]:
        assert client.get("/search/", {"q": word}).status_code == 200
    assert page_cache_keys() == []


def test_sitemap_pages_are_stored_only_when_spelt_plainly(client, shoe):
    assert client.get("/sitemap-shoes.xml?p=01").status_code == 200
    assert page_cache_keys() == []
    assert client.get("/sitemap-shoes.xml?p=1").status_code == 200
    assert len(page_cache_keys()) == 1


def test_health_check_and_robots_never_touch_the_page_cache(client):
    client.get("/healthz")
    client.get("/robots.txt")
    assert page_cache_keys() == []


# One site address: absolute URLs come from SITE_URL, never from the request.

HOSTILE = {"HTTP_HOST": "testserver:8443", "wsgi.url_scheme": "https"}


def absolute_urls(text):
    return set(re.findall(r"https?://[^\s\"'<>]+", text))


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/shoes/cached-pair/",
        "/feeds/trends/",
        "/sitemap.xml",
        "/sitemap-shoes.xml",
        "/sitemap-pages.xml",
        "/robots.txt",
    ],
)
def test_another_port_or_scheme_cannot_change_an_absolute_url(client, shoe, path):
    TrendNoteFactory(slug="chrome")
    poisoned = client.get(path, **HOSTILE)
    served_later = client.get(path)
    for response in (poisoned, served_later):
        ours = {url for url in absolute_urls(response.content.decode()) if "testserver" in url}
        assert ours, f"{path} shows no absolute URL of ours"
        assert all(url.startswith("http://testserver/") for url in ours), ours


def test_only_the_site_address_is_stored_however_many_ports_a_client_names(client, shoe):
    for port in range(8000, 8050):
        response = client.get("/shoes/cached-pair/", HTTP_HOST=f"testserver:{port}")
        assert response.status_code == 200
    assert page_cache_keys() == []
    client.get("/shoes/cached-pair/")
    assert len(page_cache_keys()) == 1


def test_a_repeated_parameter_counts_once(client, shoe):
    for times in range(1, 20):
        assert client.get("/shoes/?" + "&".join(["kind=general"] * times)).status_code == 200
    assert len(page_cache_keys()) == 1


# Release-aware caching: a deploy shows at once.


def test_a_new_release_changes_the_etag_and_the_cached_page(client, shoe, settings):
    settings.RELEASE = "2026.11.1"
    old = client.get("/shoes/cached-pair/")
    settings.RELEASE = "2026.11.2"
    new = client.get("/shoes/cached-pair/", headers={"if-none-match": old["ETag"]})
    assert new.status_code == 200
    assert new["ETag"] != old["ETag"]
    assert len(page_cache_keys()) == 2


def test_a_change_made_by_another_process_shows_within_half_a_second(client, shoe):
    with time_machine.travel("2026-06-01 12:00Z", tick=False) as traveller:
        assert "Cached pair" in client.get("/shoes/cached-pair/").content.decode()
        # Another worker saves, and records the change: nothing in this process hears of it.
        Shoe.objects.filter(pk=shoe.pk).update(name="Renamed elsewhere")
        ContentVersion.objects.filter(pk=1).update(changed_us=F("changed_us") + 1)
        traveller.shift(datetime.timedelta(seconds=0.3))
        assert "Cached pair" in client.get("/shoes/cached-pair/").content.decode()
        traveller.shift(datetime.timedelta(seconds=0.3))
        assert "Renamed elsewhere" in client.get("/shoes/cached-pair/").content.decode()
