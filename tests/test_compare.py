"""Comparing two to four releases side by side at /compare/?shoes=a,b,c,d."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.comparison import compare_url, read_choice
from catalog.models import Collaboration, Status

from .catalogs import add_shoes, build_catalog, empty_caches
from .factories import (
    CitationFactory,
    CollaborationFactory,
    ShoeFactory,
    SourceFactory,
    TechnologyFactory,
    image_file,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shoes():
    """Four published releases; two share a colorway, each has a cited fact."""
    source = SourceFactory(title="The reference article")
    gel = TechnologyFactory(slug="gel", name="GEL")
    collaboration = CollaborationFactory(title="Studio 2022", slug="studio-2022")
    made = {}
    for n, (slug, colorway, price) in enumerate(
        [
            ("alpha", "Cream/Antler", Decimal("170")),
            ("bravo", "Cream/Scarab", Decimal("170")),
            ("charlie", "Cream/Antler", Decimal("150")),
            ("delta", "White/Silver", Decimal("180")),
        ]
    ):
        shoe = ShoeFactory(
            slug=slug,
            name=f"Release {slug}",
            colorway=colorway,
            retail_price=price,
            release_date=datetime.date(2022 + n, 6, 1),
            collaboration=collaboration if slug != "delta" else None,
        )
        shoe.technologies.add(gel)
        CitationFactory(entry=shoe, source=source, field="colorway", locator=f"¶{n + 1}")
        made[slug] = shoe
    ShoeFactory(slug="secret", name="Unreleased draft", status=Status.DRAFT)
    ShoeFactory(
        slug="later",
        name="Scheduled release",
        publish_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2),
    )
    return made


def page(client, query):
    response = client.get(f"/compare/{query}")
    assert response.status_code == 200
    return response.content.decode()


def columns(html):
    """The compared releases, in order, from the table's column headings."""
    return re.findall(r'<th scope="col" class="compare__shoe">\s*<a href="/shoes/([^/]+)/">', html)


def row(html, label):
    """The table row whose heading starts with `label`."""
    match = re.search(rf"<tr[^>]*>\s*<th scope=\"row\">\s*{label}\b.*?</tr>", html, re.S)
    assert match, f"no {label} row"
    return match.group(0)


def test_two_releases_side_by_side_with_facts_and_their_sources(client, shoes):
    html = page(client, "?shoes=alpha,bravo")
    assert columns(html) == ["alpha", "bravo"]
    colorways = row(html, "Colorway")
    assert "Cream/Antler" in colorways and "Cream/Scarab" in colorways
    assert colorways.count('<sup class="ref">') == 2
    assert 'id="notes-title">Sources</h2>' in html
    assert "The reference article" in html
    assert html.count('class="shoe-illustration"') == 2  # a drawing for each: no pictures


def test_four_releases_keep_the_order_given(client, shoes):
    assert columns(page(client, "?shoes=delta,alpha,charlie,bravo")) == [
        "delta",
        "alpha",
        "charlie",
        "bravo",
    ]


def test_rows_whose_values_differ_are_marked_for_sight_and_screen_readers(client, shoes):
    html = page(client, "?shoes=alpha,charlie")
    colorway, price, technologies = (
        row(html, "Colorway"),
        row(html, "Retail price"),
        row(html, "Technologies"),
    )
    assert 'class="differs"' not in colorway and "(differs)" not in colorway  # both Cream/Antler
    assert 'class="differs"' in price
    assert 'class="visually-hidden">(differs)</span>' in price
    assert 'class="differs__mark" aria-hidden="true">≠</span>' in price
    assert "(differs)" not in technologies  # both GEL
    assert "(differs)" in row(html, "Release date")
    assert "(differs)" not in row(html, "Collaboration")


def test_a_collaboration_and_none_differ(client, shoes):
    assert "(differs)" in row(page(client, "?shoes=alpha,delta"), "Collaboration")


def test_drafts_and_scheduled_releases_are_dropped_without_saying_they_exist(client, shoes):
    html = page(client, "?shoes=alpha,secret,later,bravo")
    assert columns(html) == ["alpha", "bravo"]
    assert "Unreleased draft" not in html and "Scheduled release" not in html
    assert "Not among the published releases, so left out: “secret”, “later”." in html


def test_more_than_four_are_trimmed_with_a_message(client, shoes):
    ShoeFactory(slug="echo")
    html = page(client, "?shoes=alpha,bravo,charlie,delta,echo")
    assert columns(html) == ["alpha", "bravo", "charlie", "delta"]
    assert "At most 4 releases fit side by side; left out: “echo”." in html


