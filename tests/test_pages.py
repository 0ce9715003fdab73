"""The public pages: what a visitor sees, and what they must never see."""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

from catalog.dates import DatePrecision
from catalog.models import Shoe, Status

from .factories import (
    CitationFactory,
    CollaborationFactory,
    MilestoneFactory,
    PartnerFactory,
    ShoeFactory,
    TrendNoteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    """A small published archive with one entry of each kind."""
    partner = PartnerFactory(name="JJJJound", slug="jjjjound", city="Montreal")
    collaboration = CollaborationFactory(
        partner=partner, title="JJJJound 2022", slug="jjjjound-2022", resale_peak=700
    )
    shoe = ShoeFactory(
        name="JJJJound x Gel-Kayano 14",
        slug="jjjjound-white",
        colorway="White/Silver",
        collaboration=collaboration,
        release_date=datetime.date(2022, 8, 1),
        retail_price=180,
        designer="",
        featured=True,
        story="The pair has **restraint**.\n\n<script>alert('x')</script>",
    )
    trend = TrendNoteFactory(title="Y2K revival", slug="y2k-revival", body="Chrome is back.")
    trend.shoes.add(shoe)
    milestone = MilestoneFactory(
        title="The line begins", slug="line-begins", date=datetime.date(1993, 1, 1)
    )
    return {
        "partner": partner,
        "collaboration": collaboration,
        "shoe": shoe,
        "trend": trend,
        "milestone": milestone,
    }


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", "JJJJound x Gel-Kayano 14"),
        ("/", "Y2K revival"),
        ("/shoes/", "JJJJound x Gel-Kayano 14"),
        ("/shoes/jjjjound-white/", "White/Silver"),
        ("/collaborations/", "JJJJound 2022"),
        ("/collaborations/jjjjound-2022/", "JJJJound x Gel-Kayano 14"),
        ("/partners/jjjjound/", "Montreal"),
        ("/trends/", "Y2K revival"),
        ("/trends/y2k-revival/", "Chrome is back."),
        ("/timeline/", "The line begins"),
        ("/about/", "About"),
    ],
)
def test_every_page_answers_with_its_content(client, archive, url, expected):
    assert expected in page(client, url)


def test_every_page_has_a_title_description_and_canonical_link(client, archive):
    for url in ["/", "/shoes/", "/shoes/jjjjound-white/", "/trends/y2k-revival/", "/timeline/"]:
        html = page(client, url)
        assert "<title>" in html and "Kayano 14 Archive</title>" in html
        assert '<meta name="description" content="' in html
        assert f'<link rel="canonical" href="http://testserver{url}">' in html


def test_shoe_detail_shows_facts_at_their_precision(client, archive):
    html = page(client, "/shoes/jjjjound-white/")
    assert "August 2022" in html
    assert re.search(r"Retail price</th><td>\$180\b", html)
    # No resale figure is recorded for this pair: the row says so rather than show one.
    assert re.search(r'Resale peak</th><td><span class="unknown">Not recorded</span>', html)
    assert 'href="/collaborations/jjjjound-2022/"' in html
    assert 'href="/partners/jjjjound/"' in html
    assert 'href="/trends/y2k-revival/"' in html


def test_shoe_story_is_rendered_from_markdown_without_scripts(client, archive):
    html = page(client, "/shoes/jjjjound-white/")
    assert "<strong>restraint</strong>" in html
    assert "<script>alert" not in html


def test_shoe_without_picture_shows_an_illustration_from_its_palette(client, archive):
    html = page(client, "/shoes/jjjjound-white/")
    assert "<svg" in html
    assert "#c0c4c8" in html


def test_unknown_facts_are_marked_not_recorded(client, archive):
    assert "Not recorded" in page(client, "/shoes/jjjjound-white/")


def test_previous_and_next_release_links_follow_release_order(client, archive):
    older = ShoeFactory(name="Original", slug="original", release_date=datetime.date(2008, 1, 1))
    newer = ShoeFactory(name="Kith", slug="kith", release_date=datetime.date(2023, 6, 1))
    html = page(client, "/shoes/jjjjound-white/")
    links = dict(re.findall(r'rel="(prev|next)"\s+href="([^"]+)"', html))
    assert links == {"prev": older.get_absolute_url(), "next": newer.get_absolute_url()}


