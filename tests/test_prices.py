"""Price history: cited price points, the figures derived from them, the chart and its table."""

import datetime
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse

from catalog.models import PricePoint, Qualifier, Shoe

from .admin_forms import price_rows, shoe_form
from .factories import (
    CollaborationFactory,
    PricePointFactory,
    ShoeFactory,
    SourceFactory,
    chart_prices,
)
from .migrations import migrate_to, migrate_to_latest

pytestmark = pytest.mark.django_db


def point(release, kind="retail", amount="180", **fields):
    return PricePointFactory(release=release, kind=kind, amount=Decimal(amount), **fields)


def facts_row(html, label):
    return re.search(rf"{label}</th><td>(.*?)</td>", html, re.S).group(1)


# Derived figures


def test_the_retail_price_is_the_earliest_dated_retail_point():
    shoe = ShoeFactory()
    point(shoe, amount="200", observed_on=datetime.date(2024, 1, 1))
    point(shoe, amount="180", observed_on=datetime.date(2022, 8, 1))
    point(shoe, amount="150", observed_on=None)
    shoe.refresh_from_db()
    assert shoe.retail_price_display == "$180"


def test_the_resale_peak_is_the_highest_resale_point_and_keeps_its_hedge():
    shoe = ShoeFactory()
    point(shoe, amount="180")
    point(shoe, "resale", "700", qualifier=Qualifier.EXACT)
    point(shoe, "resale", "700", qualifier=Qualifier.OVER)
    point(shoe, "resale", "450")
    point(shoe, "resale", "90000", currency="JPY")  # another currency: not comparable
    shoe.refresh_from_db()
    assert shoe.resale_peak_display == "over $700"


def test_deleting_a_point_derives_the_figures_again():
    collaboration = CollaborationFactory(retail_price=None)
    resale = point(collaboration, "resale", "700", qualifier=Qualifier.OVER)
    collaboration.refresh_from_db()
    assert collaboration.resale_peak == Decimal("700")
    resale.delete()
    collaboration.refresh_from_db()
    assert collaboration.resale_peak is None


def test_a_price_list_sorts_by_the_derived_retail_price(client):
    ShoeFactory(name="Dear pair", retail_price=250)
    cheap = ShoeFactory(name="Cheap pair")
    point(cheap, amount="90")
    html = client.get("/shoes/?sort=price-low").content.decode()
    assert html.index("Cheap pair") < html.index("Dear pair")


# Pages


def test_a_derived_price_cites_the_source_of_its_point(client):
    shoe = ShoeFactory(slug="priced")
    article = SourceFactory(title="The reference article")
    point(shoe, source=article, locator="¶28")
    html = client.get("/shoes/priced/").content.decode()
    assert '<a href="#note-1"' in facts_row(html, "Retail price")
    assert re.search(r'id="note-1">.*The reference article</a>, ¶28', html)


def test_an_uncited_price_is_shown_without_a_reference_and_says_so(client):
    ShoeFactory(slug="uncited", retail_price=120)
    html = client.get("/shoes/uncited/").content.decode()
    assert "$120" in facts_row(html, "Retail price")
    assert "ref" not in facts_row(html, "Retail price")
    assert "(no source yet)" in html


def test_a_retail_price_is_shown_as_its_source_prints_it(client):
    """ "$180" is what the article prints; naming the dollar would add a fact it leaves out."""
    ShoeFactory(slug="priced", retail_price=180)
    row = facts_row(client.get("/shoes/priced/").content.decode(), "Retail price")
    assert "$180" in row
    assert "dollar" not in row


