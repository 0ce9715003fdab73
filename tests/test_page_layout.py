"""What the shared page layout shows: breadcrumbs, navigation, filters and unknown facts."""

import json
import re

import pytest

from .factories import ShoeFactory, SourceFactory, TrendNoteFactory

pytestmark = pytest.mark.django_db


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def html_breadcrumbs(html):
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)


def json_ld_breadcrumbs(html):
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(block)
        if data["@type"] == "BreadcrumbList":
            return [
                (item["item"].removeprefix("http://testserver"), item["name"])
                for item in data["itemListElement"]
            ]
    raise AssertionError("no BreadcrumbList")


@pytest.mark.parametrize(
    ("make", "section"),
    [
        (lambda: ShoeFactory(name="Crumb pair", colorway="Grey/Blue"), ("/shoes/", "Shoes")),
        (lambda: TrendNoteFactory(title="Crumb trend"), ("/trends/", "Trends")),
        (lambda: SourceFactory(title="Crumb source"), ("/sources/", "Sources")),
    ],
)
def test_the_page_and_its_json_ld_show_the_same_breadcrumbs(client, make, section):
    entry = make()
    html = html_of(client, entry.get_absolute_url())
    trail = [("/", "Home"), section, (entry.get_absolute_url(), str(entry))]
    assert html_breadcrumbs(html) == trail
    assert json_ld_breadcrumbs(html) == trail
    assert re.search(rf'href="{entry.get_absolute_url()}"\s+aria-current="page"', html)


@pytest.mark.parametrize(
    ("url", "current", "value"),
    [
        ("/shoes/", "/shoes/", "page"),
        ("/trends/", "/trends/", "page"),
        ("/timeline/", "/timeline/", "page"),
    ],
)
def test_the_main_navigation_marks_the_current_section(client, url, current, value):
    nav = re.search(r'<nav class="site-nav".*?</nav>', html_of(client, url), re.S).group(0)
    assert re.findall(r'href="([^"]+)"\s+aria-current="([a-z]+)"', nav) == [(current, value)]


def test_a_detail_page_marks_its_section_as_the_one_it_is_in(client):
    shoe = ShoeFactory()
    nav = re.search(
        r'<nav class="site-nav".*?</nav>', html_of(client, shoe.get_absolute_url()), re.S
    ).group(0)
    assert re.findall(r'href="([^"]+)"\s+aria-current="([a-z]+)"', nav) == [("/shoes/", "true")]


def test_sorting_alone_is_not_filtering(client):
    ShoeFactory()
    html = html_of(client, "/shoes/?sort=name")
    assert "<title>Releases" in html
    assert "Clear filters" not in html
    assert "match these filters" not in html


def test_a_filter_offers_to_clear_itself(client):
    ShoeFactory(kind="general")
    html = html_of(client, "/shoes/?kind=collaboration&sort=name")
    assert "<title>Filtered releases" in html
    assert '<a href="/shoes/">Clear filters</a>' in html
    assert "No shoes match these filters." in html


def test_a_source_says_which_of_its_details_are_not_recorded(client):
    source = SourceFactory(author="", url="https://example.org/story")
    html = html_of(client, source.get_absolute_url())
    author_row = re.search(r"Author or publisher</th>\s*<td>(.*?)</td>", html, re.S).group(1)
    assert "Not recorded" in author_row
    assert '<a href="https://example.org/story" rel="noopener">' in html