HOSTILE = [
    # (query, releases compared, words the message must show)
    ("?shoes=alpha,alpha,bravo", ["alpha", "bravo"], ["compared once: “alpha”"]),
    ("?shoes=alpha,,bravo,", ["alpha", "bravo"], ["Left out 2 empty entries."]),
    ("?shoes=,,,", [], ["Left out 4 empty entries."]),
    ("?shoes=%20alpha%20,bravo", ["alpha", "bravo"], []),
    ("?shoes=nope,alpha", ["alpha"], ["left out: “nope”"]),
    (
        "?shoes=%3Cscript%3Ealert(1)%3C/script%3E,alpha",
        ["alpha"],
        ["“&lt;script&gt;alert(1)&lt;/script&gt;”"],
    ),
    ("?shoes=caf%C3%A9,alpha", ["alpha"], ["“café”"]),
    ("?shoes=%00%01,alpha", ["alpha"], ["“\ufffd\ufffd”"]),
    ("?shoes=" + "x" * 5000, [], ["“" + "x" * 39 + "…”"]),
    (
        "?shoes=" + ",".join(f"s{n}" for n in range(3000)),
        [],
        ["“s0”, “s1”", "and 3 more", "“s8”", "and 2987 more"],
    ),
    ("?shoes=alpha&shoes=bravo", ["bravo"], []),  # as forms read it: the last value
    ("?shoes=../../etc/passwd,alpha", ["alpha"], ["“../../etc/passwd”"]),
    ("?shoes=ALPHA", [], ["“ALPHA”"]),
    ("?shoes[]=alpha&other=1", [], []),
    ("?shoes=%E2%80%AE%F0%9F%91%9F", [], ["“\ufffd👟”"]),
]


@pytest.mark.parametrize(("query", "compared", "said"), HOSTILE)
def test_hostile_addresses_are_answered_with_what_was_dropped(client, shoes, query, compared, said):
    html = page(client, query)
    assert columns(html) == compared
    for words in said:
        assert words in html
    assert "<script>alert" not in html


def test_a_dropped_item_is_never_stored_in_the_page_cache(client, shoes):
    for query in (
        "?shoes=alpha,nope",
        "?shoes=alpha,alpha",
        "?shoes=alpha,,bravo",
        "?shoes=%20alpha",
    ):
        cache.clear()
        assert client.get(f"/compare/{query}").status_code == 200
        assert not stored(client, f"/compare/{query}"), query


def stored(client, url):
    """Whether a repeat visit is answered from the page cache (no query at all)."""
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries) == 0


@pytest.mark.usefixtures("one_moment")
def test_a_canonical_comparison_is_stored(client, shoes):
    client.get("/compare/?shoes=alpha,bravo")
    assert stored(client, "/compare/?shoes=alpha,bravo")


def test_the_canonical_link_names_what_was_compared(client, shoes):
    html = page(client, "?shoes=alpha,nope,alpha,bravo")
    assert re.search(r'<link rel="canonical" href="[^"]*/compare/\?shoes=alpha,bravo">', html)
    assert '<meta name="robots" content="noindex, follow">' in html


def test_no_release_explains_how_to_choose(client, shoes):
    html = page(client, "")
    assert "How to choose releases" in html
    assert 'href="/shoes/"' in html
    assert "compare__table" not in html
    assert "noindex" not in html


def test_one_release_explains_how_to_add_others_from_its_family(client, shoes):
    html = page(client, "?shoes=alpha")
    assert columns(html) == ["alpha"]
    assert "How to choose releases" in html
    form = re.search(r'<form class="compare-picker".*?</form>', html, re.S).group(0)
    assert 'action="/compare/select/"' in form
    assert '<input type="hidden" name="shoes" value="alpha">' in form
    for sibling in ("bravo", "charlie"):  # the same collaboration
        assert f'name="shoes" value="{sibling}" id="pick-{sibling}"' in form


def test_a_full_comparison_offers_no_more_releases(client, shoes):
    assert "compare-picker" not in page(client, "?shoes=alpha,bravo,charlie,delta")


def test_remove_links_keep_the_others_in_order(client, shoes):
    html = page(client, "?shoes=alpha,bravo,charlie")
    assert 'href="/compare/?shoes=alpha,charlie">Remove' in html
    assert 'href="/compare/?shoes=bravo,charlie">Remove' in html


