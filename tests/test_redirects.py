"""A renamed entry keeps its old address: 301 to the new one, chains collapsed."""

import pytest
from django.db import OperationalError
from django.urls import reverse

from catalog.models import Redirect, Shoe, Status

from .admin_forms import shoe_form
from .factories import CollaborationFactory, PartnerFactory, ShoeFactory, TrendNoteFactory

pytestmark = pytest.mark.django_db


def rename(entry, slug):
    entry.slug = slug
    entry.save()


def test_renaming_in_the_admin_leaves_the_old_address_answering_301(admin_client, client):
    admin_client.post(reverse("admin:catalog_shoe_add"), shoe_form(slug="first-name"))
    shoe = Shoe.objects.get(slug="first-name")
    change = reverse("admin:catalog_shoe_change", args=[shoe.pk])
    assert admin_client.post(change, shoe_form(slug="second-name")).status_code == 302

    response = client.get("/shoes/first-name/")
    assert response.status_code == 301
    assert response["Location"] == "/shoes/second-name/"
    assert client.get("/shoes/second-name/").status_code == 200


@pytest.mark.parametrize(
    ("factory", "section"),
    [
        (ShoeFactory, "shoes"),
        (CollaborationFactory, "collaborations"),
        (TrendNoteFactory, "trends"),
    ],
)
def test_every_kind_of_page_keeps_its_old_address(client, factory, section):
    entry = factory(slug="old")
    rename(entry, "new")
    response = client.get(f"/{section}/old/?page=2")
    assert response.status_code == 301
    assert response["Location"] == f"/{section}/new/?page=2"


def test_chains_collapse_to_the_current_address(client):
    shoe = ShoeFactory(slug="one")
    rename(shoe, "two")
    rename(shoe, "three")
    assert client.get("/shoes/one/")["Location"] == "/shoes/three/"
    assert client.get("/shoes/two/")["Location"] == "/shoes/three/"


def test_renaming_back_makes_the_first_address_live_again(client):
    shoe = ShoeFactory(slug="one")
    rename(shoe, "two")
    rename(shoe, "one")
    assert client.get("/shoes/one/").status_code == 200
    assert client.get("/shoes/two/")["Location"] == "/shoes/one/"


def test_a_draft_that_was_never_public_leaves_no_redirect(client):
    shoe = ShoeFactory(slug="draft-name", status=Status.DRAFT)
    rename(shoe, "final-name")
    assert not Redirect.objects.exists()
    assert client.get("/shoes/draft-name/").status_code == 404


@pytest.mark.parametrize(
    ("factory", "section"),
    [
        (ShoeFactory, "shoes"),
        (CollaborationFactory, "collaborations"),
        (PartnerFactory, "partners"),
        (TrendNoteFactory, "trends"),
    ],
)
def test_an_entry_renamed_then_unpublished_does_not_give_its_new_slug_away(
    client, factory, section
):
    """The old address stays a 404 while the entry is a draft, and redirects again once it
    is published."""
    entry = factory(slug="public-name")
    entry.slug, entry.status = "embargoed-name", Status.DRAFT
    entry.save()

    response = client.get(f"/{section}/public-name/")
    assert response.status_code == 404
    assert "embargoed-name" not in response.content.decode()

    entry.status = Status.PUBLISHED
    entry.save()
    assert client.get(f"/{section}/public-name/")["Location"] == f"/{section}/embargoed-name/"


def test_sitemaps_list_only_current_addresses(client):
    shoe = ShoeFactory(slug="one")
    rename(shoe, "two")
    sitemap = client.get("/sitemap-shoes.xml").content.decode()
    assert "/shoes/two/" in sitemap
    assert "/shoes/one/" not in sitemap


def test_editors_see_and_remove_redirects(admin_client, client):
    shoe = ShoeFactory(slug="one")
    rename(shoe, "two")
    listing = admin_client.get(reverse("admin:catalog_redirect_changelist")).content.decode()
    assert "/shoes/one/" in listing
    redirect = Redirect.objects.get()
    admin_client.post(reverse("admin:catalog_redirect_delete", args=[redirect.pk]), {"post": "yes"})
    assert client.get("/shoes/one/").status_code == 404


def test_a_404_stays_a_404_when_the_database_cannot_be_asked(client, monkeypatch):
    def unavailable(*args, **kwargs):
        raise OperationalError("database down")

    monkeypatch.setattr(Redirect.objects, "filter", unavailable)
    assert client.get("/no-such-page/").status_code == 404
