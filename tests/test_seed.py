"""
The seed content (`catalog/seed/content.toml`) and `manage.py load_seed`: what it loads,
that it never overwrites, and that it says no more than the reference article: every fact
cites the article, every excerpt is the article's own words, and no page copies it.
"""

import datetime
import re
from decimal import Decimal
from io import StringIO

import pytest
import reversion
import time_machine
from django.core.management import call_command
from django.test import Client

from catalog.models import (
    Citation,
    Collaboration,
    Milestone,
    Partner,
    PricePoint,
    Qualifier,
    Shoe,
    Source,
    Status,
    Technology,
    TrendNote,
)
from catalog.models.sources import EXCERPT_MAX_WORDS, excerpt_words
from catalog.seeding import read_seed

from .reference import article_text, paragraphs, runs, words

pytestmark = pytest.mark.django_db

CITED = [Technology, Partner, Collaboration, Shoe, TrendNote, Milestone]
PUBLISHABLE = [Partner, Collaboration, Shoe, TrendNote, Milestone]
SEED = read_seed()


@pytest.fixture
def seeded():
    call_command("load_seed", verbosity=0)


def load_seed():
    out = StringIO()
    call_command("load_seed", stdout=out)
    return out.getvalue()


def test_seed_loads_every_entry_as_published(seeded):
    tables = {
        Technology: "technologies",
        Partner: "partners",
        Collaboration: "collaborations",
        Shoe: "shoes",
        TrendNote: "trend_notes",
        Milestone: "milestones",
    }
    for model, table in tables.items():
        assert model.objects.count() == len(SEED[table]), table
    for model in PUBLISHABLE:
        assert not model.objects.exclude(status=Status.PUBLISHED).exists()
    assert Source.objects.count() == len(SEED["sources"]) == 1


def test_summary_line_counts_created_and_present_entries():
    first = load_seed()
    assert f"{len(SEED['shoes'])} shoes" in first
    second = load_seed()
    assert "0 shoes" in second
    assert "already present" in second


def test_verbosity_zero_prints_nothing():
    out = StringIO()
    call_command("load_seed", verbosity=0, stdout=out)
    assert out.getvalue() == ""
    assert Shoe.objects.exists()


# What the article supports


def test_every_published_fact_cites_a_source(seeded):
    uncited = {
        (type(entry).__name__, entry.slug, name)
        for model in CITED
        for entry in model.objects.prefetch_related("citations")
        for name in entry.uncited_facts()
    }
    assert not uncited


def test_every_cited_claim_is_a_sentence_of_its_entry(seeded):
    for citation in Citation.objects.exclude(claim="").prefetch_related("entry"):
        assert citation.entry.states(citation.claim), citation.claim


def test_every_excerpt_is_the_articles_own_words_where_the_locator_points():
    by_number = paragraphs(article_text())
    for entries in SEED.values():
        for entry in entries:
            for citation in entry.get("citations", []):
                number = int(citation["locator"].removeprefix("¶"))
                excerpt = citation["excerpt"]
                assert 1 <= len(excerpt_words(excerpt)) <= EXCERPT_MAX_WORDS, excerpt
                assert excerpt in by_number[number], (entry["slug"], citation["locator"], excerpt)


def public_pages(client):
    """Every public page of the seeded archive: lists, details, timeline, sources, and the
    API's lists of the entries."""
    entries = [
        entry.get_absolute_url()
        for model in (Shoe, Collaboration, Partner, TrendNote)
        for entry in model.objects.published()
    ]
    sources = [source.get_absolute_url() for source in Source.objects.all()]
    fixed = ["/", "/shoes/", "/collaborations/", "/trends/", "/timeline/", "/about/", "/sources/"]
    data = ["/api/v1/collaborations/", "/api/v1/partners/", "/api/v1/shoes/"]
    return {path: client.get(path).content.decode() for path in [*fixed, *data, *entries, *sources]}


