"""`manage.py add_synthetic_shoes`: benchmark data that is published, listed and plainly marked."""

import pytest
from django.core.management import CommandError, call_command

from catalog.models import Shoe

from .factories import CollaborationFactory, ShoeFactory

pytestmark = pytest.mark.django_db


def synthetic():
    return Shoe.objects.filter(slug__startswith="synthetic-")


def test_adds_published_shoes_that_are_marked_as_synthetic():
    call_command("add_synthetic_shoes", 50, verbosity=0)

    shoes = list(synthetic())
    assert len(shoes) == 50
    for shoe in shoes:
        assert shoe.is_public
        assert shoe.name.startswith("Synthetic test shoe ")
        assert "benchmark data" in shoe.summary
        shoe.full_clean()  # a valid palette, date, price and slug
    assert {shoe.release_date.year for shoe in shoes} == set(range(2008, 2026))
    assert {shoe.kind for shoe in shoes} == set(Shoe.Kind)
    assert {shoe.colour_family for shoe in shoes} == set(Shoe.ColourFamily)


def test_synthetic_shoes_are_listed_and_have_a_page(client):
    call_command("add_synthetic_shoes", 50, verbosity=0)

    listing = client.get("/shoes/", {"sort": "name"})
    assert listing.status_code == 200
    assert "Synthetic test shoe" in listing.text
    assert listing.context["paginator"].count == 50
    detail = client.get(synthetic().first().get_absolute_url())
    assert detail.status_code == 200
    assert "Generated benchmark data" in detail.text


def test_collaboration_releases_are_linked_round_robin():
    collaborations = CollaborationFactory.create_batch(3)

    call_command("add_synthetic_shoes", 50, verbosity=0)

    linked = synthetic().filter(kind=Shoe.Kind.COLLABORATION)
    assert linked.exists()
    assert not linked.filter(collaboration=None).exists()
    assert {shoe.collaboration for shoe in linked} == set(collaborations)


def test_a_second_run_adds_more_without_reusing_slugs():
    call_command("add_synthetic_shoes", 50, verbosity=0)
    call_command("add_synthetic_shoes", 50, verbosity=0)

    assert synthetic().count() == 100


def test_remove_deletes_only_synthetic_shoes():
    real = ShoeFactory(slug="gel-kayano-14-white")
    call_command("add_synthetic_shoes", 50, verbosity=0)

    call_command("add_synthetic_shoes", remove=True, verbosity=0)

    assert list(Shoe.objects.all()) == [real]


def test_needs_a_count_or_remove():
    with pytest.raises(CommandError):
        call_command("add_synthetic_shoes", verbosity=0)


def test_cached_list_shows_the_new_shoes_at_once(client, committed):
    ShoeFactory()
    assert "Synthetic test shoe" not in client.get("/shoes/").text

    with committed():
        call_command("add_synthetic_shoes", 50, verbosity=0)

    assert "Synthetic test shoe" in client.get("/shoes/").text
