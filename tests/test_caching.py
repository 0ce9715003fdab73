"""Public pages are cached, answer conditional GETs, and change as soon as an editor saves."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from .factories import ShoeFactory, TrendNoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shoe():
    return ShoeFactory(name="Cached pair", slug="cached-pair", summary="First words.")


def test_a_repeat_visit_is_served_from_the_cache(client, shoe, django_assert_num_queries):
    client.get("/shoes/cached-pair/")
    with django_assert_num_queries(1):  # only the catalog's version
        response = client.get("/shoes/cached-pair/")
    assert "First words." in response.content.decode()


def test_pages_carry_validators(client, shoe):
    response = client.get("/shoes/cached-pair/")
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")
    assert "must-revalidate" in response["Cache-Control"]


def test_repeat_visit_with_etag_gets_304(client, shoe):
    first = client.get("/shoes/")
    again = client.get("/shoes/", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_repeat_visit_with_last_modified_gets_304(client, shoe):
    first = client.get("/")
    again = client.get("/", headers={"if-modified-since": first["Last-Modified"]})
    assert again.status_code == 304


def test_an_editors_save_shows_at_once(client, admin_client, shoe):
    before = client.get("/shoes/cached-pair/")
    shoe.summary = "Edited words."
    shoe.save()
    after = client.get("/shoes/cached-pair/")
    assert "Edited words." in after.content.decode()
    assert after["ETag"] != before["ETag"]
    stale = client.get("/shoes/cached-pair/", headers={"if-none-match": before["ETag"]})
    assert stale.status_code == 200


def test_a_deletion_shows_at_once(client, shoe):
    assert "Cached pair" in client.get("/shoes/").content.decode()
    shoe.delete()
    assert "Cached pair" not in client.get("/shoes/").content.decode()
    assert client.get("/shoes/cached-pair/").status_code == 404


def test_a_change_to_related_entries_shows_at_once(client, shoe):
    note = TrendNoteFactory(title="Chrome again")
    assert "Chrome again" not in client.get("/shoes/cached-pair/").content.decode()
    note.shoes.add(shoe)
    assert "Chrome again" in client.get("/shoes/cached-pair/").content.decode()


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


def test_a_scheduled_entry_appears_when_its_time_comes(client):
    soon = timezone.now() + datetime.timedelta(seconds=1)
    ShoeFactory(name="Coming soon", slug="coming-soon", publish_at=soon)
    assert "Coming soon" not in client.get("/shoes/").content.decode()
    time.sleep(1.2)
    assert "Coming soon" in client.get("/shoes/").content.decode()
    assert client.get("/shoes/coming-soon/").status_code == 200


def test_a_cached_page_keeps_every_security_header(client, shoe):
    first = client.get("/shoes/cached-pair/")
    again = client.get("/shoes/cached-pair/")
    for header in ["Content-Security-Policy", "X-Frame-Options", "Permissions-Policy"]:
        assert again[header] == first[header]
    assert again["X-Content-Type-Options"] == "nosniff"
    assert again["X-Request-ID"] != first["X-Request-ID"]


def test_a_visitor_with_a_session_is_never_served_another_visitors_page(client, shoe):
    client.get("/shoes/cached-pair/")
    client.cookies["sessionid"] = "not-a-real-session"
    response = client.get("/shoes/cached-pair/")
    assert response.status_code == 200
    assert "ETag" not in response
