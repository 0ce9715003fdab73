"""Restoring an entry from its history brings back that entry and its own rows, nothing else."""

import json
import re

import pytest
from django.db import connection
from django.urls import reverse
from reversion.models import Version

from catalog.models import Collaboration, Shoe, Status

from .admin_forms import shoe_form
from .factories import (
    CitationFactory,
    CollaborationFactory,
    ShoeFactory,
    SourceFactory,
    TechnologyFactory,
)

pytestmark = pytest.mark.django_db


def opened_version(html):
    return re.search(r'name="opened_version" value="(\d+)"', html).group(1)


def save_shoe(client, shoe, **changes):
    url = reverse("admin:catalog_shoe_change", args=[shoe.pk])
    opened = opened_version(client.get(url).content.decode())
    fields = {"slug": shoe.slug, "summary": shoe.summary, **changes}
    response = client.post(url, {**shoe_form(**fields), "opened_version": opened})
    assert response.status_code == 302
    shoe.refresh_from_db()


def restore_shoe(client, shoe, version, **fields):
    """Open `version` in the history and save it, as an editor restores it."""
    url = reverse("admin:catalog_shoe_revision", args=[shoe.pk, version.pk])
    opened = opened_version(client.get(url).content.decode())
    response = client.post(url, {**shoe_form(**fields), "opened_version": opened})
    assert response.status_code == 302
    shoe.refresh_from_db()


def first_version(entry):
    return Version.objects.get_for_object(entry).order_by("pk").first()


def test_restoring_one_entry_leaves_the_others_saved_in_the_same_action(editors):
    a = ShoeFactory(slug="pair-a", summary="A as published.", status=Status.DRAFT)
    b = ShoeFactory(slug="pair-b", summary="B as published.", status=Status.DRAFT)
    editors["kim"].post(  # one bulk action: one revision holding both shoes
        reverse("admin:catalog_shoe_changelist"),
        {"action": "publish", "_selected_action": [a.pk, b.pk]},
    )
    save_shoe(editors["noor"], b, summary="Noor's rewrite of B.")
    save_shoe(editors["kim"], a, summary="Kim's mistake in A.")

    restore_shoe(editors["kim"], a, first_version(a), slug="pair-a", summary="A as published.")

    b.refresh_from_db()
    assert a.summary == "A as published."
    assert b.summary == "Noor's rewrite of B."


def test_restoring_a_collaboration_leaves_its_shoes_alone(editors):
    collaboration = CollaborationFactory(slug="kith")
    data = {
        "title": collaboration.title,
        "partner": collaboration.partner.pk,
        "kind": "collaboration",
        "summary": "First summary.",
        "story": "",
        "release_date": "2023-06-01",
        "date_precision": "month",
        "slug": "kith",
        "status": "published",
        "publish_at_0": "",
        "publish_at_1": "",
        "shoes-TOTAL_FORMS": "0",
        "shoes-INITIAL_FORMS": "0",
        "catalog-pricepoint-content_type-object_id-TOTAL_FORMS": "0",
        "catalog-pricepoint-content_type-object_id-INITIAL_FORMS": "0",
        "catalog-citation-content_type-object_id-TOTAL_FORMS": "0",
        "catalog-citation-content_type-object_id-INITIAL_FORMS": "0",
    }
    url = reverse("admin:catalog_collaboration_change", args=[collaboration.pk])

    def save(client, target_url, **changes):
        opened = opened_version(client.get(target_url).content.decode())
        response = client.post(target_url, {**data, **changes, "opened_version": opened})
        assert response.status_code == 302

    save(editors["kim"], url)
    first = first_version(collaboration)
    editors["noor"].post(
        reverse("admin:catalog_shoe_add"),
        shoe_form(slug="kith-pair", summary="Noor's words.", collaboration=collaboration.pk),
    )
    save(editors["kim"], url, summary="A mistake.")

    revision_url = reverse(
        "admin:catalog_collaboration_revision", args=[collaboration.pk, first.pk]
    )
    save(editors["kim"], revision_url)

    assert Collaboration.objects.get().summary == "First summary."
    assert Shoe.objects.get(slug="kith-pair").summary == "Noor's words."