def test_release_order_links_say_they_follow_the_archive_not_every_release(client, archive):
    """The archive holds the releases its sources name, so the shoe after the 2008 original
    here need not be the next one Asics made."""
    ShoeFactory(name="Original", slug="original", release_date=datetime.date(2008, 1, 1))
    ShoeFactory(name="Kith", slug="kith", release_date=datetime.date(2023, 6, 1))
    html = page(client, "/shoes/jjjjound-white/")
    nav = re.search(r'<nav class="release-nav".*?</nav>', html, re.S).group(0)
    assert "Earlier in the archive" in nav
    assert "Later in the archive" in nav
    assert "Previous release" not in html
    assert "Next release" not in html


def test_an_influence_is_not_called_a_collaboration_on_its_pages(client):
    influence = CollaborationFactory(
        kind="influence", title="A designer and the Gel-Kayano 14", slug="influence"
    )
    ShoeFactory(slug="influenced", collaboration=influence)
    shoe_page = page(client, "/shoes/influenced/")
    assert '<th scope="row">Influence</th>' in shoe_page
    assert '<th scope="row">Collaboration</th>' not in shoe_page
    influence_page = page(client, "/collaborations/influence/")
    assert "Releases linked to this influence" in influence_page
    assert "Releases in this collaboration" not in influence_page
    assert "Influence (not a collaboration)" in influence_page
    source = CitationFactory(entry=influence, field="partner").source
    source_page = page(client, source.get_absolute_url())
    assert '<span class="cited-entry__kind">influence</span>' in source_page


def test_a_collaboration_is_labelled_a_collaboration_and_nothing_more(client):
    pack = CollaborationFactory(slug="pack")
    ShoeFactory(slug="pack-pair", collaboration=pack)
    html = page(client, "/collaborations/pack/")
    assert "Releases in this collaboration" in html
    assert "Official" not in html  # the article does not say which partnerships are official
    assert '<th scope="row">Collaboration</th>' in page(client, "/shoes/pack-pair/")


@pytest.mark.parametrize(
    ("url", "model"),
    [
        ("/shoes/{}/", ShoeFactory),
        ("/collaborations/{}/", CollaborationFactory),
        ("/partners/{}/", PartnerFactory),
        ("/trends/{}/", TrendNoteFactory),
    ],
)
def test_a_draft_is_not_found(client, url, model):
    draft = model(slug="secret-draft", status=Status.DRAFT)
    assert draft.pk
    html = page(client, url.format("secret-draft"), status=404)
    assert "Page not found" in html


def test_a_scheduled_entry_is_not_found_until_its_time(client):
    ShoeFactory(slug="soon", publish_at=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC))
    page(client, "/shoes/soon/", status=404)


def test_drafts_are_not_listed(client, archive):
    ShoeFactory(name="Unreleased sample", status=Status.DRAFT)
    TrendNoteFactory(title="Half-written note", status=Status.DRAFT)
    MilestoneFactory(title="Unconfirmed event", status=Status.DRAFT)
    for url, hidden in [
        ("/shoes/", "Unreleased sample"),
        ("/", "Unreleased sample"),
        ("/trends/", "Half-written note"),
        ("/timeline/", "Unconfirmed event"),
    ]:
        assert hidden not in page(client, url)


@pytest.mark.parametrize(
    "url", ["/shoes/nope/", "/collaborations/nope/", "/partners/nope/", "/trends/nope/", "/nope/"]
)
def test_unknown_address_gets_the_custom_not_found_page(client, url):
    html = page(client, url, status=404)
    assert "Page not found" in html
    assert 'href="/shoes/"' in html


def test_timeline_shows_dates_at_their_precision(client, archive):
    html = page(client, "/timeline/")
    assert '<time datetime="1993">1993</time>' in html
    assert '<time datetime="2022-08">August 2022</time>' in html


