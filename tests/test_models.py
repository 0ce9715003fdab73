"""The content model's rules: validation messages, database constraints, published()."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from catalog.dates import DatePrecision, format_partial_date
from catalog.models import Collaboration, Milestone, Shoe, Status, TrendNote

from .factories import (
    CollaborationFactory,
    MilestoneFactory,
    PartnerFactory,
    ShoeFactory,
    TrendNoteFactory,
    image_file,
)

pytestmark = pytest.mark.django_db


def errors_of(instance):
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


def test_negative_price_is_rejected_with_a_message():
    shoe = ShoeFactory.build(retail_price=Decimal("-1"))
    assert errors_of(shoe)["retail_price"] == ["A price cannot be negative."]


def test_negative_price_is_refused_by_the_database():
    shoe = ShoeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Shoe.objects.filter(pk=shoe.pk).update(retail_price=Decimal("-5"))


def test_negative_resale_peak_of_a_collaboration_is_rejected():
    collaboration = CollaborationFactory.build(partner=PartnerFactory(), resale_peak=-700)
    assert "resale_peak" in errors_of(collaboration)


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
    older = ShoeFactory(release_date=datetime.date(2008, 1, 1))
    newer = ShoeFactory(release_date=datetime.date(2025, 6, 1))
    assert list(Shoe.objects.all()) == [newer, older]
    assert Collaboration._meta.ordering[0] == "-release_date"
    assert TrendNote._meta.ordering[0] == "-published_on"
    assert Milestone._meta.ordering[0] == "date"
