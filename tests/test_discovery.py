"""Search, feed, sitemap, robots.txt, structured data and the health check."""

import json
import re

import pytest
from django.contrib.staticfiles import finders

from catalog.models import Status
from catalog.sitemaps import SITEMAPS

from .admin_forms import shoe_form
from .factories import (
    CollaborationFactory,
    PartnerFactory,
    ShoeFactory,
    TrendNoteFactory,
    image_file,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def searchable():
    kith = PartnerFactory(name="Kith", slug="kith", bio="A New York retailer.")
    vintage = CollaborationFactory(partner=kith, title="Vintage Tech 2023", slug="vintage-tech")
    ShoeFactory(name="Kith Gel-Kayano 14", colorway="Cream/Antler", collaboration=vintage)
    ShoeFactory(name="Plain runner", colorway="White", story="Mentions antler once.")
    ShoeFactory(name="Hidden antler", colorway="Antler", status=Status.DRAFT)
    TrendNoteFactory(title="Gorpcore", summary="Outdoor technical clothes in the city.")


def test_search_finds_entries_of_every_kind(client, searchable):
    html = client.get("/search/", {"q": "kith"}).content.decode()
    assert "Kith Gel-Kayano 14" in html
    assert "Vintage Tech 2023" in html
    assert 'href="/partners/kith/"' in html


def test_search_ranks_a_name_match_above_a_story_match(client, searchable):
    html = client.get("/search/", {"q": "antler"}).content.decode()
    assert html.index("Cream/Antler") < html.index("Plain runner")


def test_search_never_shows_drafts(client, searchable):
    assert "Hidden antler" not in client.get("/search/", {"q": "antler"}).content.decode()


def test_search_with_no_match_says_so(client, searchable):
    response = client.get("/search/", {"q": "zzyzx"})
    assert response.status_code == 200
    assert "No results" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "a" * 5000,
        "'; DROP TABLE catalog_shoe; --",
        "<script>alert(1)</script>",
        "%",
        "_",
        "\x00",
        "👟 " * 50,
        "kith & | ! ( ) : * \\",
    ],
)
def test_hostile_or_empty_queries_are_handled_calmly(client, searchable, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_an_over_long_query_gets_a_clear_message(client):
    html = client.get("/search/", {"q": "kayano " * 100}).content.decode()
    assert "Please shorten your search" in html


def test_atom_feed_lists_published_trend_notes(client):
    TrendNoteFactory(title="Dad shoe", slug="dad-shoe")
    TrendNoteFactory(title="Secret", status=Status.DRAFT)
    response = client.get("/feeds/trends/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "<title>Dad shoe</title>" in body
    assert "http://testserver/trends/dad-shoe/" in body
    assert "Secret" not in body


def test_sitemap_lists_published_entries_only(client):
    ShoeFactory(slug="visible-pair")
    ShoeFactory(slug="draft-pair", status=Status.DRAFT)
    index = client.get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in index
    assert "http://testserver/sitemap-shoes.xml" in index
    body = client.get("/sitemap-shoes.xml").content.decode()
    body += client.get("/sitemap-pages.xml").content.decode()
    assert "http://testserver/shoes/visible-pair/" in body
    assert "http://testserver/timeline/" in body
    assert "draft-pair" not in body


def test_a_large_sitemap_section_is_paged(client):
    ShoeFactory.create_batch(3)
    SITEMAPS["shoes"].limit, old = 2, SITEMAPS["shoes"].limit
    try:
        index = client.get("/sitemap.xml").content.decode()
        assert "http://testserver/sitemap-shoes.xml?p=2" in index
        assert client.get("/sitemap-shoes.xml?p=2").content.decode().count("<url>") == 1
        assert client.get("/sitemap-shoes.xml?p=99").status_code == 404
    finally:
        SITEMAPS["shoes"].limit = old


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_health_check_reports_ok_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {"database": True, "cache": True, "static": True}
    assert body["failing"] == []
    assert "no-cache" in response["Cache-Control"]


def test_health_check_answers_503_when_the_database_fails(client, monkeypatch):
    monkeypatch.setattr("kayano_site.views.check_database", lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def json_ld_documents(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    return [json.loads(block) for block in blocks]


def test_shoe_page_carries_product_and_breadcrumb_json_ld(client):
    ShoeFactory(
        name="Kith Gel-Kayano 14", colorway="Cream/Antler", slug="kith-antler", retail_price=None
    )
    html = client.get("/shoes/kith-antler/").content.decode()
    product, trail = json_ld_documents(html)
    assert product["@type"] == "Product"
    assert product["color"] == "Cream/Antler"
    assert product["releaseDate"] == "2023-06"
    assert "offers" not in product  # no price recorded, none invented
    assert trail["@type"] == "BreadcrumbList"
    assert [item["name"] for item in trail["itemListElement"]][:2] == ["Home", "Shoes"]
    assert trail["itemListElement"][-1]["item"] == "http://testserver/shoes/kith-antler/"


def test_a_retail_price_is_never_marked_up_as_an_offer(client):
    """The archive sells nothing, and a release's retail price is history: a schema.org
    Offer would tell search engines the pair is on sale at that price now."""
    ShoeFactory(slug="priced", retail_price=180)
    product, _trail = json_ld_documents(client.get("/shoes/priced/").content.decode())
    assert "offers" not in product


def test_trend_note_carries_article_json_ld_that_cannot_break_out_of_its_script(client):
    TrendNoteFactory(slug="y2k", title="Chrome </script><script>alert(1)</script>")
    html = client.get("/trends/y2k/").content.decode()
    assert "<script>alert(1)" not in html
    article, _ = json_ld_documents(html)
    assert article["@type"] == "Article"
    assert article["headline"].startswith("Chrome </script>")
    assert article["datePublished"] == "2026-11-01"


def test_feed_is_advertised_in_the_page_head(client):
    html = client.get("/").content.decode()
    assert 'type="application/atom+xml"' in html
    assert 'href="/feeds/trends/"' in html


def test_pages_offer_a_sharing_card_with_an_image(client):
    ShoeFactory(slug="card-pair", name="Card pair")
    html = client.get("/shoes/card-pair/").content.decode()
    assert '<meta property="og:title" content="Card pair">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert image.startswith("http://testserver/static/img/og-card")
    assert finders.find("img/og-card.png")


def test_a_shoe_with_a_picture_shares_its_picture(admin_client, client):
    admin_client.post(
        "/admin/catalog/shoe/add/",
        shoe_form(picture=image_file(), picture_alt="Cream pair, side view"),
    )
    html = client.get("/shoes/kith-cream-antler/").content.decode()
    preview = '<meta property="og:image" content="http://testserver/media/shoes/renditions/kayano-'
    assert preview in html
    assert '<meta property="og:image:alt" content="Cream pair, side view">' in html


def test_a_partner_filter_never_shows_a_shoe_through_a_draft_collaboration(client):
    partner = PartnerFactory(name="Open partner", slug="open-partner")
    ShoeFactory(name="Public pair", collaboration=CollaborationFactory(partner=partner))
    hidden = CollaborationFactory(partner=partner, status=Status.DRAFT)
    ShoeFactory(name="Pair of a draft collaboration", collaboration=hidden)
    html = client.get("/shoes/", {"partner": "open-partner"}).content.decode()
    assert "Public pair" in html
    assert "Pair of a draft collaboration" not in html


def test_the_partner_menu_offers_only_partners_with_a_public_collaboration(client):
    partner = PartnerFactory(name="Draft-only partner", slug="draft-only")
    ShoeFactory(collaboration=CollaborationFactory(partner=partner, status=Status.DRAFT))
    html = client.get("/shoes/").content.decode()
    assert 'value="draft-only"' not in html