def test_shoe_list_filters_by_year_kind_colour_and_partner(client, archive):
    ShoeFactory(
        name="Original runner",
        kind=Shoe.Kind.ORIGINAL,
        colour_family=Shoe.ColourFamily.SILVER,
        release_date=datetime.date(2008, 1, 1),
        date_precision=DatePrecision.YEAR,
    )
    assert "Original runner" not in page(client, "/shoes/?year=2022")
    assert "Original runner" in page(client, "/shoes/?year=2008")
    assert "JJJJound x" not in page(client, "/shoes/?kind=original")
    assert "Original runner" in page(client, "/shoes/?colour=silver")
    html = page(client, "/shoes/?partner=jjjjound")
    assert "JJJJound x" in html and "Original runner" not in html


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=99999",
        "page=-1",
        "year=foo",
        "year=99999999999999999999",
        "kind=%00",
        "colour=plaid",
        "partner=nobody",
        "sort=random",
        "theme=%F0%9F%91%9F",
    ],
)
def test_malformed_query_strings_never_break_a_list(client, archive, query):
    for url in ["/shoes/", "/trends/", "/collaborations/"]:
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200, f"{url}?{query}"


def test_shoe_list_pages_through_the_catalog(client):
    ShoeFactory.create_batch(13)
    first = page(client, "/shoes/")
    assert "Page 1 of 2" in first
    assert "Page 2 of 2" in page(client, "/shoes/?page=2")
    assert "Page 2 of 2" in page(client, "/shoes/?page=99999")


def test_sorting_by_price_puts_the_cheapest_first(client):
    ShoeFactory(name="Dear pair", retail_price=250)
    ShoeFactory(name="Cheap pair", retail_price=90)
    ShoeFactory(name="Unpriced pair", retail_price=None)
    html = page(client, "/shoes/?sort=price-low")
    assert html.index("Cheap pair") < html.index("Dear pair") < html.index("Unpriced pair")
    html = page(client, "/shoes/?sort=price-high")
    assert html.index("Dear pair") < html.index("Cheap pair") < html.index("Unpriced pair")


def test_trend_list_filters_by_theme(client):
    TrendNoteFactory(title="Chrome again", theme="y2k")
    TrendNoteFactory(title="All-day wear", theme="comfort")
    html = page(client, "/trends/?theme=comfort")
    assert "All-day wear" in html and "Chrome again" not in html


def test_partner_page_lists_its_collaborations_and_shoes(client, archive):
    html = page(client, "/partners/jjjjound/")
    assert "JJJJound 2022" in html
    assert "JJJJound x Gel-Kayano 14" in html


def test_server_error_shows_the_custom_page(settings):
    settings.ROOT_URLCONF = "tests.urls_raising"
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_timeline_shows_a_few_releases_per_year_and_links_to_the_rest(client):
    ShoeFactory.create_batch(9, release_date=datetime.date(2015, 3, 1))
    html = page(client, "/timeline/")
    assert html.count('class="timeline__entry timeline__entry--release"') == 6
    assert '<a href="/shoes/?year=2015">3 more releases from 2015</a>' in html


def test_a_large_collaboration_shows_its_first_releases_and_a_link_to_all(client):
    collaboration = CollaborationFactory(slug="big-pack", partner=PartnerFactory(slug="kith"))
    ShoeFactory.create_batch(30, collaboration=collaboration)
    html = page(client, "/collaborations/big-pack/")
    assert html.count('class="card shoe-card"') == 24
    assert "Showing 24 of 30." in html
    assert 'href="/shoes/?partner=kith"' in html
    partner_html = page(client, "/partners/kith/")
    assert "All 30 releases of" in partner_html


def test_home_page_html_css_and_js_weigh_at_most_60_kb(client):
    call_command("load_seed", verbosity=0)
    html = page(client, "/")
    assets = re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    assert assets, "the home page links its stylesheet"
    weight = len(html.encode()) + sum(Path(finders.find(asset)).stat().st_size for asset in assets)
    assert weight <= 60 * 1024, f"home page weighs {weight:,} bytes"
