"""Downloads at /data/: the whole published catalog as JSON and CSV, saying what the API says."""

import csv
import datetime
import gzip
import io
import json

import pytest
import time_machine
from django.core.management import call_command

from catalog import download_files
from catalog.models import PricePoint, Qualifier, Status

from .factories import (
    CollaborationFactory,
    MilestoneFactory,
    PartnerFactory,
    PricePointFactory,
    ShoeFactory,
    SourceFactory,
    TrendNoteFactory,
)

pytestmark = pytest.mark.django_db

RESOURCES = ["shoes", "collaborations", "partners", "trend-notes", "milestones", "sources"]
TABLES = [*RESOURCES, "price-points"]
MADE_AT = datetime.datetime(2026, 11, 25, 12, 30, tzinfo=datetime.UTC)


@pytest.fixture
def catalog():
    partner = PartnerFactory(name="JJJJound", slug="jjjjound")
    collaboration = CollaborationFactory(partner=partner)
    pair = ShoeFactory(name="Public pair", collaboration=collaboration, retail_price=180)
    ShoeFactory(name="=HYPERLINK(1)", slug="formula")
    draft = ShoeFactory(name="Draft pair", status=Status.DRAFT)
    TrendNoteFactory()
    MilestoneFactory()
    source = SourceFactory()
    PricePointFactory(
        release=pair,
        kind=PricePoint.Kind.RESALE,
        amount=700,
        qualifier=Qualifier.OVER,
        source=source,
        locator="=¶12",
        excerpt="over $700",
    )
    PricePointFactory(release=draft, amount=4321, source=source, locator="draft locator")


def download(client, path, **headers):
    """What a download's body says (files are streamed from disk)."""
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    return response.getvalue()


def api_entries(client, resource):
    data = client.get(f"/api/v1/{resource}/").json()
    assert data["next"] is None  # one page is all of it
    return data["results"]