def test_a_form_opened_before_a_restore_is_refused_after_it(editors):
    editors["kim"].post(reverse("admin:catalog_shoe_add"), shoe_form(summary="First."))
    shoe = Shoe.objects.get()
    first = first_version(shoe)
    save_shoe(editors["kim"], shoe, summary="Second.")
    url = reverse("admin:catalog_shoe_change", args=[shoe.pk])
    noor_opened = opened_version(editors["noor"].get(url).content.decode())

    restore_shoe(editors["kim"], shoe, first, summary="First.")
    response = editors["noor"].post(
        url, {**shoe_form(summary="Second.", designer="Noor"), "opened_version": noor_opened}
    )

    assert response.status_code == 200
    assert "saved this entry after you opened it" in response.content.decode()
    shoe.refresh_from_db()
    assert (shoe.summary, shoe.designer) == ("First.", "")


def test_restoring_a_version_from_before_a_rename_keeps_the_current_address(editors, client):
    editors["kim"].post(reverse("admin:catalog_shoe_add"), shoe_form(slug="old-name"))
    shoe = Shoe.objects.get()
    first = first_version(shoe)
    save_shoe(editors["kim"], shoe, slug="new-name")

    restore_shoe(editors["kim"], shoe, first, slug="old-name")

    assert client.get("/shoes/old-name/").status_code == 200
    response = client.get("/shoes/new-name/")
    assert (response.status_code, response["Location"]) == (301, "/shoes/old-name/")


def test_restoring_a_version_recorded_before_public_ids_keeps_the_public_id(editors):
    editors["kim"].post(reverse("admin:catalog_shoe_add"), shoe_form(summary="First."))
    shoe = Shoe.objects.get()
    first = first_version(shoe)
    data = json.loads(first.serialized_data)
    del data[0]["fields"]["public_id"]  # as versions recorded before migration 0012
    first.serialized_data = json.dumps(data)
    first.save()
    save_shoe(editors["kim"], shoe, summary="Second.")
    public_id = shoe.public_id

    restore_shoe(editors["kim"], shoe, first, summary="First.")

    assert shoe.summary == "First."
    assert shoe.public_id == public_id


def test_recovering_a_deleted_shoe_brings_back_its_citations(editors):
    editors["kim"].post(reverse("admin:catalog_shoe_add"), shoe_form())
    shoe = Shoe.objects.get()
    CitationFactory(entry=shoe, field="designer")
    save_shoe(editors["kim"], shoe, designer="Hidenori Yamashita")
    editors["kim"].post(reverse("admin:catalog_shoe_delete", args=[shoe.pk]), {"post": "yes"})
    deleted = Version.objects.get_deleted(Shoe).first()

    url = reverse("admin:catalog_shoe_recover", args=[deleted.pk])
    opened = opened_version(editors["kim"].get(url).content.decode())
    form = {**shoe_form(designer="Hidenori Yamashita"), "opened_version": opened}
    form["catalog-citation-content_type-object_id-TOTAL_FORMS"] = "0"
    assert editors["kim"].post(url, form).status_code == 302

    recovered = Shoe.objects.get()
    assert recovered.designer == "Hidenori Yamashita"
    assert recovered.citations.count() == 1


def test_restoring_a_version_naming_a_deleted_technology_names_what_is_left(editors):
    kept, gone = TechnologyFactory(slug="gel"), TechnologyFactory(slug="gone")
    editors["kim"].post(
        reverse("admin:catalog_shoe_add"), shoe_form(technologies=[kept.pk, gone.pk])
    )
    shoe = Shoe.objects.get()
    first = first_version(shoe)
    save_shoe(editors["kim"], shoe, technologies=[kept.pk])
    gone.delete()

    restore_shoe(editors["kim"], shoe, first, technologies=[kept.pk])

    connection.check_constraints()  # SQLite checks its foreign keys only at commit
    assert list(shoe.technologies.values_list("slug", flat=True)) == ["gel"]


def test_a_source_is_restored_too(editors):
    source = SourceFactory(title="The first title")
    url = reverse("admin:catalog_source_change", args=[source.pk])
    form = {
        "title": "The first title",
        "author": "",
        "url": "",
        "published_on": "",
        "date_precision": "year",
        "consulted_on": "",
        "note": "",
    }

    def save(target_url, **changes):
        opened = opened_version(editors["kim"].get(target_url).content.decode())
        response = editors["kim"].post(target_url, {**form, **changes, "opened_version": opened})
        assert response.status_code == 302

    save(url)
    first = first_version(source)
    save(url, title="A later title")

    save(reverse("admin:catalog_source_revision", args=[source.pk, first.pk]))

    source.refresh_from_db()
    assert source.title == "The first title"
