"""The seed content and `manage.py load_seed`: what it loads, and that it never overwrites."""

import datetime
import re
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from catalog import seed_content
from catalog.models import (
    Collaboration,
    Milestone,
    Partner,
    Shoe,
    Status,
    Technology,
    TrendNote,
)

pytestmark = pytest.mark.django_db

ARTICLE = Path(settings.BASE_DIR).parent / "shared/reference/gel-kayano-14-story.txt"
COPY_LIMIT = 8
"""Runs of this many consecutive article words count as copying."""

PUBLISHABLE = [Partner, Collaboration, Shoe, TrendNote, Milestone]


def load_seed():
    out = StringIO()
    call_command("load_seed", stdout=out)
    return out.getvalue()


def words(text):
    """Lowercase words with punctuation stripped (apostrophes vanish, other marks split)."""
    text = text.lower().replace("'", "").replace("\u2019", "")
    return re.findall(r"[a-z0-9]+", text)


def runs(word_list, length):
    return {tuple(word_list[i : i + length]) for i in range(len(word_list) - length + 1)}


def seed_texts():
    """Every string in the seed module: its docstring and all values of its content lists."""

    def walk(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                yield from walk(item)

    content = [
        seed_content.TECHNOLOGIES,
        seed_content.PARTNERS,
        seed_content.COLLABORATIONS,
        seed_content.SHOES,
        seed_content.TREND_NOTES,
        seed_content.MILESTONES,
    ]
    return [seed_content.__doc__, *walk(content)]


def test_seed_loads_every_entry_as_published():
    load_seed()

    assert Technology.objects.count() == len(seed_content.TECHNOLOGIES)
    assert Partner.objects.count() == len(seed_content.PARTNERS) == 5
    assert Collaboration.objects.count() == len(seed_content.COLLABORATIONS) == 6
    assert Shoe.objects.count() == len(seed_content.SHOES) >= 9
    assert TrendNote.objects.count() == len(seed_content.TREND_NOTES) >= 7
    assert Milestone.objects.count() == len(seed_content.MILESTONES) >= 8
    for model in PUBLISHABLE:
        assert not model.objects.exclude(status=Status.PUBLISHED).exists(), model
        assert model.objects.published().count() == model.objects.count(), model


def test_summary_line_counts_created_and_present_entries():
    first = load_seed()
    second = load_seed()

    assert first.startswith("Seed content: ")
    assert f"{len(seed_content.SHOES)} shoes" in first
    assert "; 0 already present." in first
    assert "0 shoes" in second
    total = sum(
        len(entries)
        for entries in (
            seed_content.TECHNOLOGIES,
            seed_content.PARTNERS,
            seed_content.COLLABORATIONS,
            seed_content.SHOES,
            seed_content.TREND_NOTES,
            seed_content.MILESTONES,
        )
    )
    assert f"; {total} already present." in second


def test_verbosity_zero_prints_nothing():
    out = StringIO()
    call_command("load_seed", verbosity=0, stdout=out)
    assert out.getvalue() == ""
    assert Shoe.objects.exists()


def test_original_2008_release_is_credited_to_hidenori_yamashita():
    load_seed()
    original = Shoe.objects.get(kind=Shoe.Kind.ORIGINAL)

    assert original.designer == "Hidenori Yamashita"
    assert original.release_date == datetime.date(2008, 1, 1)
    assert original.date_precision == "year"
    assert original.colorway == ""
    assert original.style_code == ""
    assert {"gel-cushioning", "trusstic", "open-weave-mesh"} <= set(
        original.technologies.values_list("slug", flat=True)
    )


def test_jjjjound_2022_is_august_2022_at_180_dollars_with_700_resale_peak():
    load_seed()
    collaboration = Collaboration.objects.get(slug="jjjjound-2022")

    assert collaboration.partner.slug == "jjjjound"
    assert collaboration.release_date == datetime.date(2022, 8, 1)
    assert collaboration.date_precision == "month"
    assert collaboration.date_display == "August 2022"
    assert collaboration.retail_price == Decimal("180")
    assert collaboration.currency == "USD"
    assert collaboration.resale_peak == Decimal("700")
    shoes = collaboration.shoes.all()
    assert shoes.count() == 2
    for shoe in shoes:
        assert shoe.retail_price == Decimal("180")
        assert shoe.resale_peak == Decimal("700")
        assert shoe.date_display == "August 2022"
        assert shoe.colorway == ""


def test_kith_pack_is_cream_antler_and_cream_scarab_in_june_2023():
    load_seed()
    kith = Collaboration.objects.get(slug="kith-vintage-tech-2023")

    assert kith.partner.key_person == "Ronnie Fieg"
    assert kith.retail_price is None
    assert kith.date_display == "June 2023"
    assert set(kith.shoes.values_list("colorway", flat=True)) == {"Cream/Antler", "Cream/Scarab"}
    assert {shoe.date_display for shoe in kith.shoes.all()} == {"June 2023"}


def test_jjjjound_2025_is_white_blue_and_white_navy_in_june_2025():
    load_seed()
    collaboration = Collaboration.objects.get(slug="jjjjound-2025")

    assert collaboration.date_display == "June 2025"
    assert set(collaboration.shoes.values_list("colorway", flat=True)) == {
        "White/Blue",
        "White/Navy",
    }
    assert {shoe.date_display for shoe in collaboration.shoes.all()} == {"June 2025"}


def test_five_partners_with_unknown_places_left_empty():
    load_seed()

    assert set(Partner.objects.values_list("slug", flat=True)) == {
        "jjjjound",
        "kith",
        "atmos",
        "facetasm",
        "kiko-kostadinov",
    }
    jjjjound = Partner.objects.get(slug="jjjjound")
    assert (jjjjound.city, jjjjound.key_person) == ("Montreal", "Justin R. Saunders")
    assert Partner.objects.get(slug="kith").city == ""
    assert Partner.objects.get(slug="atmos").city == ""
    assert Partner.objects.get(slug="facetasm").city == "Tokyo"
    kiko = Partner.objects.get(slug="kiko-kostadinov")
    assert (kiko.city, kiko.country) == ("", "")


def test_kiko_kostadinov_is_an_undated_influence_not_a_co_branded_release():
    load_seed()
    influence = Collaboration.objects.get(slug="kiko-kostadinov-influence")

    assert influence.kind == Collaboration.Kind.INFLUENCE
    assert influence.release_date is None
    assert influence.shoes.get().kind == Shoe.Kind.SPECIAL


def test_trend_notes_cover_every_theme_with_related_entries():
    load_seed()
    notes = TrendNote.objects.all()

    assert notes.count() >= 7
    assert {note.theme for note in notes} == set(TrendNote.Theme.values)
    for note in notes:
        assert 150 <= len(note.body.split()) <= 350, note.slug
        assert datetime.date(2026, 10, 1) <= note.published_on <= datetime.date(2026, 11, 25)
        assert note.shoes.exists(), note.slug


def test_timeline_runs_from_1993_to_2025():
    load_seed()
    milestones = Milestone.objects.order_by("date")

    assert milestones.count() >= 8
    assert milestones.first().date == datetime.date(1993, 1, 1)
    assert milestones.last().date.year == 2025
    assert milestones.last().date_display == "June 2025"


def test_no_seed_shoe_has_a_style_code_or_a_picture():
    load_seed()

    assert not Shoe.objects.exclude(style_code="").exists()
    assert not Shoe.objects.exclude(picture="").exists()


def test_running_seed_twice_creates_nothing_twice():
    load_seed()
    counts = {model: model.objects.count() for model in [Technology, *PUBLISHABLE]}
    links = Shoe.technologies.through.objects.count()

    load_seed()

    assert {model: model.objects.count() for model in counts} == counts
    assert Shoe.technologies.through.objects.count() == links


def test_running_seed_again_keeps_an_editors_changes():
    load_seed()
    shoe = Shoe.objects.get(slug="gel-kayano-14-2008-original")
    shoe.summary = "An editor rewrote this summary."
    shoe.status = Status.DRAFT
    shoe.save()
    shoe.technologies.clear()
    partner = Partner.objects.get(slug="kith")
    partner.city = "Edited city"
    partner.save()

    load_seed()

    shoe.refresh_from_db()
    assert shoe.summary == "An editor rewrote this summary."
    assert shoe.status == Status.DRAFT
    assert not shoe.technologies.exists()
    partner.refresh_from_db()
    assert partner.city == "Edited city"


def test_seed_content_copies_no_sentence_of_the_article():
    if not ARTICLE.is_file():
        pytest.skip(f"The source article is not available at {ARTICLE}; nothing to compare.")
    article_runs = runs(words(ARTICLE.read_text(encoding="utf-8")), COPY_LIMIT)

    copied = {
        " ".join(run)
        for text in seed_texts()
        for run in runs(words(text), COPY_LIMIT)
        if run in article_runs
    }

    assert not copied, f"Seed text repeats the article word for word: {sorted(copied)}"


def test_if_empty_loads_nothing_into_a_catalog_that_has_shoes():
    load_seed()
    Shoe.objects.exclude(slug="gel-kayano-14-2008-original").delete()
    call_command("load_seed", if_empty=True, stdout=StringIO())
    assert Shoe.objects.count() == 1


def test_if_empty_loads_everything_into_an_empty_catalog():
    call_command("load_seed", if_empty=True, stdout=StringIO())
    assert Shoe.objects.count() == len(seed_content.SHOES)
