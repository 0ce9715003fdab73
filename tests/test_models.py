"""The content model's rules: validation messages, database constraints, published()."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from catalog.dates import DatePrecision, format_partial_date
from catalog.models import (
    Collaboration,
    Milestone,
    PricePoint,
    Shoe,
    Status,
    TrendNote,
    parse_palette,
)

from .factories import (
    CollaborationFactory,
    MilestoneFactory,
    PartnerFactory,
    PricePointFactory,
    ShoeFactory,
    TrendNoteFactory,
    image_file,
)
from .migrations import migrate_to, migrate_to_latest

pytestmark = pytest.mark.django_db


def errors_of(instance):
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


def test_negative_price_is_rejected_with_a_message():
    point = PricePointFactory.build(release=ShoeFactory(), amount=Decimal("-1"))
    assert errors_of(point)["amount"] == ["A price cannot be negative."]


def test_negative_price_is_refused_by_the_database():
    shoe = ShoeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Shoe.objects.filter(pk=shoe.pk).update(retail_price=Decimal("-5"))


def test_a_negative_price_point_is_refused_by_the_database():
    point = PricePointFactory(release=CollaborationFactory(), amount=700)
    with pytest.raises(IntegrityError), transaction.atomic():
        PricePoint.objects.filter(pk=point.pk).update(amount=-700)


def test_date_before_1993_is_rejected():
    shoe = ShoeFactory.build(release_date=datetime.date(1980, 5, 1))
    assert "1993" in errors_of(shoe)["release_date"][0]


def test_date_before_1993_is_refused_by_the_database():
    milestone = MilestoneFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.filter(pk=milestone.pk).update(date=datetime.date(1990, 1, 1))


def test_date_more_than_two_years_ahead_is_rejected():
    far = timezone.localdate() + datetime.timedelta(days=3 * 365)
    shoe = ShoeFactory.build(release_date=far)
    assert "two years" in errors_of(shoe)["release_date"][0]


def test_date_a_year_ahead_is_accepted():
    soon = timezone.localdate() + datetime.timedelta(days=365)
    ShoeFactory.build(release_date=soon, slug="announced").full_clean()


@pytest.mark.parametrize(
    ("precision", "stored", "shown"),
    [
        (DatePrecision.DAY, datetime.date(2023, 6, 14), "14 June 2023"),
        (DatePrecision.MONTH, datetime.date(2023, 6, 1), "June 2023"),
        (DatePrecision.YEAR, datetime.date(2023, 1, 1), "2023"),
    ],
)
def test_date_is_stored_and_shown_at_its_precision(precision, stored, shown):
    shoe = ShoeFactory(release_date=datetime.date(2023, 6, 14), date_precision=precision)
    shoe.refresh_from_db()
    assert shoe.release_date == stored
    assert shoe.date_display == shown


def test_unknown_date_is_shown_as_nothing():
    assert format_partial_date(None, DatePrecision.DAY) == ""


def test_style_code_must_be_unique_when_set():
    ShoeFactory(style_code="1201A019-107")
    duplicate = ShoeFactory.build(style_code="1201A019-107", slug="another")
    assert errors_of(duplicate)["style_code"] == ["Another shoe already has this style code."]


def test_style_code_uniqueness_is_enforced_by_the_database():
    ShoeFactory(style_code="ABC-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        ShoeFactory(style_code="ABC-1")


def test_many_shoes_may_have_no_style_code():
    ShoeFactory(style_code="")
    ShoeFactory(style_code="")
    assert Shoe.objects.filter(style_code="").count() == 2


def test_slugs_are_unique():
    ShoeFactory(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        ShoeFactory(slug="same")


@pytest.mark.parametrize(
    ("palette", "valid"),
    [
        ("#ffffff, #000000", True),
        ("#ffffff, #000000, #c0c0c0, #123abc", True),
        ("#ffffff", False),
        ("#ffffff, #000000, #c0c0c0, #123abc, #999999", False),
        ("#fff, #000000", False),
        ("white, black", False),
    ],
)
def test_palette_takes_two_to_four_hex_colours(palette, valid):
    shoe = ShoeFactory.build(palette=palette)
    if valid:
        shoe.full_clean()
    else:
        assert "palette" in errors_of(shoe)


def test_picture_needs_alt_text():
    shoe = ShoeFactory.build(picture=image_file(), picture_alt="")
    assert errors_of(shoe)["picture_alt"] == [
        "A picture needs alt text for visitors who cannot see it."
    ]


def test_published_excludes_drafts_and_scheduled_entries():
    visible = ShoeFactory()
    ShoeFactory(status=Status.DRAFT)
    ShoeFactory(publish_at=timezone.now() + datetime.timedelta(days=1))
    past = ShoeFactory(publish_at=timezone.now() - datetime.timedelta(days=1))
    assert set(Shoe.objects.published()) == {visible, past}


@pytest.mark.parametrize(
    "factory", [ShoeFactory, CollaborationFactory, PartnerFactory, TrendNoteFactory]
)
def test_every_public_model_has_a_published_queryset(factory):
    factory(status=Status.DRAFT)
    public = factory()
    assert list(type(public).objects.published()) == [public]


def test_reading_time_is_derived_from_the_body():
    note = TrendNoteFactory(body="word " * 450)
    assert note.reading_minutes == 3
    assert TrendNoteFactory(body="short").reading_minutes == 1


def test_string_forms_name_the_entry():
    shoe = ShoeFactory(name="Gel-Kayano 14", colorway="Cream/Antler")
    milestone = MilestoneFactory(title="The line begins", date=datetime.date(1993, 1, 1))
    assert str(shoe) == "Gel-Kayano 14 (Cream/Antler)"
    assert str(milestone) == "1993: The line begins"


def test_absolute_urls_follow_the_url_map():
    assert ShoeFactory(slug="og").get_absolute_url() == "/shoes/og/"
    assert CollaborationFactory(slug="jj").get_absolute_url() == "/collaborations/jj/"
    assert PartnerFactory(slug="kith").get_absolute_url() == "/partners/kith/"
    assert TrendNoteFactory(slug="y2k").get_absolute_url() == "/trends/y2k/"
    assert MilestoneFactory(slug="launch").get_absolute_url() == "/timeline/#launch"


def test_deleting_a_collaboration_keeps_its_shoes():
    collaboration = CollaborationFactory()
    shoe = ShoeFactory(collaboration=collaboration)
    collaboration.delete()
    shoe.refresh_from_db()
    assert shoe.collaboration is None


def test_models_order_as_a_reader_expects():
    """Releases and trend notes newest first; milestones in the order they happened."""
    day = datetime.date
    older, newer = (ShoeFactory(release_date=day(year, 1, 1)) for year in (2008, 2025))
    assert list(Shoe.objects.all()) == [newer, older]
    first, later = (CollaborationFactory(release_date=day(year, 1, 1)) for year in (2022, 2023))
    assert list(Collaboration.objects.all()) == [later, first]
    note_1, note_2 = (TrendNoteFactory(published_on=day(2026, month, 1)) for month in (1, 2))
    assert list(TrendNote.objects.all()) == [note_2, note_1]
    step_2, step_1 = (MilestoneFactory(date=day(year, 1, 1)) for year in (2020, 1993))
    assert list(Milestone.objects.all()) == [step_1, step_2]


def test_a_shoe_names_its_partner_only_through_a_public_collaboration_of_a_public_partner():
    partner = PartnerFactory()
    assert ShoeFactory(collaboration=None).public_partner is None
    assert (
        ShoeFactory(collaboration=CollaborationFactory(partner=partner)).public_partner == partner
    )
    draft = CollaborationFactory(partner=partner, status=Status.DRAFT)
    assert ShoeFactory(collaboration=draft).public_partner is None
    later = timezone.now() + datetime.timedelta(days=1)
    scheduled = CollaborationFactory(partner=partner, publish_at=later)
    assert ShoeFactory(collaboration=scheduled).public_partner is None
    private = CollaborationFactory(partner=PartnerFactory(status=Status.DRAFT))
    assert ShoeFactory(collaboration=private).public_partner is None


def test_a_shoe_has_a_public_collaboration_only_when_visitors_may_see_it():
    collaboration = CollaborationFactory()
    assert ShoeFactory(collaboration=collaboration).public_collaboration == collaboration
    draft = CollaborationFactory(status=Status.DRAFT)
    assert ShoeFactory(collaboration=draft).public_collaboration is None
    assert ShoeFactory(collaboration=None).public_collaboration is None


def test_a_collaboration_names_its_partner_only_when_the_partner_is_public():
    partner = PartnerFactory()
    assert CollaborationFactory(partner=partner).public_partner == partner
    draft = PartnerFactory(status=Status.DRAFT)
    assert CollaborationFactory(partner=draft).public_partner is None


def test_an_influence_is_told_from_a_collaboration():
    assert CollaborationFactory(kind=Collaboration.Kind.INFLUENCE).is_influence
    assert not CollaborationFactory(kind=Collaboration.Kind.COLLABORATION).is_influence


@pytest.mark.django_db(transaction=True)
def test_the_migration_stops_calling_collaborations_official_in_data_and_history():
    """The stored kind is published as is (API, downloads), and a restore brings back what
    the history recorded: both say "collaboration" after the migration."""
    old = migrate_to("catalog", "0023_collaboration_label")
    partner = old.get_model("catalog", "Partner").objects.create(name="Kith", slug="kith")
    collaboration = old.get_model("catalog", "Collaboration").objects.create(
        partner=partner, title="Kith 2023", slug="kith-2023", summary="A pack.", kind="official"
    )
    content_type = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="catalog", model="collaboration"
    )[0]
    revision = old.get_model("reversion", "Revision").objects.create(date_created=timezone.now())
    old.get_model("reversion", "Version").objects.create(
        revision=revision,
        object_id=str(collaboration.pk),
        content_type=content_type,
        db="default",
        format="json",
        serialized_data='[{"model": "catalog.collaboration", "fields": {"kind": "official"}}]',
        object_repr="Kith 2023",
    )

    new = migrate_to("catalog", "0024_collaboration_kind_value")
    assert new.get_model("catalog", "Collaboration").objects.get().kind == "collaboration"
    recorded = new.get_model("reversion", "Version").objects.get().serialized_data
    assert '"kind": "collaboration"' in recorded
    migrate_to_latest()


def test_neighbours_are_the_published_dated_releases_either_side(django_assert_num_queries):
    def release(name, year, **kwargs):
        return ShoeFactory(name=name, release_date=datetime.date(year, 1, 1), **kwargs)

    first, middle, last = release("A", 2008), release("B", 2015), release("C", 2023)
    release("Draft between", 2012, status=Status.DRAFT)
    ShoeFactory(name="Undated", release_date=None)
    with django_assert_num_queries(1):
        assert middle.neighbours() == (first, last)
    assert first.neighbours() == (None, middle)
    assert last.neighbours() == (middle, None)


def test_neighbours_on_the_same_day_follow_name_then_id():
    day = datetime.date(2022, 8, 1)
    kith, asics, twin_a, twin_b = (
        ShoeFactory(name=name, release_date=day) for name in ("Kith", "Asics", "Twin", "Twin")
    )
    assert kith.neighbours() == (asics, twin_a)
    assert twin_a.neighbours() == (kith, twin_b)
    assert twin_b.neighbours() == (twin_a, None)


def test_an_undated_shoe_has_no_neighbours(django_assert_num_queries):
    ShoeFactory(release_date=datetime.date(2020, 1, 1))
    undated = ShoeFactory(release_date=None)
    with django_assert_num_queries(0):
        assert undated.neighbours() == (None, None)


@pytest.mark.parametrize(
    ("palette", "colours"),
    [
        ("#f4efe6, #c0c0c0", ["#f4efe6", "#c0c0c0"]),
        ("#f4efe6,#c0c0c0,", ["#f4efe6", "#c0c0c0"]),
        ("  #f4efe6 , , #c0c0c0 ", ["#f4efe6", "#c0c0c0"]),
        ("", []),
        (None, []),
    ],
)
def test_a_palette_is_read_as_its_colours(palette, colours):
    assert parse_palette(palette) == colours


def test_the_partner_fact_links_a_public_partner_and_only_names_a_private_one(client):
    public = CollaborationFactory(partner=PartnerFactory(name="Kith", slug="kith"))
    private = CollaborationFactory(
        partner=PartnerFactory(name="Unannounced", slug="unannounced", status=Status.DRAFT)
    )
    assert 'href="/partners/kith/"' in client.get(public.get_absolute_url()).content.decode()
    html = client.get(private.get_absolute_url()).content.decode()
    assert "Unannounced" in html
    assert 'href="/partners/unannounced/"' not in html
