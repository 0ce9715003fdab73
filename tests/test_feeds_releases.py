"""
The Atom feeds: releases (site-wide and per partner) and trend notes. Each is checked
against the W3C feed validator's rules for Atom, shows only what visitors may see, gives
dates only as precisely as they are known, and runs a fixed number of queries.
"""

import datetime
import re
import uuid
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.feedgenerator import rfc3339_date

from catalog.dates import DatePrecision
from catalog.feeds import RELEASES_FEED_SIZE
from catalog.models import Shoe, Status

from .catalogs import empty_caches
from .factories import CollaborationFactory, PartnerFactory, ShoeFactory, TrendNoteFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
RFC_3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
SITE_NAME = "Kayano 14 Archive"


def one(element, name):
    """The single child `name` of `element`: Atom allows exactly one of each used here."""
    found = element.findall(f"{ATOM}{name}")
    assert len(found) == 1, f"{len(found)} <{name}> in <{element.tag}>"
    return found[0]


def assert_date(element):
    assert RFC_3339.fullmatch(element.text), element.text
    return datetime.datetime.fromisoformat(element.text)


def assert_iri(text):
    parts = urlsplit(text)
    assert parts.scheme and ":" in text and not re.search(r"\s", text), text


def assert_author(element):
    author = one(element, "author")
    assert one(author, "name").text == SITE_NAME