def test_two_dated_cited_points_draw_a_chart_beside_a_table_of_the_same_points(client):
    shoe = ShoeFactory(slug="charted")
    chart_prices(shoe)
    html = client.get("/shoes/charted/").content.decode()
    found = re.search(r"<svg[^>]*price-chart.*?</svg>", html, re.S).group(0)
    svg = ET.fromstring(found)  # noqa: S314 - our own page
    marks = [title.text for title in svg.iter("title")][1:]  # the first names the chart
    assert marks == [
        "Retail price: $180, August 2022",
        "Reported resale price: over $700, June 2023",
    ]
    table = re.search(r'<table class="facts__table price-history__table">.*?</table>', html, re.S)
    rows = re.findall(
        r"<tr>\s*<td>(.*?)</td>\s*<th scope=\"row\">(.*?)</th>\s*<td>(.*?)<", table.group(0), re.S
    )
    shown = [(re.sub(r"<[^>]+>", "", date), kind, amount) for date, kind, amount in rows]
    assert shown == [
        ("August 2022", "Retail price", "$180"),
        ("June 2023", "Reported resale price", "over $700"),
        ("Not recorded", "Reported resale price", "about $400"),
    ]
    # Every plotted mark is a row of the table.
    for date, kind, amount in shown[:2]:
        assert f"{kind}: {amount}, {date}" in marks


def test_a_bound_keeps_its_hedge_on_the_chart(client):
    shoe = ShoeFactory(slug="bounded")
    chart_prices(shoe)
    html = client.get("/shoes/bounded/").content.decode()
    over = re.search(r'<g class="price-chart__mark price-chart__mark--over".*?</g>', html, re.S)
    assert "<path" in over.group(0)  # the arrow pointing up
    assert "An arrow up: more than the figure" in html


def test_nothing_uncited_or_undated_is_plotted(client):
    shoe = ShoeFactory(slug="thin")
    point(shoe, observed_on=datetime.date(2022, 8, 1))
    point(shoe, "resale", "700", observed_on=datetime.date(2023, 6, 1), source=None, locator="")
    point(shoe, "resale", "650", observed_on=None)
    html = client.get("/shoes/thin/").content.decode()
    assert "<svg" not in html.split("price-history-title", 1)[1].split("</section>", 1)[0]
    assert html.count("price-history__table") == 1
    assert "over" not in facts_row(html, "Resale peak")
    assert "$700" in facts_row(html, "Resale peak")


def test_a_release_without_points_shows_no_price_history(client):
    ShoeFactory(slug="unpriced")
    html = client.get("/shoes/unpriced/").content.decode()
    assert "Price history" not in html
    assert "Not recorded" in facts_row(html, "Retail price")


def test_a_collaboration_page_shows_its_price_history(client):
    collaboration = CollaborationFactory(slug="jjjjound-2022", retail_price=None)
    chart_prices(collaboration)
    html = client.get("/collaborations/jjjjound-2022/").content.decode()
    assert "Price history" in html
    assert 'class="price-chart__svg"' in html
    assert "over $700" in facts_row(html, "Resale peak")


# Editors


def test_an_editor_adds_cited_points_and_the_page_shows_the_derived_prices(admin_client, client):
    article = SourceFactory(title="The reference article")
    form = shoe_form(
        **price_rows(
            {"amount": "180", "source": str(article.pk), "locator": "¶28"},
            {
                "kind": "resale",
                "amount": "700",
                "qualifier": "over",
                "source": str(article.pk),
                "locator": "¶28",
                "observed_on": "2023-06-01",
            },
        )
    )
    response = admin_client.post(reverse("admin:catalog_shoe_add"), form)
    assert response.status_code == 302
    shoe = Shoe.objects.get()
    assert (shoe.retail_price_display, shoe.resale_peak_display) == ("$180", "over $700")
    html = client.get(shoe.get_absolute_url()).content.decode()
    assert "over $700" in facts_row(html, "Resale peak")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"locator": "¶28"}, "Choose the source this locator and excerpt point into."),
        ({"source": "source", "locator": ""}, "Say where in the source the figure is."),
        (
            {
                "source": "source",
                "locator": "¶1",
                "excerpt": "one two three four five six seven eight",
            },
            "Keep the excerpt to 7 words or fewer",
        ),
    ],
)
def test_a_bad_price_point_is_refused_and_nothing_is_saved(admin_client, row, message):
    source = SourceFactory()
    row = {name: str(source.pk) if value == "source" else value for name, value in row.items()}
    response = admin_client.post(reverse("admin:catalog_shoe_add"), shoe_form(**price_rows(row)))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Shoe.objects.exists()
    assert not PricePoint.objects.exists()