def test_the_json_download_holds_what_the_api_says_with_licence_and_time(client, catalog):
    with time_machine.travel(MADE_AT, tick=False):
        response = client.get("/data/kayano-14-archive.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert 'filename="kayano-14-archive.json"' in response["Content-Disposition"]
    document = json.loads(response.getvalue())
    assert document["generated_at"] == "2026-11-25T12:30:00+00:00"
    assert document["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    for resource in RESOURCES:
        assert document[resource] == api_entries(client, resource), resource
    assert "Draft pair" not in response.getvalue().decode()


@pytest.mark.parametrize("resource", RESOURCES)
def test_each_table_has_a_row_per_published_entry_as_the_api_has_it(client, catalog, resource):
    with time_machine.travel(MADE_AT, tick=False):
        response = client.get(f"/data/{resource}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    entries = api_entries(client, resource)
    assert [row["id"] for row in rows] == [entry["id"] for entry in entries]
    assert [row["url"] for row in rows] == [entry["url"] for entry in entries]
    for row in rows:
        assert row["licence"] == "https://creativecommons.org/licenses/by/4.0/"
        assert row["generated_at"] == "2026-11-25T12:30:00+00:00"


def test_the_price_points_table_has_a_row_per_point_as_the_api_has_it(client, catalog):
    with time_machine.travel(MADE_AT, tick=False):
        response = client.get("/data/price-points.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="price-points.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    expected = [
        (kind, release["id"], release["url"], point)
        for kind, resource in (("shoe", "shoes"), ("collaboration", "collaborations"))
        for release in api_entries(client, resource)
        for point in release["price_history"]
    ]
    assert len(rows) == len(expected) == 3  # the pair's two points, the collaboration's one
    for row, (kind, release_id, release_url, point) in zip(rows, expected, strict=True):
        date, citation = point["date"], point["citation"]
        assert row == {
            "release_type": kind,
            "release_id": release_id,
            "release_url": release_url,
            "kind": point["kind"],
            "amount": point["amount"],
            "currency": point["currency"],
            "qualifier": point["qualifier"],
            "date": date["value"] if date else "",
            "date_precision": date["precision"] if date else "",
            "source_id": citation["source"]["id"] if citation else "",
            # The one cited point's locator, "=¶12", is quoted as every table quotes a cell a
            # spreadsheet would run.
            "locator": "'=¶12" if citation else "",
            "licence": "https://creativecommons.org/licenses/by/4.0/",
            "generated_at": "2026-11-25T12:30:00+00:00",
        }


def test_the_price_points_table_says_what_the_sources_say_and_nothing_private(client, catalog):
    body = download(client, "/data/price-points.csv").decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    cited = [row for row in rows if row["source_id"]]
    assert [(r["kind"], r["amount"], r["qualifier"], r["locator"]) for r in cited] == [
        ("resale", "700", "over", "'=¶12")
    ]
    assert cited[0]["date"] == "2022-08" and cited[0]["date_precision"] == "month"
    uncited = next(row for row in rows if row["kind"] == "retail" and row["release_type"] == "shoe")
    assert (uncited["date"], uncited["source_id"], uncited["locator"]) == ("", "", "")
    assert "over $700" not in body  # the excerpt
    assert ",4321," not in body and "draft locator" not in body  # a draft's point


def test_the_json_download_holds_each_releases_price_history(client, catalog):
    document = json.loads(download(client, "/data/kayano-14-archive.json"))
    pair = next(shoe for shoe in document["shoes"] if shoe["name"] == "Public pair")
    assert [(p["kind"], p["amount"]) for p in pair["price_history"]] == [
        ("resale", "700"),
        ("retail", "180"),
    ]
    assert "over $700" not in json.dumps(document)


def test_nested_values_get_columns_of_their_own_and_lists_stay_whole(client, catalog):
    rows = list(csv.DictReader(io.StringIO(download(client, "/data/shoes.csv").decode())))
    pair = next(row for row in rows if row["name"] == "Public pair")
    assert pair["release_date.value"] == "2023-06"
    assert pair["release_date.precision"] == "month"
    assert json.loads(pair["citations"]) == []
    assert [point["amount"] for point in json.loads(pair["price_history"])] == ["700", "180"]


def test_a_cell_a_spreadsheet_would_run_is_quoted(client, catalog):
    rows = list(csv.DictReader(io.StringIO(download(client, "/data/shoes.csv").decode())))
    assert "'=HYPERLINK(1)" in [row["name"] for row in rows]


def test_an_unknown_table_is_not_found(client):
    assert client.get("/data/users.csv").status_code == 404


@pytest.mark.parametrize("table", ["shoes", "price-points"])
def test_a_download_is_made_once_per_change_of_the_catalog(
    client, catalog, django_assert_max_num_queries, table
):
    first = client.get(f"/data/{table}.csv")
    with django_assert_max_num_queries(1):  # the catalog's version, then the cache
        again = client.get(f"/data/{table}.csv")
    assert again.getvalue() == first.getvalue()


def test_the_data_page_lists_every_file_and_the_licence(client):
    html = client.get("/data/").content.decode()
    assert 'href="/data/kayano-14-archive.json"' in html
    for table in TABLES:
        assert f'href="/data/{table}.csv"' in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in html


def test_the_footer_links_the_data_and_the_api(client):
    html = client.get("/about/").content.decode()
    assert 'href="/data/"' in html
    assert 'href="/api/"' in html


@pytest.mark.parametrize("url", ["/data/shoes.csv", "/data/price-points.csv", "/api/v1/shoes/"])
def test_a_not_modified_answer_stays_readable_from_other_sites(client, catalog, url):
    first = client.get(url)
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    for answer in (first, again):
        assert answer["Access-Control-Allow-Origin"] == "*"
        assert answer["Access-Control-Expose-Headers"] == "ETag"  # to send it back


@pytest.mark.parametrize("url", ["/data/shoes.csv", f"/data/{download_files.CATALOG_FILE}"])
def test_a_script_on_another_site_may_ask_for_a_download_conditionally(client, url):
    """Sending If-None-Match from another origin takes a preflight first."""
    response = client.options(
        url,
        headers={
            "origin": "https://example.org",
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match",
        },
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]
    assert "GET" in response["Access-Control-Allow-Methods"]


# Files on disk: never made while a visitor waits, after the first


def test_after_a_change_the_previous_file_is_served_at_once_and_the_new_one_made_aside(
    client, catalog, committed, django_assert_max_num_queries
):
    with time_machine.travel(MADE_AT, tick=False):
        before = download(client, "/data/shoes.csv").decode()
    with committed():
        ShoeFactory(name="Newly added pair")
    with django_assert_max_num_queries(1):  # the catalog's version: nothing is made now
        stale = download(client, "/data/shoes.csv").decode()
    assert stale == before  # it says when it was made: 2026-11-25T12:30:00+00:00
    assert "Newly added pair" not in stale
    download_files.wait_for_builds()  # the build the request started
    fresh = download(client, "/data/shoes.csv").decode()
    assert "Newly added pair" in fresh
    assert MADE_AT.isoformat() not in fresh


def test_only_the_newest_files_are_kept(client, catalog, committed):
    for name in ("First", "Second", "Third"):
        with committed():
            ShoeFactory(name=f"{name} pair")
        client.get("/data/shoes.csv")
        download_files.wait_for_builds()
    assert len(download_files.built_versions()) == download_files.KEPT_VERSIONS


def test_a_client_that_takes_gzip_gets_the_file_gzipped(client, catalog):
    plain = download(client, "/data/shoes.csv")
    response = client.get("/data/shoes.csv", headers={"accept-encoding": "gzip, br"})
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.getvalue()) == plain
    assert response["ETag"] != client.get("/data/shoes.csv")["ETag"]
    assert "Accept-Encoding" in response["Vary"]


def test_a_disk_that_cannot_keep_files_still_gets_every_download(client, catalog, settings):
    blocker = settings.DOWNLOADS_ROOT.parent / "a-file"
    blocker.write_text("not a folder")
    settings.DOWNLOADS_ROOT = blocker / "downloads"
    response = client.get("/data/shoes.csv")
    assert response.status_code == 200
    assert "Public pair" in response.content.decode()


def test_the_command_builds_every_download_ahead(client, catalog):
    call_command("build_downloads", verbosity=0)
    names = {path.name for path in next(download_files.root().glob("[0-9]*")).iterdir()}
    assert names >= {"kayano-14-archive.json", "shoes.csv", "shoes.csv.gz", "price-points.csv"}


def test_a_file_removed_under_a_download_is_made_for_it_instead(client, catalog, monkeypatch):
    download(client, "/data/shoes.csv")
    built = download_files.find("shoes.csv", None)
    built.path.unlink()  # as a newer build's clean-up would, between finding and reading
    monkeypatch.setattr(download_files, "find", lambda name, version: built)
    assert "Public pair" in download(client, "/data/shoes.csv").decode()
