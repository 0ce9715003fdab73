"""Downloads at /data/: the whole published catalog as JSON and CSV, saying what the API says."""

import csv
import datetime
import io
import json

import pytest
import time_machine

from catalog.models import Status

from .factories import (
    CollaborationFactory,
    MilestoneFactory,
    PartnerFactory,
    ShoeFactory,
    SourceFactory,
    TrendNoteFactory,
)

pytestmark = pytest.mark.django_db

RESOURCES = ["shoes", "collaborations", "partners", "trend-notes", "milestones", "sources"]
MADE_AT = datetime.datetime(2026, 11, 25, 12, 30, tzinfo=datetime.UTC)


@pytest.fixture
def catalog():
    partner = PartnerFactory(name="JJJJound", slug="jjjjound")
    collaboration = CollaborationFactory(partner=partner)
    ShoeFactory(name="Public pair", collaboration=collaboration)
    ShoeFactory(name="=HYPERLINK(1)", slug="formula")
    ShoeFactory(name="Draft pair", status=Status.DRAFT)
    TrendNoteFactory()
    MilestoneFactory()
    SourceFactory()


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
    document = json.loads(response.content)
    assert document["generated_at"] == "2026-11-25T12:30:00+00:00"
    assert document["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    for resource in RESOURCES:
        assert document[resource] == api_entries(client, resource), resource
    assert "Draft pair" not in response.content.decode()


@pytest.mark.parametrize("resource", RESOURCES)
def test_each_table_has_a_row_per_published_entry_as_the_api_has_it(client, catalog, resource):
    with time_machine.travel(MADE_AT, tick=False):
        response = client.get(f"/data/{resource}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    entries = api_entries(client, resource)
    assert [row["id"] for row in rows] == [entry["id"] for entry in entries]
    assert [row["url"] for row in rows] == [entry["url"] for entry in entries]
    for row in rows:
        assert row["licence"] == "https://creativecommons.org/licenses/by/4.0/"
        assert row["generated_at"] == "2026-11-25T12:30:00+00:00"


def test_nested_values_get_columns_of_their_own_and_lists_stay_whole(client, catalog):
    rows = list(csv.DictReader(io.StringIO(client.get("/data/shoes.csv").content.decode())))
    pair = next(row for row in rows if row["name"] == "Public pair")
    assert pair["release_date.value"] == "2023-06"
    assert pair["release_date.precision"] == "month"
    assert json.loads(pair["citations"]) == []


def test_a_cell_a_spreadsheet_would_run_is_quoted(client, catalog):
    rows = list(csv.DictReader(io.StringIO(client.get("/data/shoes.csv").content.decode())))
    assert "'=HYPERLINK(1)" in [row["name"] for row in rows]


def test_an_unknown_table_is_not_found(client):
    assert client.get("/data/users.csv").status_code == 404


def test_a_download_is_made_once_per_change_of_the_catalog(
    client, catalog, django_assert_max_num_queries
):
    first = client.get("/data/shoes.csv")
    with django_assert_max_num_queries(1):  # the catalog's version, then the cache
        again = client.get("/data/shoes.csv")
    assert again.content == first.content


def test_the_data_page_lists_every_file_and_the_licence(client):
    html = client.get("/data/").content.decode()
    assert 'href="/data/kayano-14-archive.json"' in html
    for resource in RESOURCES:
        assert f'href="/data/{resource}.csv"' in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in html


def test_the_footer_links_the_data_and_the_api(client):
    html = client.get("/about/").content.decode()
    assert 'href="/data/"' in html
    assert 'href="/api/"' in html


@pytest.mark.parametrize("url", ["/data/shoes.csv", "/api/v1/shoes/"])
def test_a_not_modified_answer_stays_readable_from_other_sites(client, catalog, url):
    first = client.get(url)
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