def test_the_prices_are_no_longer_typed_on_the_shoe_form(admin_client):
    html = admin_client.get(reverse("admin:catalog_shoe_add")).content.decode()
    assert 'name="retail_price"' not in html
    assert "Derived from the price history below" in html


# Sources


def test_a_source_counts_and_lists_the_prices_that_cite_it(client):
    article = SourceFactory(title="The reference article")
    shoe = ShoeFactory(name="Priced pair")
    point(shoe, source=article, locator="¶28")
    assert "1 fact cites it" in client.get("/sources/").content.decode()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Priced pair" in html
    assert "Retail price: $180, August 2022" in html


# The data migration


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_stored_figures_and_their_citations_into_points():
    old = migrate_to("catalog", "0018_price_points")
    content_type = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="catalog", model="collaboration"
    )[0]
    partner = old.get_model("catalog", "Partner").objects.create(name="JJJJound", slug="jjjjound")
    collaboration = old.get_model("catalog", "Collaboration").objects.create(
        partner=partner,
        title="JJJJound 2022",
        slug="jjjjound-2022",
        summary="A release.",
        retail_price=Decimal("180"),
        resale_peak=Decimal("700"),
        resale_peak_qualifier="over",
    )
    source = old.get_model("catalog", "Source").objects.create(title="The article")
    old.get_model("catalog", "Citation").objects.create(
        source=source,
        content_type=content_type,
        object_id=collaboration.pk,
        field="resale_peak",
        locator="¶28",
        excerpt="some pairs reaching over $700",
    )

    new = migrate_to("catalog", "0019_prices_become_points")
    points = new.get_model("catalog", "PricePoint").objects.order_by("kind")
    assert [
        (p.kind, p.amount, p.qualifier, p.observed_on, p.source_id, p.locator) for p in points
    ] == [
        ("resale", Decimal("700"), "over", None, source.pk, "¶28"),
        ("retail", Decimal("180"), "exact", None, None, ""),
    ]
    assert not new.get_model("catalog", "Citation").objects.filter(field="resale_peak").exists()
    migrate_to_latest()


def test_deleting_a_release_deletes_its_points_without_deriving_anything(
    django_assert_max_num_queries,
):
    shoe = ShoeFactory()
    chart_prices(shoe)
    with django_assert_max_num_queries(6):  # the points and the shoe, not a derivation each
        shoe.delete()
    assert not PricePoint.objects.exists()


def test_an_uncited_price_point_is_flagged_for_editors(admin_client):
    ShoeFactory(name="Unsourced pair", retail_price=120)
    cited = ShoeFactory(name="Sourced pair")
    point(cited)
    listing = admin_client.get(reverse("admin:catalog_shoe_changelist")).content.decode()
    row = re.search(r"Unsourced pair.*?</tr>", listing, re.S).group(0)
    assert re.search(r'<strong class="uncited">[^<]*Price points</strong>', row)
    sourced = re.search(r"Sourced pair.*?</tr>", listing.replace("Unsourced", ""), re.S)
    assert "Price points" not in sourced.group(0)
    page = admin_client.get(reverse("admin-uncited-facts")).content.decode()
    unsourced = re.search(r"Unsourced pair[^<]*</a></td><td>([^<]*)<", page).group(1)
    sourced = re.search(r"[^n]Sourced pair[^<]*</a></td><td>([^<]*)<", page).group(1)
    assert "Price points" in unsourced
    assert "Price points" not in sourced