def test_no_page_copies_eight_words_of_the_article(seeded):
    article_runs = runs(words(article_text()))
    copied = {
        (path, " ".join(run))
        for path, html in public_pages(Client()).items()
        for run in runs(words(re.sub(r"<[^>]+>", " ", html)))
        if run in article_runs
    }
    assert not copied, sorted(copied)


REFUSED_CLAIMS = [
    "2020 revival",  # the article dates the decision to bring it back, not its return
    "asics revives it",
    "is shelved",  # nothing dates a shelving to 2009: Asics moved on to the 15
    "spent a decade",  # in the archive "for years"; "over a decade" runs from 2008 to the return
    "made for runners who overpronate",  # "serious athletes, particularly" overpronators
    "every release, collaboration and trend",  # the archive holds what its sources name
    "in all its versions",
    "shop windows",  # streets, fashion weeks and photographs are the places the article gives
    "carry both names",  # co-branding is reported for JJJJound's wordmark only
    "co-branded",
    "street style does the rest",
    "did not redesign",  # it refined rather than reinvented
    "by 2023, the article notes",  # "in 2023" (¶12)
    '"category": "running shoes"',  # every pair here is a sneaker; not every pair is for running
    # The article names the 2023 and 2025 colorways without counting them (it counts 2022's).
    "in two colorways: white/blue",
    "pack: two gel-kayano 14 colorways",
    "with two gel-kayano 14 colorways",
    "out in two colorways, and cream/antler",
    "the other half of jjjjound",
    "come back to the model more than once after",  # 2025's is one of the "multiple" returns
    "asics itself keeps releasing",  # "new colorways and collaborations", not Asics alone
    "bold, reflective silver panels on the upper",  # reflective is said of the 2008 shoe
    # What only the assembled pages said (a third pass, over the rendered site):
    "previous release",  # the archive's order, not Asics's: "earlier in the archive"
    "next release",
    "official collaboration",  # the article does not say which partnerships are official
    "(us dollar)",  # the article prints "$", never a currency's name
    '"@type": "offer"',  # the archive sells nothing
    "after the archive years",  # 2022 is the first year the archive dates, not the return
    "to the latest collaborations",
    "social media carries the shoe further",  # the article does not date the spread
    "revives-the-14",  # slugs are public text too
    "starts-the-sportstyle-wave",
    "open-weave-mesh",
    # A fourth pass, over the seed, the templates, the API and the downloads:
    "the pack has two",  # Kith's colorways are named, never counted
    "one of the two gel-kayano 14 colorways",
    "on the two kith",
    "records each release",  # the article mentions returns and colorways it does not name
    "most sought-after sneakers",  # the most coveted *lifestyle* sneakers
    "overpronators above all",  # "particularly"
    "above all for runners who overpronate",
    "editors’ award",  # the International Editor's Choice prize
    "two age groups",  # millennials and Gen Z, not counted
    "in its colours",  # the illustration's colours are the archive's, not always the pair's
    "in white, silver and blue",  # a drawing, not a pair the article names in those colours
    "chooses the 14",  # 2020 dates the decision and Kostadinov's case, not a choice
    "picks the 14",
    "chooses-the-14",
    "that made it a fashion icon",  # the collaborations made it a must-have fashion piece
    "founder or key person ronnie fieg",  # the article gives him no role at Kith
    '"official"',  # published as the collaborations' kind in the API and the downloads
]
"""Wording a fact-check of the site against the article refused: each says more than the article."""


def test_no_page_says_what_the_fact_check_refused(seeded):
    for path, html in public_pages(Client()).items():
        # The words shown, and the page's source too: descriptions and JSON-LD are in attributes
        # and scripts.
        shown = " ".join(re.sub(r"<[^>]+>", " ", html).split()).lower()
        source = " ".join(html.split()).lower()
        said = [claim for claim in REFUSED_CLAIMS if claim in shown or claim in source]
        assert not said, (path, said)


