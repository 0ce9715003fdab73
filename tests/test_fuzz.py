"""
Property-based tests: whatever a visitor (or a bot) sends, no public URL answers 5xx.

Hypothesis throws generated slugs, query strings and odd headers at every URL pattern of a
small catalog. The test client re-raises a view's exception, so a crash fails with its own
traceback; anything that does answer must answer below 500. For a longer hunt, multiply
the number of examples: `FUZZ_SCALE=20 .venv/bin/python -m pytest tests/test_fuzz.py`.
"""

import datetime
import os
from urllib.parse import quote

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.models import Shoe

from .factories import (
    CollaborationFactory,
    MilestoneFactory,
    PartnerFactory,
    ShoeFactory,
    TrendNoteFactory,
)

pytestmark = pytest.mark.django_db

SCALE = int(os.environ.get("FUZZ_SCALE", "1"))
FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PAGES = [
    "/",
    "/shoes/",
    "/collaborations/",
    "/trends/",
    "/timeline/",
    "/about/",
    "/search/",
    "/feeds/trends/",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
    "/admin/login/",
]
DETAIL_PREFIXES = ["/shoes/", "/collaborations/", "/partners/", "/trends/"]
KNOWN_SLUGS = ["fuzz-shoe-0", "fuzz-collab", "fuzz-partner", "fuzz-trend"]
DETAIL_PAGES = [
    f"{prefix}{slug}/" for prefix, slug in zip(DETAIL_PREFIXES, KNOWN_SLUGS, strict=True)
]


@pytest.fixture
def small_catalog():
    """Enough of everything for two pages of shoes, filters, a feed and a sitemap."""
    partner = PartnerFactory(slug="fuzz-partner")
    collaboration = CollaborationFactory(slug="fuzz-collab", partner=partner)
    shoes = [
        ShoeFactory(
            slug=f"fuzz-shoe-{n}",
            collaboration=collaboration if n % 2 else None,
            kind=list(Shoe.Kind)[n % 4],
            release_date=datetime.date(2008 + n, 1, 1),
        )
        for n in range(14)
    ]
    ShoeFactory(slug="fuzz-undated", release_date=None, retail_price=None, colour_family="")
    note = TrendNoteFactory(slug="fuzz-trend")
    note.shoes.set(shoes[:3])
    note.collaborations.set([collaboration])
    MilestoneFactory()


def test_the_fixture_catalog_is_public(client, small_catalog):
    """The fuzzers start from pages that work, so a 404 everywhere cannot pass for robustness."""
    for path in PAGES + DETAIL_PAGES:
        if path != "/admin/login/":
            assert client.get(path).status_code == 200, path
    assert client.get("/shoes/", {"page": "2"}).context["page_obj"].number == 2


def assert_no_server_error(response, request):
    assert response.status_code < 500, f"{request} answered {response.status_code}"


# Text of every kind: unicode, NUL and other control characters, slashes and dots.
any_text = st.text(max_size=40)
huge_text = st.builds(
    lambda part, n: part * n, st.text(min_size=1, max_size=3), st.integers(1000, 3000)
)
tricky_slugs = st.sampled_from(
    [
        "..",
        ".",
        "../..",
        "a/b",
        "%00",
        "\x00",
        "%2e%2e",
        "ü",
        "🥿",
        "-",
        "_",
        "a" * 5000,
        *KNOWN_SLUGS,
    ]
)
slugs = st.one_of(
    st.text(min_size=1, max_size=40),
    st.from_regex(r"[-a-zA-Z0-9_]{1,200}", fullmatch=True),  # matches <slug:>: reaches the view
    tricky_slugs,
    huge_text,
)


@settings(FUZZ, max_examples=100 * SCALE)
@given(slug=slugs, trailing_slash=st.booleans())
def test_any_slug_answers_without_a_server_error(client, small_catalog, slug, trailing_slash):
    for prefix in DETAIL_PREFIXES:
        path = prefix + quote(slug, safe="") + ("/" if trailing_slash else "")
        assert_no_server_error(client.get(path), path)


