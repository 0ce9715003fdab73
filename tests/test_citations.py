"""Every fact shows where it comes from: numbered notes, /sources/, the admin's checks."""

import datetime
import json
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from catalog.models import Citation, Qualifier, Status, TrendNote

from .factories import (
    CitationFactory,
    CollaborationFactory,
    PricePointFactory,
    ShoeFactory,
    SourceFactory,
    TrendNoteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return SourceFactory(title="The reference article", note="Paragraphs count lines.")


@pytest.fixture
def cited_shoe(article):
    shoe = ShoeFactory(
        slug="cited",
        designer="Hidenori Yamashita",
        story="The first sentence is cited. The second is not.",
    )
    CitationFactory(entry=shoe, source=article, field="designer", locator="¶5")
    PricePointFactory(
        release=shoe, kind="resale", amount=700, qualifier=Qualifier.OVER, source=article
    )
    PricePointFactory(release=shoe, kind="retail", amount=180, source=article)
    CitationFactory(entry=shoe, source=article, claim="The first sentence is cited.", locator="¶5")
    return shoe


def test_facts_carry_numbered_references_to_notes_at_the_foot(client, cited_shoe):
    html = client.get("/shoes/cited/").content.decode()
    # Notes are numbered in reading order: the price rows come before the designer's.
    retail = re.search(r"Retail price</th><td>(.*?)</td>", html).group(1)
    assert '<a href="#note-1" id="ref-1-1">[1]</a>' in retail
    # Price and resale cite the same paragraph: one note, two references to it.
    resale = re.search(r"Resale peak</th><td>(.*?)</td>", html).group(1)
    assert '<a href="#note-1" id="ref-1-2">[1]</a>' in resale
    designer = re.search(r"Hidenori Yamashita(.*?)</td>", html).group(1)
    assert '<a href="#note-2" id="ref-2-1">[2]</a>' in designer
    notes = re.search(r'<ol class="notes__list">(.*?)</ol>', html, re.S).group(1)
    assert notes.count("<li") == 2
    assert re.search(r'id="note-1">.*¶28', notes)
    assert re.search(r'id="note-2">.*¶5', notes)
    assert 'href="#ref-1-1"' in notes  # back to the text


def test_a_cited_claim_in_the_story_carries_its_reference(client, cited_shoe):
    html = client.get("/shoes/cited/").content.decode()
    assert 'The first sentence is cited.<sup class="ref"><a href="#note-2" id="ref-2-2">' in html
    assert "The second is not.<sup" not in html


def test_the_excerpt_is_never_published(client, cited_shoe):
    Citation.objects.update(excerpt="a telltale phrase")
    for path in ("/shoes/cited/", cited_shoe.citations.first().source.get_absolute_url()):
        assert "telltale" not in client.get(path).content.decode()


def test_a_lower_bound_keeps_its_qualifier(client, cited_shoe):
    html = client.get("/shoes/cited/").content.decode()
    resale = re.search(r"Resale peak</th><td>(.*?)</td>", html).group(1)
    assert resale.startswith("over $700")
    retail = re.search(r"Retail price</th><td>(.*?)</td>", html).group(1)
    assert retail.startswith("$180")


def test_unknown_facts_say_not_recorded_and_cite_nothing(client, article):
    ShoeFactory(slug="bare", designer="", colorway="")
    html = client.get("/shoes/bare/").content.decode()
    designer = re.search(r"Designer</th><td>(.*?)</td>", html).group(1)
    assert designer == '<span class="unknown">Not recorded</span>'
    assert 'class="notes"' not in html


def test_json_ld_names_the_works_cited(client, cited_shoe):
    html = client.get("/shoes/cited/").content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    product = json.loads(blocks[0])
    assert product["citation"] == [
        {
            "@type": "CreativeWork",
            "name": "The reference article",
            "url": f"http://testserver{cited_shoe.citations.first().source.get_absolute_url()}",
        }
    ]


def test_sources_page_lists_every_source(client, cited_shoe):
    html = client.get("/sources/").content.decode()
    assert "The reference article" in html
    assert "4 facts cite it" in html


def test_a_fact_pointed_to_twice_and_a_drafts_facts_are_not_counted_again(
    client, cited_shoe, article
):
    """Two excerpts for one claim at one place are one fact; a draft's facts are not public."""
    CitationFactory(
        entry=cited_shoe,
        source=article,
        claim="The first sentence is cited.",
        locator="¶5",
        excerpt="another pointer",
    )
    draft = ShoeFactory(name="Hidden draft", status=Status.DRAFT)
    CitationFactory(entry=draft, source=article, field="colorway")
    assert "4 facts cite it" in client.get("/sources/").content.decode()
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count("“The first sentence is cited.”") == 1


def test_a_source_page_shows_every_published_fact_that_cites_it(client, cited_shoe, article):
    draft = ShoeFactory(name="Hidden draft", status=Status.DRAFT)
    CitationFactory(entry=draft, source=article, field="colorway")
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{cited_shoe.get_absolute_url()}"' in html
    assert "Designer" in html and "(¶5)" in html
    assert "“The first sentence is cited.”" in html
    assert "Hidden draft" not in html


def test_unknown_source_is_404(client):
    assert client.get("/sources/999999/").status_code == 404


# The model's rules


@pytest.mark.parametrize(
    "excerpt",
    [
        "one two three four five six seven eight",
        # Seven spaces apart, but eight of the source's words: a hyphen or a slash joins two.
        "returned to the Gel-Kayano 14 multiple times",
        "Cream/Antler and Cream/Scarab colorways in June",
    ],
)
def test_an_excerpt_longer_than_seven_words_is_refused(cited_shoe, article, excerpt):
    citation = Citation(
        entry=cited_shoe, source=article, field="designer", locator="¶5", excerpt=excerpt
    )
    with pytest.raises(ValidationError) as error:
        citation.full_clean()
    assert "excerpt" in error.value.message_dict


def test_an_excerpt_of_seven_words_with_a_possessive_is_accepted(cited_shoe, article):
    citation = Citation(
        entry=cited_shoe,
        source=article,
        field="designer",
        locator="¶7",
        excerpt="won the International Editor's Choice prize in",
    )
    citation.full_clean()


def test_a_claim_must_be_a_sentence_of_the_entry(cited_shoe, article):
    citation = Citation(
        entry=cited_shoe, source=article, claim="Words it never says.", locator="¶1", excerpt="x"
    )
    with pytest.raises(ValidationError) as error:
        citation.full_clean()
    assert "claim" in error.value.message_dict


def test_a_citation_names_a_field_or_a_claim_not_both(cited_shoe, article):
    citation = Citation(
        entry=cited_shoe,
        source=article,
        field="designer",
        claim="The first sentence is cited.",
        locator="¶1",
        excerpt="x",
    )
    with pytest.raises(ValidationError):
        citation.full_clean()


def test_uncited_facts_are_the_known_ones_without_a_source(cited_shoe):
    assert set(cited_shoe.uncited_facts()) == {"colorway", "kind", "release_date"}


# Editors


def test_the_admin_flags_entries_with_uncited_facts(admin_client, cited_shoe):
    html = admin_client.get(reverse("admin:catalog_shoe_changelist")).content.decode()
    assert '<strong class="uncited">Colorway, Kind, Release date</strong>' in html


def test_the_admin_lists_published_facts_without_a_source(admin_client, cited_shoe):
    ShoeFactory(name="Draft with facts", status=Status.DRAFT)
    html = admin_client.get(reverse("admin-uncited-facts")).content.decode()
    change = reverse("admin:catalog_shoe_change", args=[cited_shoe.pk])
    assert f'<a href="{change}">' in html
    assert "Colorway, Kind, Release date" in html
    assert "Draft with facts" not in html


def test_the_uncited_facts_page_is_for_staff_only(client):
    response = client.get(reverse("admin-uncited-facts"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_an_editor_adds_a_citation_inline(admin_client, article):
    collaboration = CollaborationFactory(slug="with-source")
    url = reverse("admin:catalog_collaboration_change", args=[collaboration.pk])
    html = admin_client.get(url).content.decode()
    prefix = "catalog-citation-content_type-object_id"
    assert f'name="{prefix}-TOTAL_FORMS"' in html
    assert '<option value="release_date">Release date</option>' in html


# True publication dates


def test_a_trend_note_is_dated_when_first_published_never_before(committed):
    with time_machine.travel("2026-12-03 10:00Z", tick=False):
        note = TrendNote.objects.create(
            title="Fresh", slug="fresh", theme=TrendNote.Theme.Y2K, summary="s", body="b"
        )
        assert note.published_on is None  # a draft has no publication date
        note.status = Status.PUBLISHED
        note.publish_at = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
        note.save()
    assert note.published_on == datetime.date(2026, 12, 3)
    with time_machine.travel("2027-01-10 10:00Z", tick=False):
        note.save()
    assert note.published_on == datetime.date(2026, 12, 3)


def test_a_scheduled_trend_note_is_dated_when_it_goes_public():
    with time_machine.travel("2026-12-03 10:00Z", tick=False):
        note = TrendNoteFactory(
            published_on=None,
            publish_at=datetime.datetime(2026, 12, 20, 9, tzinfo=datetime.UTC),
        )
    assert note.published_on == datetime.date(2026, 12, 20)