def test_the_originals_breathable_mesh_is_not_given_to_later_pairs(seeded, client):
    """Breathability, open weave and temperature are said of the 2008 shoe; of the JJJJound and
    Kith pairs the article says only that they have mesh."""
    later_pairs = Shoe.objects.filter(technologies__slug="mesh").exclude(kind=Shoe.Kind.ORIGINAL)
    assert later_pairs.count() == 4
    for shoe in later_pairs:
        html = client.get(shoe.get_absolute_url()).content.decode()
        [technologies] = re.findall(r"Technologies</th><td>([^<]*)", html)
        assert "Mesh" in technologies.split(", ")
        assert "Breathable" not in technologies


def test_every_detail_page_shows_its_sources(seeded):
    client = Client()
    for model in (Shoe, Collaboration, Partner, TrendNote):
        for entry in model.objects.published():
            html = client.get(entry.get_absolute_url()).content.decode()
            assert '<ol class="notes__list">' in html, entry.slug
            assert "The Gel-Kayano 14 reference article" in html


# The figures and dates the article gives, kept as it gives them


def test_jjjjound_2022_is_august_2022_at_180_dollars_resold_for_over_700(seeded):
    collaboration = Collaboration.objects.get(slug="jjjjound-2022")
    assert collaboration.partner.slug == "jjjjound"
    assert collaboration.date_display == "August 2022"
    assert collaboration.retail_price == Decimal("180")
    assert collaboration.retail_price_qualifier == Qualifier.EXACT
    assert collaboration.resale_peak == Decimal("700")
    assert collaboration.resale_peak_qualifier == Qualifier.OVER
    html = Client().get(collaboration.get_absolute_url()).content.decode()
    assert re.search(r"Resale peak</th><td>over \$700", html)


def test_every_seed_price_is_a_cited_point_left_undated_as_the_article_leaves_it(seeded):
    points = PricePoint.objects.all()
    assert sorted(str(point) for point in points) == [
        "Reported resale price: over $700",
        "Retail price: $180",
        "Retail price: $180",
        "Retail price: $180",
    ]
    assert all(point.is_cited and point.locator == "¶28" for point in points)
    assert not any(point.is_plotted for point in points)  # no date: nothing to plot


def test_the_original_is_credited_to_hidenori_yamashita_in_2008(seeded):
    original = Shoe.objects.get(kind=Shoe.Kind.ORIGINAL)
    assert original.designer == "Hidenori Yamashita"
    assert original.date_display == "2008"
    assert original.style_code == ""


def test_kith_pack_is_cream_antler_and_cream_scarab_in_june_2023(seeded):
    kith = Collaboration.objects.get(slug="kith-vintage-tech-2023")
    assert kith.partner.key_person == ""  # the article credits his touch, not a role at Kith
    assert kith.retail_price is None
    assert set(kith.shoes.values_list("colorway", flat=True)) == {"Cream/Antler", "Cream/Scarab"}
    assert {shoe.date_display for shoe in kith.shoes.all()} == {"June 2023"}


def test_places_the_article_does_not_give_are_left_empty(seeded):
    places = dict(Partner.objects.values_list("slug", "city"))
    assert places == {
        "jjjjound": "Montreal",
        "facetasm": "Tokyo",
        "kith": "",
        "atmos": "",
        "kiko-kostadinov": "",
    }
    assert Partner.objects.get(slug="jjjjound").country == ""


def test_the_2020_revival_is_a_decision_on_the_timeline_not_a_release(seeded):
    assert not Shoe.objects.filter(release_date__year=2020).exists()
    assert Milestone.objects.filter(date__year=2020).exists()


def test_timeline_runs_from_1993_to_june_2025(seeded):
    milestones = Milestone.objects.order_by("date")
    assert milestones.first().date == datetime.date(1993, 1, 1)
    assert milestones.last().date_display == "June 2025"


def test_trend_notes_are_dated_the_day_they_are_loaded_never_backdated():
    with time_machine.travel("2026-12-02 09:00Z", tick=False):
        call_command("load_seed", verbosity=0)
    dates = set(TrendNote.objects.values_list("published_on", flat=True))
    assert dates == {datetime.date(2026, 12, 2)}
    assert {note.theme for note in TrendNote.objects.all()} == set(TrendNote.Theme.values)