def assert_valid_atom(response, self_url):
    """The feed as the W3C validator reads it: well-formed Atom, with the feed's id, title,
    updated, author and self link, and each entry's id, title, updated, link and author;
    ids unique IRIs, dates RFC 3339. Returns the feed element."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    # Parsing our own output: no untrusted XML here.
    feed = ElementTree.fromstring(response.content)  # noqa: S314
    assert feed.tag == f"{ATOM}feed"
    assert one(feed, "title").text
    assert_author(feed)
    feed_updated = assert_date(one(feed, "updated"))
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"] == self_url
    assert links["alternate"].startswith("http://testserver/")
    ids = [one(feed, "id").text]
    for entry in feed.findall(f"{ATOM}entry"):
        ids.append(one(entry, "id").text)
        assert one(entry, "title").text
        assert assert_date(one(entry, "updated")) <= feed_updated
        link = one(entry, "link")
        assert link.get("rel") == "alternate"
        assert link.get("href").startswith("http://testserver/")
        assert_author(entry)
        assert one(entry, "summary").get("type") == "html"
    for each in ids:
        assert_iri(each)
    assert len(set(ids)) == len(ids), ids
    return feed


def entries(feed):
    return feed.findall(f"{ATOM}entry")


def titles(feed):
    return [one(entry, "title").text for entry in entries(feed)]


def release_feed(client):
    return assert_valid_atom(client.get("/feeds/releases/"), "http://testserver/feeds/releases/")


def trend_feed(client):
    return assert_valid_atom(client.get("/feeds/trends/"), "http://testserver/feeds/trends/")


def partner_feed(client, slug):
    return assert_valid_atom(
        client.get(f"/partners/{slug}/feed/"), f"http://testserver/partners/{slug}/feed/"
    )


@pytest.fixture
def kith():
    """Kith with a public collaboration, a draft one, and shoes of every visibility."""
    kith = PartnerFactory(name="Kith", slug="kith")
    vintage = CollaborationFactory(partner=kith, slug="vintage-tech", title="Vintage Tech")
    hidden = CollaborationFactory(partner=kith, slug="kith-draft", status=Status.DRAFT)
    ShoeFactory(name="Kith Cream", colorway="Cream/Antler", collaboration=vintage)
    ShoeFactory(name="Kith Draft shoe", collaboration=vintage, status=Status.DRAFT)
    ShoeFactory(name="Kith Unannounced", collaboration=hidden)
    other = CollaborationFactory(partner=PartnerFactory(name="Atmos", slug="atmos"))
    ShoeFactory(name="Atmos pair", collaboration=other)
    ShoeFactory(name="General pair")
    return kith


# Validity, authors, head links


def test_release_feed_is_valid_atom_with_the_archive_as_author(client, kith):
    feed = release_feed(client)
    assert one(feed, "title").text == f"Releases — {SITE_NAME}"
    assert len(entries(feed)) == 4


def test_trend_feed_is_valid_atom_and_names_its_author(client):
    TrendNoteFactory(title="Dad shoe", slug="dad-shoe")
    TrendNoteFactory(title="Gorpcore", slug="gorpcore")
    feed = trend_feed(client)
    assert titles(feed) == ["Dad shoe", "Gorpcore"]


def test_partner_feed_is_valid_atom(client, kith):
    feed = partner_feed(client, "kith")
    assert one(feed, "title").text == f"Kith releases — {SITE_NAME}"
    alternate = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
    assert alternate[0].get("href") == "http://testserver/partners/kith/"


def test_an_empty_feed_is_still_valid_atom(client):
    assert entries(release_feed(client)) == []
    PartnerFactory(slug="quiet")
    assert entries(partner_feed(client, "quiet")) == []


def test_every_page_links_the_release_feed_from_its_head(client, kith):
    for path in ("/", "/shoes/", "/partners/kith/"):
        head = client.get(path).content.decode().partition("</head>")[0]
        assert '<link rel="alternate" type="application/atom+xml"' in head
        assert 'href="/feeds/releases/"' in head
        assert 'href="/feeds/trends/"' in head


def test_a_partner_page_also_links_its_own_feed(client, kith):
    head = client.get("/partners/kith/").content.decode().partition("</head>")[0]
    assert 'href="/partners/kith/feed/"' in head
    assert 'title="Kayano 14 Archive: Kith releases"' in head
    assert "/feed/" not in client.get("/shoes/").content.decode().partition("</head>")[0]


def test_a_draft_partners_preview_links_no_feed_that_would_answer_404(editor_client):
    PartnerFactory(slug="secret", status=Status.DRAFT)
    html = editor_client.get("/partners/secret/").content.decode()
    assert "Preview." in html
    assert "/partners/secret/feed/" not in html


def test_the_footer_lists_both_feeds(client):
    footer = client.get("/").content.decode().partition('<footer class="site-footer">')[2]
    assert 'href="/feeds/trends/"' in footer
    assert 'href="/feeds/releases/">Releases feed (Atom)</a>' in footer


# What the feeds show


def test_releases_are_listed_newest_release_first_and_undated_ones_last(client):
    ShoeFactory(name="Year only", release_date=datetime.date(2020, 1, 1), date_precision="year")
    ShoeFactory(name="Undated", release_date=None)
    ShoeFactory(name="June", release_date=datetime.date(2023, 6, 1), date_precision="month")
    ShoeFactory(name="A day", release_date=datetime.date(2022, 11, 3), date_precision="day")
    assert titles(release_feed(client)) == [
        "June (White/Pure Silver)",
        "A day (White/Pure Silver)",
        "Year only (White/Pure Silver)",
        "Undated (White/Pure Silver)",
    ]


def test_drafts_and_scheduled_releases_are_not_in_the_feed(client):
    ShoeFactory(name="Out now")
    ShoeFactory(name="Draft pair", status=Status.DRAFT)
    ShoeFactory(name="Next week", publish_at=timezone.now() + datetime.timedelta(days=7))
    body = client.get("/feeds/releases/").content.decode()
    assert "Out now" in body
    assert "Draft pair" not in body
    assert "Next week" not in body


def test_a_release_date_is_given_at_its_precision_and_no_day_is_invented(client):
    shoe = ShoeFactory(
        name="June", release_date=datetime.date(2023, 6, 1), date_precision=DatePrecision.MONTH
    )
    ShoeFactory(name="Undated", release_date=None)
    shoe.refresh_from_db()
    june, undated = entries(release_feed(client))
    summary = one(june, "summary").text
    assert '<time datetime="2023-06">June 2023</time>' in summary
    assert "A colorway of the Gel-Kayano 14." in summary
    assert "Release date unknown" in one(undated, "summary").text
    # Atom dates are full timestamps: the release date is none of them.
    assert june.find(f"{ATOM}published") is None
    assert one(june, "updated").text == rfc3339_date(shoe.updated_at)
    assert "2023-06-01" not in ElementTree.tostring(june, encoding="unicode")


def test_a_day_and_a_year_are_each_given_as_known(client):
    ShoeFactory(release_date=datetime.date(2022, 11, 3), date_precision=DatePrecision.DAY)
    ShoeFactory(release_date=datetime.date(2008, 1, 1), date_precision=DatePrecision.YEAR)
    day, year = (one(entry, "summary").text for entry in entries(release_feed(client)))
    assert '<time datetime="2022-11-03">3 November 2022</time>' in day
    assert '<time datetime="2008">2008</time>' in year


def test_an_entry_links_its_page_and_keeps_its_id_when_its_slug_changes(client):
    shoe = ShoeFactory(slug="old-name")
    (entry,) = entries(release_feed(client))
    assert one(entry, "id").text == f"urn:uuid:{shoe.public_id}"
    assert one(entry, "link").get("href") == "http://testserver/shoes/old-name/"
    shoe.slug = "new-name"
    shoe.save()
    cache.clear()
    (entry,) = entries(release_feed(client))
    assert one(entry, "id").text == f"urn:uuid:{shoe.public_id}"
    assert one(entry, "link").get("href") == "http://testserver/shoes/new-name/"


def test_trend_entries_have_permanent_ids_and_no_guessed_time(client):
    note = TrendNoteFactory()
    note.refresh_from_db()
    (entry,) = entries(trend_feed(client))
    assert one(entry, "id").text == f"urn:uuid:{note.public_id}"
    # The note's publication day has no time of day: no midnight is made up for it.
    assert entry.find(f"{ATOM}published") is None
    assert one(entry, "updated").text == rfc3339_date(note.updated_at)


def test_plain_text_summaries_stay_text_in_an_html_summary(client):
    ShoeFactory(summary="Cream & <b>bold</b> claims")
    TrendNoteFactory(summary="Chrome <script>alert(1)</script>")
    (release,) = entries(release_feed(client))
    (trend,) = entries(trend_feed(client))
    # The summary is HTML: the text's own markup is escaped inside it.
    assert "<p>Cream &amp; &lt;b&gt;bold&lt;/b&gt; claims</p>" in one(release, "summary").text
    assert one(trend, "summary").text == "Chrome &lt;script&gt;alert(1)&lt;/script&gt;"


def test_entries_name_the_partner_only_when_it_is_public(client):
    public = CollaborationFactory(partner=PartnerFactory(name="Kith"))
    hidden = CollaborationFactory(partner=PartnerFactory(name="Secret", status=Status.DRAFT))
    ShoeFactory(name="A", collaboration=public, kind=Shoe.Kind.COLLABORATION)
    ShoeFactory(name="B", collaboration=hidden, kind=Shoe.Kind.COLLABORATION)
    first, second = entries(release_feed(client))
    terms = [[c.get("term") for c in e.findall(f"{ATOM}category")] for e in (first, second)]
    assert terms == [["Collaboration", "Kith"], ["Collaboration"]]


def test_the_feed_holds_only_the_latest_releases(client):
    Shoe.objects.bulk_create(
        Shoe(
            name=f"Pair {n:02}",
            slug=f"pair-{n}",
            kind=Shoe.Kind.GENERAL,
            release_date=datetime.date(2000 + n, 1, 1),
            date_precision=DatePrecision.YEAR,
            palette="#ffffff, #000000",
            summary="A pair.",
            status=Status.PUBLISHED,
        )
        for n in range(RELEASES_FEED_SIZE + 5)
    )
    listed = titles(release_feed(client))
    assert len(listed) == RELEASES_FEED_SIZE
    assert listed[0] == f"Pair {RELEASES_FEED_SIZE + 4:02}"


# Partner feeds


def test_a_partner_feed_lists_only_its_public_collaborations_public_shoes(client, kith):
    assert titles(partner_feed(client, "kith")) == ["Kith Cream (Cream/Antler)"]


@pytest.mark.parametrize(
    "partner",
    [
        {"status": Status.DRAFT},
        {"publish_at": timezone.now() + datetime.timedelta(days=7)},
    ],
)
def test_a_draft_or_scheduled_partner_has_no_feed(client, partner):
    PartnerFactory(slug="hidden", **partner)
    assert client.get("/partners/hidden/feed/").status_code == 404


def test_an_unknown_partner_has_no_feed(client):
    assert client.get("/partners/nobody/feed/").status_code == 404


def test_a_renamed_partners_old_feed_address_moves_with_it(client, kith):
    kith.slug = "kith-nyc"
    kith.save()
    response = client.get("/partners/kith/feed/")
    assert response.status_code == 301
    assert response["Location"] == "/partners/kith-nyc/feed/"
    assert titles(partner_feed(client, "kith-nyc")) == ["Kith Cream (Cream/Antler)"]


def test_a_partner_feed_id_is_permanent_and_its_own(client, kith):
    feed_id = one(partner_feed(client, "kith"), "id").text
    assert feed_id == uuid.uuid5(kith.public_id, "releases").urn
    assert feed_id != kith.public_id.urn
    kith.slug = "kith-nyc"
    kith.save()
    cache.clear()
    assert one(partner_feed(client, "kith-nyc"), "id").text == feed_id


# Cost


@pytest.mark.parametrize("path", ["/feeds/releases/", "/partners/kith/feed/", "/feeds/trends/"])
def test_feeds_run_as_many_queries_with_100_shoes_as_with_10(client, kith, path):
    collaboration = kith.collaborations.get(slug="vintage-tech")

    def add(count, start):
        for n in range(start, start + count):
            ShoeFactory(slug=f"more-{n}", collaboration=collaboration if n % 2 else None)
            TrendNoteFactory(slug=f"note-{n}")

    add(10, 0)
    with CaptureQueriesContext(connection) as small:
        assert client.get(path).status_code == 200
    add(90, 10)
    empty_caches()
    with CaptureQueriesContext(connection) as large:
        assert client.get(path).status_code == 200
    assert len(large) == len(small) <= 8


@pytest.mark.parametrize("path", ["/feeds/releases/", "/partners/kith/feed/"])
def test_another_host_port_or_scheme_cannot_change_a_feeds_urls(client, kith, path):
    hostile = client.get(path, HTTP_HOST="testserver:8443", secure=True).content.decode()
    later = client.get(path).content.decode()
    for body in (hostile, later):
        urls = [u for u in re.findall(r"https?://[^\s\"'<>&]+", body) if "testserver" in u]
        assert urls
        assert all(url.startswith("http://testserver/") for url in urls), urls


@pytest.mark.usefixtures("one_moment")
def test_a_repeat_request_for_a_feed_is_served_from_the_page_cache(
    client, kith, django_assert_num_queries
):
    first = client.get("/feeds/releases/")
    with django_assert_num_queries(0):  # the version read a moment ago is trusted
        again = client.get("/feeds/releases/")
    assert again.content == first.content
    assert (
        client.get("/feeds/releases/", headers={"if-none-match": first["ETag"]}).status_code == 304
    )