KEYS = ["page", "year", "partner", "sort", "kind", "colour", "theme", "q", "p", "nocache", "next"]
VALID_VALUES = [
    "1", "2", "0", "-1", "999999", "last", "2008", "2013", "fuzz-partner", "newest", "oldest",
    "price-low", "price-high", "name", "general", "collaboration", "white", "multi", "y2k",
    "kayano", "kayano white", "%", "_", "' OR 1=1 --", "\x00", "",
]  # fmt: skip
values = st.one_of(
    st.sampled_from(VALID_VALUES),
    any_text,
    st.integers().map(str),
    st.floats(allow_nan=True).map(str),
    huge_text,
)
queries = st.dictionaries(
    st.one_of(st.sampled_from(KEYS), any_text),
    st.one_of(values, st.lists(values, min_size=2, max_size=4)),  # lists repeat the key
    max_size=6,
)


@settings(FUZZ, max_examples=300 * SCALE)
@given(path=st.sampled_from(PAGES), query=queries)
def test_any_query_string_answers_without_a_server_error(client, small_catalog, path, query):
    cache.clear()
    assert_no_server_error(client.get(path, query), f"{path} {query!r}")


# Header values as a WSGI server hands them over: latin-1 text, printable.
header_text = st.text(st.characters(min_codepoint=32, max_codepoint=255), max_size=200)
HTTP_DATES = ["Thu, 01 Jan 1970 00:00:00 GMT", "Sat, 01 Jan 9999 23:59:59 GMT", "Mon, 99 Foo"]
headers = st.fixed_dictionaries(
    {},
    optional={
        "Accept": st.one_of(
            header_text, st.sampled_from(["*/*;q=x", "application/atom+xml", "text/html;q=0"])
        ),
        "Accept-Language": st.one_of(
            header_text, st.sampled_from(["*", "zz-ZZ", "en-gb;q=abc", "x" * 1000])
        ),
        "Accept-Encoding": st.one_of(header_text, st.sampled_from(["br;q=abc", "*;q=0"])),
        "If-None-Match": st.one_of(
            header_text, st.sampled_from(["*", '""', 'W/"x"', '"a", W/"b", *', '"' * 99])
        ),
        "If-Match": st.one_of(header_text, st.sampled_from(["*", '"nope"'])),
        "If-Modified-Since": st.one_of(
            header_text, st.sampled_from([*HTTP_DATES, "-1", "0", "99999999999999999999"])
        ),
        "If-Unmodified-Since": st.one_of(header_text, st.sampled_from(HTTP_DATES)),
        "Range": st.one_of(
            header_text, st.sampled_from(["bytes=0-", "bytes=abc", "bytes=5-1", "bytes=0-0," * 200])
        ),
        "Cookie": st.one_of(
            header_text,
            st.sampled_from(
                [
                    "sessionid=garbage; csrftoken=;;;",
                    "sessionid=" + "x" * 8000,
                    "a=" + "b" * 16000,
                    "=; =; ;",
                    'sessionid="unterminated',
                ]
            ),
        ),
        "Host": st.sampled_from(["evil.example", "127.0.0.1:99999", "[::1", "", "testserver:"]),
        "X-Forwarded-Proto": st.sampled_from(["https", "gopher", ""]),
    },
)


@settings(FUZZ, max_examples=200 * SCALE)
@given(
    path=st.sampled_from(PAGES + DETAIL_PAGES),
    method=st.sampled_from(["GET", "GET", "HEAD", "OPTIONS", "POST"]),
    headers=headers,
)
def test_odd_headers_answer_without_a_server_error(client, small_catalog, path, method, headers):
    cache.clear()
    response = client.generic(method, path, headers=headers)
    assert_no_server_error(response, f"{method} {path} {headers!r}")
    # A second request, which a page cache may now answer, must not crash either.
    response = client.generic(method, path, headers=headers)
    assert_no_server_error(response, f"{method} {path} {headers!r} (second time)")