# Editors' work is never overwritten


def test_running_seed_twice_creates_nothing_twice():
    load_seed()
    counts = {model: model.objects.count() for model in [*CITED, Citation, Source]}
    load_seed()
    assert {model: model.objects.count() for model in counts} == counts


def test_running_seed_again_keeps_an_editors_changes():
    load_seed()
    shoe = Shoe.objects.get(slug="gel-kayano-14-2008-original")
    shoe.summary = "An editor rewrote this summary."
    shoe.status = Status.DRAFT
    shoe.save()
    shoe.technologies.clear()
    shoe.citations.all().delete()
    partner = Partner.objects.get(slug="kith")
    partner.city = "Edited city"
    partner.save()

    load_seed()

    shoe.refresh_from_db()
    assert shoe.summary == "An editor rewrote this summary."
    assert shoe.status == Status.DRAFT
    assert not shoe.technologies.exists()
    assert not shoe.citations.exists()
    partner.refresh_from_db()
    assert partner.city == "Edited city"


# Corrections to the seed reach a site seeded before them


def update_unedited():
    out = StringIO()
    call_command("load_seed", update_unedited=True, stdout=out)
    return out.getvalue()


def as_an_earlier_seed_loaded_it():
    """The catalog as an earlier seed left it: Kith's key person filled in, a citation of
    it, and the 2020 milestone under its earlier slug and title (no editor involved)."""
    load_seed()
    kith = Partner.objects.get(slug="kith")
    Partner.objects.filter(pk=kith.pk).update(key_person="Ronnie Fieg")
    kith.citations.create(
        source=Source.objects.get(), field="key_person", locator="¶32", excerpt="Ronnie Fieg"
    )
    Milestone.objects.filter(slug="2020-kostadinov-argues-for-the-14").update(
        slug="2020-asics-chooses-the-14", title="Asics chooses the 14 for its revival"
    )
    return kith


def test_an_entry_no_editor_changed_takes_the_current_seed():
    kith = as_an_earlier_seed_loaded_it()

    said = update_unedited()

    kith.refresh_from_db()
    assert kith.key_person == ""
    assert not kith.citations.filter(field="key_person").exists()
    assert Milestone.objects.filter(slug="2020-kostadinov-argues-for-the-14").exists()
    assert "1 milestone created" in said and "1 updated from this seed" in said
    assert "no longer has" in said and "milestone “2020-asics-chooses-the-14”" in said


def test_an_entry_an_editor_changed_is_left_as_it_is_and_named():
    kith = as_an_earlier_seed_loaded_it()
    with reversion.create_revision():
        kith.refresh_from_db()
        kith.city = "Edited city"
        kith.save()

    said = update_unedited()

    kith.refresh_from_db()
    assert (kith.key_person, kith.city) == ("Ronnie Fieg", "Edited city")
    assert "left as they are: partner “kith”" in said


def test_an_update_of_a_site_already_up_to_date_changes_nothing():
    load_seed()
    versions = {shoe.slug: shoe.edit_version for shoe in Shoe.objects.all()}

    said = update_unedited()

    assert {shoe.slug: shoe.edit_version for shoe in Shoe.objects.all()} == versions
    assert "0 updated from this seed" in said
    assert "no longer has" not in said and "left as they are" not in said


def test_if_empty_loads_nothing_into_a_catalog_that_has_shoes():
    load_seed()
    Shoe.objects.exclude(slug="gel-kayano-14-2008-original").delete()
    call_command("load_seed", if_empty=True, stdout=StringIO())
    assert Shoe.objects.count() == 1


def test_if_empty_loads_everything_into_an_empty_catalog():
    call_command("load_seed", if_empty=True, stdout=StringIO())
    assert Shoe.objects.count() == len(SEED["shoes"])
