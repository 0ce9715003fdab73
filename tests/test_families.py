"""A shoe's release family: the original, the return, its collaboration and its partner's other
releases, derived from the catalog in one query and shown on every shoe page."""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.dates import DatePrecision
from catalog.models import Collaboration, Shoe, Status

from .catalogs import BUDGET, add_shoes, build_catalog
from .factories import CollaborationFactory, PartnerFactory, ShoeFactory

pytestmark = pytest.mark.django_db


def day(year, month=1):
    return datetime.date(year, month, 1)


@pytest.fixture
def catalog():
    """An original, two 2022 releases of one partner's collaboration (the return), a later
    collaboration of the same partner, and another partner's collaboration."""
    partner = PartnerFactory(name="Studio", slug="studio")
    first = CollaborationFactory(partner=partner, title="Studio 2022", slug="studio-2022")
    second = CollaborationFactory(partner=partner, title="Studio 2025", slug="studio-2025")
    other = CollaborationFactory(title="Boutique 2023", slug="boutique-2023")
    shoes = {
        "original": ShoeFactory(
            slug="original",
            kind=Shoe.Kind.ORIGINAL,
            release_date=day(2008),
            date_precision=DatePrecision.YEAR,
        ),
        # Same year as the original: part of its run, not the return.
        "same-year": ShoeFactory(slug="same-year", release_date=day(2008, 9)),
        "studio-white": ShoeFactory(
            slug="studio-white", name="Studio white", collaboration=first, release_date=day(2022, 8)
        ),
        "studio-black": ShoeFactory(
            slug="studio-black", name="Studio black", collaboration=first, release_date=day(2022, 8)
        ),
        "boutique": ShoeFactory(slug="boutique", collaboration=other, release_date=day(2023, 6)),
        "studio-2025": ShoeFactory(
            slug="studio-2025", collaboration=second, release_date=day(2025, 6)
        ),
        "undated": ShoeFactory(slug="undated", release_date=None),
    }
    # 2009 would be the return, but it is a draft; the next scheduled for later.
    ShoeFactory(slug="draft-2009", release_date=day(2009), status=Status.DRAFT)
    ShoeFactory(
        slug="scheduled-2010",
        release_date=day(2010),
        publish_at=timezone.now() + datetime.timedelta(days=3),
    )
    ShoeFactory(slug="draft-sibling", collaboration=first, status=Status.DRAFT)
    return shoes


def slugs(family):
    return {group.key: [shoe.slug for shoe in group.shoes] for group in family}


def test_a_collaboration_release_has_all_four_groups(catalog):
    family = catalog["studio-white"].family()
    assert slugs(family) == {
        "original": ["original"],
        "return": ["studio-black"],
        "collaboration": ["studio-black"],
        "partner": ["studio-2025"],
    }
    assert family.group("collaboration").title == "Also in Studio 2022"
    assert family.group("partner").title == "More from Studio"


def test_the_return_is_the_first_public_release_dated_in_a_later_year_than_the_original(catalog):
    family = catalog["boutique"].family()
    assert slugs(family)["return"] == ["studio-black", "studio-white"]
    assert "first in a year after the original" in family.group("return").note


def test_the_original_sees_the_return_but_not_itself(catalog):
    assert slugs(catalog["original"].family()) == {"return": ["studio-black", "studio-white"]}


def test_empty_groups_are_left_out(catalog):
    family = catalog["undated"].family()
    assert [group.key for group in family] == ["original", "return"]


def test_drafts_and_scheduled_releases_are_never_family(catalog):
    everything = [slug for group in catalog["studio-black"].family() for slug in group_slugs(group)]
    assert not {"draft-2009", "scheduled-2010", "draft-sibling"} & set(everything)


def group_slugs(group):
    return [shoe.slug for shoe in group.shoes]


def test_a_shoe_is_never_in_its_own_family(catalog):
    for shoe in catalog.values():
        for group in shoe.family():
            assert shoe.slug not in group_slugs(group)


def test_a_draft_collaboration_gives_no_siblings_and_no_partner(catalog):
    collaboration = catalog["studio-white"].collaboration
    collaboration.status = Status.DRAFT
    collaboration.save()
    shoe = Shoe.objects.get(slug="studio-white")
    assert set(slugs(shoe.family())) == {"original", "return"}


def test_a_private_partner_is_not_named(catalog):
    partner = catalog["studio-white"].collaboration.partner
    partner.status = Status.DRAFT
    partner.save()
    shoe = Shoe.objects.get(slug="studio-white")
    assert "partner" not in slugs(shoe.family())