def test_ticked_boxes_lead_to_the_comparison(client, shoes):
    response = client.get("/compare/select/?shoes=alpha&shoes=charlie")
    assert response.status_code == 302
    assert response["Location"] == "/compare/?shoes=alpha,charlie"
    assert columns(page(client, "?shoes=alpha,charlie")) == ["alpha", "charlie"]


@pytest.mark.parametrize(
    "query", ["", "?shoes=", "?shoes=%3Cb%3E", "?other=1", "?shoes=a&shoes=b," + "c," * 500]
)
def test_the_selection_redirect_never_fails(client, query):
    response = client.get(f"/compare/select/{query}")
    assert response.status_code == 302
    assert response["Location"].startswith("/compare/")


def test_the_selection_redirect_takes_only_get(client):
    assert client.post("/compare/select/", {"shoes": "a"}).status_code == 405


def test_read_choice_keeps_order_and_bounds_the_lookup():
    choice = read_choice("b, a ,b,,c-1,<x>," + ",".join(f"s{n}" for n in range(20)))
    assert choice.wanted == ["b", "a", "c-1", "s0", "s1", "s2", "s3", "s4"]
    assert choice.repeated == ["b"]
    assert choice.malformed == ["<x>"]
    assert choice.empty == 1
    assert choice.too_many[:2] == ["s5", "s6"]


def test_compare_url_takes_shoes_and_lists_each_once_at_most_four(shoes):
    alpha, bravo, charlie, delta = shoes.values()
    assert compare_url(alpha) == "/compare/?shoes=alpha"
    assert compare_url(alpha, [bravo, alpha], None) == "/compare/?shoes=alpha,bravo"
    assert (
        compare_url(delta, [alpha, bravo, charlie]) == "/compare/?shoes=delta,alpha,bravo,charlie"
    )
    assert compare_url([alpha, bravo, charlie, delta], alpha).count(",") == 3


def test_cards_link_to_a_comparison(client, shoes):
    html = client.get("/shoes/").content.decode()
    assert (
        '<a class="card__compare" href="/compare/?shoes=alpha">Compare<span\n'
        '      class="visually-hidden"> Release alpha (Cream/Antler)</span></a>'
    ) in html


def test_the_list_of_releases_has_a_form_to_compare_those_ticked(client, shoes):
    html = client.get("/shoes/").content.decode()
    form = re.search(r'<form class="compare-picker".*?</form>', html, re.S).group(0)
    assert 'method="get" action="/compare/select/"' in form
    assert "Compare selected" in form
    assert form.count('type="checkbox" name="shoes"') == 4


def test_a_shoe_page_links_to_compare_it_with_its_neighbours(client, shoes):
    html = client.get("/shoes/bravo/").content.decode()
    assert 'href="/compare/?shoes=bravo,alpha">Compare with the earlier one' in html
    assert 'href="/compare/?shoes=bravo,charlie">Compare with the later one' in html


def test_a_shoe_without_neighbours_links_to_compare_with_others(client):
    ShoeFactory(slug="lonely", release_date=None)
    html = client.get("/shoes/lonely/").content.decode()
    assert 'href="/compare/?shoes=lonely">Compare with other releases' in html


@pytest.mark.parametrize("count", [2, 4])
def test_the_compare_page_stays_within_the_budget_whatever_the_catalog(client, count):
    build_catalog(10)
    query = "?shoes=" + ",".join(f"shoe-{n}" for n in range(count))
    with CaptureQueriesContext(connection) as small:
        assert client.get(f"/compare/{query}").status_code == 200
    add_shoes(990, list(Collaboration.objects.all()), [], start=10)
    empty_caches()
    with CaptureQueriesContext(connection) as large:
        html = client.get(f"/compare/{query}").content.decode()
    assert len(columns(html)) == count
    assert len(large) == len(small) <= 8


def test_shoes_without_facts_say_not_recorded(client):
    ShoeFactory(slug="bare-1", colorway="", designer="")
    ShoeFactory(slug="bare-2", colorway="", designer="")
    html = page(client, "?shoes=bare-1,bare-2")
    assert row(html, "Designer").count("Not recorded") == 2
    assert "(differs)" not in row(html, "Designer")


def test_a_picture_is_shown_when_a_release_has_one(client, shoes):
    shoe = shoes["alpha"]
    shoe.picture, shoe.picture_alt = image_file(width=1200, height=750), "A cream shoe"
    shoe.save()
    html = page(client, "?shoes=alpha,bravo")
    assert 'alt="A cream shoe"' in html
    assert html.count('class="shoe-illustration"') == 1