def test_a_partners_draft_collaboration_is_not_among_its_releases(catalog):
    later = catalog["studio-2025"].collaboration
    later.status = Status.DRAFT
    later.save()
    assert "partner" not in slugs(Shoe.objects.get(slug="studio-white").family())


def test_groups_are_bounded_and_link_to_the_whole_list(catalog):
    collaboration = catalog["studio-white"].collaboration
    for n in range(12):
        ShoeFactory(slug=f"pack-{n:02}", collaboration=collaboration, release_date=day(2022, 8))
    family = catalog["studio-white"].family(size=8)
    group = family.group("collaboration")
    assert len(group.shoes) == 8
    assert group.more_url == collaboration.get_absolute_url()
    assert family.group("partner").more_url == ""  # one release: nothing more to see


def test_a_group_of_exactly_its_size_has_no_more_link(catalog):
    collaboration = catalog["studio-white"].collaboration
    for n in range(6):  # with studio-black, 7 others: exactly the group's size
        ShoeFactory(slug=f"pack-{n}", collaboration=collaboration, release_date=day(2022, 8))
    group = catalog["studio-white"].family(size=7).group("collaboration")
    assert len(group.shoes) == 7
    assert group.more_url == ""


def test_groups_list_the_newest_first_and_undated_last(catalog):
    partner_collaboration = catalog["studio-2025"].collaboration
    ShoeFactory(slug="studio-undated", collaboration=partner_collaboration, release_date=None)
    ShoeFactory(slug="studio-2024", collaboration=partner_collaboration, release_date=day(2024))
    group = Shoe.objects.get(slug="studio-white").family().group("partner")
    assert group_slugs(group) == ["studio-2025", "studio-2024", "studio-undated"]


def test_the_family_takes_one_query(catalog, django_assert_num_queries):
    shoe = Shoe.objects.for_detail().get(slug="studio-white")
    with django_assert_num_queries(1):
        shoe.family()


def test_without_an_original_there_is_no_return():
    ShoeFactory(slug="a", release_date=day(2022))
    shoe = ShoeFactory(slug="b", release_date=day(2023))
    assert shoe.family().groups == ()


def test_the_seed_family_of_a_kith_release():
    """The seed has no release for the 2020 revival: the return is the first release dated
    after 2008, JJJJound's of August 2022."""
    call_command("load_seed", verbosity=0)
    family = Shoe.objects.get(slug="kith-gel-kayano-14-cream-antler").family()
    assert slugs(family) == {
        "original": ["gel-kayano-14-2008-original"],
        "return": [
            "jjjjound-gel-kayano-14-2022-black-detailing",
            "jjjjound-gel-kayano-14-2022-white-detailing",
        ],
        "collaboration": ["kith-gel-kayano-14-cream-scarab"],
    }


def test_the_shoe_page_shows_its_family(client, catalog):
    html = client.get("/shoes/studio-white/").content.decode()
    assert 'id="family-title">Release family</h2>' in html
    for heading in (
        "The original",
        "Next dated in the archive",
        "Also in Studio 2022",
        "More from Studio",
    ):
        assert heading in html
    assert 'href="/shoes/studio-2025/"' in html
    assert 'href="/compare/?shoes=studio-white,studio-black"' in html


def test_a_shoe_without_relatives_has_no_family_section(client):
    ShoeFactory(slug="alone")
    assert "Release family" not in client.get("/shoes/alone/").content.decode()


@pytest.mark.parametrize("size", [10, 1000])
def test_the_shoe_page_runs_the_same_queries_from_10_to_1000_shoes(client, size):
    """The family adds one query to the shoe page: 7 before, 8 now, the whole budget."""
    build_catalog(10)
    original = ShoeFactory(slug="the-original", kind=Shoe.Kind.ORIGINAL, release_date=day(2008))
    if size > 10:
        add_shoes(size - 10, list(Collaboration.objects.all()), [], start=10)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/shoes/shoe-5/")
    assert response.status_code == 200
    assert len(queries) == BUDGET == 8
    assert original.get_absolute_url() in response.content.decode()


def test_the_family_shown_follows_the_catalog(client, admin_client, catalog, committed):
    """The family is kept with the catalog's version: a new release shows at once, to
    visitors and to editors (who are never served from the page cache)."""
    for someone in (client, admin_client):
        assert "/shoes/studio-new/" not in someone.get("/shoes/studio-white/").content.decode()
    with committed():
        ShoeFactory(  # undated: never the next release, only family
            slug="studio-new",
            collaboration=catalog["studio-white"].collaboration,
            release_date=None,
        )
    for someone in (client, admin_client):
        assert "/shoes/studio-new/" in someone.get("/shoes/studio-white/").content.decode()
