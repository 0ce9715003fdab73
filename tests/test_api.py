"""
The read-only JSON API at /api/v1/ and its page at /api/: every endpoint, filters and bad
filters, paging, permanent ids across renames, restores and imports, drafts hidden
everywhere, HTTP behaviour (ETag/304, CORS, JSON errors, read-only), the OpenAPI document
(valid, complete, and true to every answer) and a query count that does not grow with the
catalog.
"""

import datetime
import importlib
import json
import uuid
from decimal import Decimal
from urllib.parse import quote

import pytest
import reversion
import tablib
import time_machine
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import ValidationError
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate
from reversion.models import Version

from catalog.api import urls as api_urls
from catalog.api.endpoints import PAGE_SIZE
from catalog.models import (
    Citation,
    Collaboration,
    Milestone,
    Partner,
    PricePoint,
    Qualifier,
    Shoe,
    Source,
    Status,
    TrendNote,
)
from catalog.models.versioning import record_change
from catalog.resources import ShoeResource

from .admin_forms import shoe_form
from .catalogs import add_shoes as bulk_shoes
from .factories import (
    CitationFactory,
    CollaborationFactory,
    MilestoneFactory,
    PartnerFactory,
    PricePointFactory,
    ShoeFactory,
    SourceFactory,
    TechnologyFactory,
    TrendNoteFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1"
RESOURCES = ["shoes", "collaborations", "partners", "trend-notes", "milestones", "sources"]
FUZZ = settings(
    deadline=None,
    max_examples=50,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
BUDGET = 8
"""Queries per request at most, as for every public page (DESIGN.md)."""


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response["Content-Type"] == "application/json", (url, response.status_code)
    return response


def ids(response):
    return [entry["id"] for entry in response.json()["results"]]


@pytest.fixture
def archive():
    """A small archive: public entries, each with a draft or scheduled counterpart that
    points at them or that they point at."""
    later = timezone.now() + datetime.timedelta(days=3)
    partner = PartnerFactory(name="JJJJound", slug="jjjjound", city="Montreal")
    hidden_partner = PartnerFactory(name="Secret studio", slug="secret", status=Status.DRAFT)
    collaboration = CollaborationFactory(
        partner=partner, slug="jjjjound-2022", title="JJJJound 2022"
    )
    hidden_collaboration = CollaborationFactory(
        partner=partner, slug="unannounced", status=Status.DRAFT
    )
    hidden_partners_collaboration = CollaborationFactory(partner=hidden_partner, slug="with-secret")
    shoe = ShoeFactory(
        name="Gel-Kayano 14 JJJJound",
        slug="jjjjound-silver",
        colorway="Silver/Black",
        kind=Shoe.Kind.COLLABORATION,
        colour_family=Shoe.ColourFamily.SILVER,
        release_date=datetime.date(2022, 8, 1),
        retail_price=Decimal("180"),
        collaboration=collaboration,
        story="JJJJound released it in August 2022. A second sentence.",
    )
    shoe.technologies.set([TechnologyFactory(name="GEL", slug="gel")])
    original = ShoeFactory(
        name="Gel-Kayano 14",
        slug="original-2008",
        kind=Shoe.Kind.ORIGINAL,
        colour_family=Shoe.ColourFamily.WHITE,
        release_date=datetime.date(2008, 1, 1),
        date_precision="year",
        retail_price=Decimal("100.50"),
    )
    draft_shoe = ShoeFactory(slug="draft-shoe", status=Status.DRAFT, collaboration=collaboration)
    scheduled_shoe = ShoeFactory(slug="scheduled-shoe", publish_at=later)
    orphan = ShoeFactory(slug="orphan", collaboration=hidden_collaboration)
    partnerless = ShoeFactory(slug="partnerless", collaboration=hidden_partners_collaboration)
    note = TrendNoteFactory(slug="y2k", theme=TrendNote.Theme.Y2K)
    note.shoes.set([shoe, draft_shoe, scheduled_shoe])
    note.collaborations.set([collaboration, hidden_collaboration])
    hidden_note = TrendNoteFactory(slug="draft-note", status=Status.DRAFT)
    hidden_note.shoes.set([shoe])
    comfort = TrendNoteFactory(slug="comfort", theme=TrendNote.Theme.COMFORT)
    milestone = MilestoneFactory(slug="launch", date=datetime.date(2008, 1, 1))
    hidden_milestone = MilestoneFactory(slug="secret-milestone", status=Status.DRAFT)
    source = SourceFactory(title="The reference article", url="https://example.org/article")
    PricePointFactory(
        release=shoe,
        kind=PricePoint.Kind.RESALE,
        amount=Decimal("700"),
        qualifier=Qualifier.OVER,
        observed_on=datetime.date(2023, 6, 1),
        source=source,
        locator="¶12",
        excerpt="over $700",
    )
    CitationFactory(
        entry=shoe, source=source, claim="JJJJound released it in August 2022.", excerpt="in August"
    )
    CitationFactory(entry=shoe, source=source, claim="A sentence edited away.", excerpt="gone")
    CitationFactory(entry=milestone, source=source, field="date", excerpt="2008 launch")
    return {
        "partner": partner,
        "hidden_partner": hidden_partner,
        "collaboration": collaboration,
        "hidden_collaboration": hidden_collaboration,
        "shoe": shoe,
        "original": original,
        "draft_shoe": draft_shoe,
        "scheduled_shoe": scheduled_shoe,
        "orphan": orphan,
        "partnerless": partnerless,
        "note": note,
        "hidden_note": hidden_note,
        "comfort": comfort,
        "milestone": milestone,
        "hidden_milestone": hidden_milestone,
        "source": source,
    }


def detail(entry):
    section = {
        Shoe: "shoes",
        Collaboration: "collaborations",
        Partner: "partners",
        TrendNote: "trend-notes",
        Milestone: "milestones",
        Source: "sources",
    }[type(entry)]
    return f"{API}/{section}/{entry.public_id}/"


# Every endpoint


def test_the_index_lists_every_resource_the_document_and_the_licence(client):
    data = get(client, f"{API}/").json()
    assert list(data["resources"]) == RESOURCES
    assert data["resources"]["trend-notes"] == "http://testserver/api/v1/trend-notes/"
    assert data["openapi"] == "http://testserver/api/v1/openapi.json"
    assert data["documentation"] == "http://testserver/api/"
    assert data["licence"]["name"] == "CC BY 4.0"


@pytest.mark.parametrize(
    ("resource", "public", "hidden"),
    [
        ("shoes", ["shoe", "original", "orphan", "partnerless"], ["draft_shoe", "scheduled_shoe"]),
        ("collaborations", ["collaboration"], ["hidden_collaboration"]),
        ("partners", ["partner"], ["hidden_partner"]),
        ("trend-notes", ["note", "comfort"], ["hidden_note"]),
        ("milestones", ["milestone"], ["hidden_milestone"]),
        ("sources", ["source"], []),
    ],
)
def test_every_list_shows_published_entries_only(client, archive, resource, public, hidden):
    response = get(client, f"{API}/{resource}/")
    assert response.status_code == 200
    listed = ids(response)
    assert {str(archive[name].public_id) for name in public} <= set(listed)
    assert not {str(archive[name].public_id) for name in hidden} & set(listed)
    assert response.json()["count"] == len(listed)


@pytest.mark.parametrize(
    "name", ["shoe", "collaboration", "partner", "note", "milestone", "source"]
)
def test_every_entry_is_found_by_its_public_id(client, archive, name):
    entry = archive[name]
    response = get(client, detail(entry))
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == str(entry.public_id)
    assert data["url"] == f"http://testserver{entry.get_absolute_url()}"
    assert data["api_url"] == f"http://testserver{detail(entry)}"


@pytest.mark.parametrize(
    "name",
    [
        "draft_shoe",
        "scheduled_shoe",
        "hidden_collaboration",
        "hidden_partner",
        "hidden_note",
        "hidden_milestone",
    ],
)
def test_a_draft_or_scheduled_entry_is_a_404_like_an_id_that_never_existed(client, archive, name):
    entry = archive[name]
    hidden = get(client, detail(entry))
    never = get(client, detail(entry).replace(str(entry.public_id), str(uuid.uuid4())))
    assert hidden.status_code == never.status_code == 404
    assert set(hidden.json()["error"]) == set(never.json()["error"]) == {"status", "message"}


# What an entry says


def test_a_shoe_carries_dated_facts_qualified_figures_relations_and_citations(client, archive):
    shoe = archive["shoe"]
    data = get(client, detail(shoe)).json()
    assert data["slug"] == "jjjjound-silver"
    assert data["release_date"] == {"value": "2022-08", "precision": "month"}
    assert data["retail_price"] == {"amount": "180", "currency": "USD", "qualifier": "exact"}
    assert data["resale_peak"] == {"amount": "700", "currency": "USD", "qualifier": "over"}
    assert data["style_code"] is None  # unknown: null, not ""
    assert data["technologies"] == [{"name": "GEL", "slug": "gel"}]
    assert data["collaboration"]["id"] == str(archive["collaboration"].public_id)
    assert data["collaboration"]["url"] == "http://testserver/collaborations/jjjjound-2022/"
    assert data["partner"]["id"] == str(archive["partner"].public_id)
    assert data["citations"] == [
        {
            "field": None,
            "claim": "JJJJound released it in August 2022.",
            "locator": "¶1",
            "source": source_reference(archive["source"]),
        },
    ]


def source_reference(source):
    return {
        "id": str(source.public_id),
        "url": f"http://testserver/sources/{source.pk}/",
        "api_url": f"http://testserver{detail(source)}",
        "title": source.title,
    }


def test_a_shoe_lists_its_price_history_dated_first_with_qualifiers_and_citations(client, archive):
    data = get(client, detail(archive["shoe"])).json()
    assert data["price_history"] == [
        {
            "kind": "resale",
            "amount": "700",
            "currency": "USD",
            "qualifier": "over",
            "date": {"value": "2023-06", "precision": "month"},
            "citation": {"locator": "¶12", "source": source_reference(archive["source"])},
        },
        {
            "kind": "retail",
            "amount": "180",
            "currency": "USD",
            "qualifier": "exact",
            "date": None,
            "citation": None,  # entered without a source: listed, uncited
        },
    ]


def test_a_point_known_to_the_day_keeps_its_day_and_its_cents(client, archive):
    shoe = archive["original"]
    PricePointFactory(
        release=shoe,
        kind=PricePoint.Kind.RESALE,
        amount=Decimal("149.95"),
        observed_on=datetime.date(2019, 3, 14),
        date_precision="day",
    )
    (point,) = [p for p in get(client, detail(shoe)).json()["price_history"] if p["date"]]
    assert point["amount"] == "149.95"
    assert point["date"] == {"value": "2019-03-14", "precision": "day"}
    assert point["citation"]["locator"] == "¶28"


def test_the_retail_price_and_resale_peak_are_those_of_the_price_points(client, archive):
    shoe = archive["shoe"]
    PricePointFactory(
        release=shoe, kind=PricePoint.Kind.RESALE, amount=Decimal("450"), source=archive["source"]
    )
    data = get(client, detail(shoe)).json()
    figures = [
        {"kind": p["kind"], "amount": p["amount"], "qualifier": p["qualifier"]}
        for p in data["price_history"]
    ]
    assert {"kind": "resale", "amount": "450", "qualifier": "exact"} in figures
    assert data["retail_price"] == {"amount": "180", "currency": "USD", "qualifier": "exact"}
    assert data["resale_peak"] == {"amount": "700", "currency": "USD", "qualifier": "over"}
    listed = next(
        s for s in get(client, f"{API}/shoes/").json()["results"] if s["id"] == data["id"]
    )
    assert listed["price_history"] == data["price_history"]
    assert listed["resale_peak"] == data["resale_peak"]


def test_a_collaboration_lists_its_price_history_too(client, archive):
    collaboration = archive["collaboration"]
    PricePointFactory(release=collaboration, locator="¶3", source=archive["source"])
    data = get(client, detail(collaboration)).json()
    assert [(p["kind"], p["amount"], p["citation"]) for p in data["price_history"]] == [
        ("retail", "180", {"locator": "¶3", "source": source_reference(archive["source"])}),
        ("retail", "180", None),
    ]
    assert data["retail_price"]["amount"] == "180"


def test_the_price_points_of_a_draft_release_are_nowhere(client, archive):
    for name in ("draft_shoe", "scheduled_shoe", "hidden_collaboration"):
        PricePointFactory(
            release=archive[name],
            amount=Decimal("4321"),
            source=archive["source"],
            locator="secret locator",
        )
    urls = [f"{API}/{resource}/" for resource in RESOURCES]
    urls += [detail(archive[name]) for name in archive]
    for url in urls:
        body = client.get(url).content.decode()
        assert '"4321"' not in body and "secret locator" not in body, url


def test_dates_keep_a_year_precision_and_amounts_their_cents(client, archive):
    data = get(client, detail(archive["original"])).json()
    assert data["release_date"] == {"value": "2008", "precision": "year"}
    assert data["retail_price"]["amount"] == "100.50"
    assert data["resale_peak"] is None


def test_the_private_excerpt_of_a_citation_is_never_published(client, archive):
    for url in [detail(archive["shoe"]), f"{API}/shoes/", detail(archive["milestone"])]:
        body = client.get(url).content.decode()
        assert "excerpt" not in body
        assert "over $700" not in body and "2008 launch" not in body


def test_relations_to_drafts_and_scheduled_entries_are_left_out(client, archive):
    note = get(client, detail(archive["note"])).json()
    assert [shoe["id"] for shoe in note["shoes"]] == [str(archive["shoe"].public_id)]
    assert [c["id"] for c in note["collaborations"]] == [str(archive["collaboration"].public_id)]

    collaboration = get(client, detail(archive["collaboration"])).json()
    assert [shoe["slug"] for shoe in collaboration["shoes"]] == ["jjjjound-silver"]

    partner = get(client, detail(archive["partner"])).json()
    assert [c["slug"] for c in partner["collaborations"]] == ["jjjjound-2022"]

    shoe = get(client, detail(archive["shoe"])).json()
    assert [n["slug"] for n in shoe["trend_notes"]] == ["y2k"]

    orphan = get(client, detail(archive["orphan"])).json()
    assert orphan["collaboration"] is None and orphan["partner"] is None

    partnerless = get(client, detail(archive["partnerless"])).json()
    assert partnerless["collaboration"]["slug"] == "with-secret"
    assert partnerless["partner"] is None
    with_secret = get(client, partnerless["collaboration"]["api_url"]).json()
    assert with_secret["partner"] is None


def test_a_milestone_and_a_source_say_what_they_are(client, archive):
    milestone = get(client, detail(archive["milestone"])).json()
    assert milestone["url"] == "http://testserver/timeline/#launch"
    assert milestone["date"] == {"value": "2008", "precision": "year"}
    assert [c["field"] for c in milestone["citations"]] == ["date"]
    source = get(client, detail(archive["source"])).json()
    assert "slug" not in source
    assert source["external_url"] == "https://example.org/article"
    assert source["published_on"] is None and source["author"] is None


# Filters and paging


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2022", ["jjjjound-silver"]),
        ("year=2008", ["original-2008"]),
        ("partner=jjjjound", ["jjjjound-silver"]),
        ("kind=original", ["original-2008"]),
        ("colour=silver", ["jjjjound-silver"]),
        ("kind=collaboration&colour=silver&year=2022", ["jjjjound-silver"]),
    ],
)
def test_the_shoe_list_takes_the_sites_filters(client, archive, query, expected):
    data = get(client, f"{API}/shoes/?{query}").json()
    assert [shoe["slug"] for shoe in data["results"]] == expected
    assert data["count"] == len(expected)


def test_the_shoe_list_sorts_as_the_site_does(client, archive):
    oldest = get(client, f"{API}/shoes/?sort=oldest").json()["results"]
    newest = get(client, f"{API}/shoes/?sort=newest").json()["results"]
    assert oldest[0]["slug"] == "original-2008"
    assert newest[-1]["slug"] == "original-2008"


def test_trend_notes_filter_by_theme(client, archive):
    data = get(client, f"{API}/trend-notes/?theme=comfort").json()
    assert [note["slug"] for note in data["results"]] == ["comfort"]


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        (f"{API}/shoes/?year=1900", "year"),
        (f"{API}/shoes/?year=twenty", "year"),
        (f"{API}/shoes/?partner=nobody", "partner"),
        (f"{API}/shoes/?partner=secret", "partner"),  # a draft partner is no filter either
        (f"{API}/shoes/?kind=boot", "kind"),
        (f"{API}/shoes/?colour=plaid", "colour"),
        (f"{API}/shoes/?sort=random", "sort"),
        (f"{API}/trend-notes/?theme=grunge", "theme"),
        (f"{API}/shoes/?page=0", "page"),
        (f"{API}/shoes/?page=two", "page"),
        (f"{API}/milestones/?page=-1", "page"),
    ],
)
def test_a_bad_parameter_is_a_400_that_names_it(client, archive, url, parameter):
    response = get(client, url)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400
    assert error["parameter"] == parameter
    assert parameter in error["message"] or "page number" in error["message"]


def test_a_bad_choice_lists_the_values_it_may_take(client, archive):
    error = get(client, f"{API}/shoes/?kind=boot").json()["error"]
    assert error["allowed"] == ["original", "general", "collaboration", "special"]
    years = get(client, f"{API}/shoes/?year=1900").json()["error"]["allowed"]
    assert "2022" in years and "2008" in years


def test_a_page_past_the_last_is_a_404(client, archive):
    response = get(client, f"{API}/shoes/?page=2")
    assert response.status_code == 404
    assert response.json()["error"]["parameter"] == "page"


def test_pages_link_to_each_other_by_absolute_addresses_that_keep_the_filters(client):
    ShoeFactory.create_batch(PAGE_SIZE + 5, kind=Shoe.Kind.GENERAL)
    ShoeFactory.create_batch(3, kind=Shoe.Kind.SPECIAL)
    first = get(client, f"{API}/shoes/?kind=general&sort=name&utm_source=x").json()
    assert first["count"] == PAGE_SIZE + 5
    assert len(first["results"]) == PAGE_SIZE
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/shoes/?kind=general&page=2&sort=name"
    second = get(client, first["next"]).json()
    assert len(second["results"]) == 5
    assert second["next"] is None
    assert second["previous"] == "http://testserver/api/v1/shoes/?kind=general&sort=name"
    assert not set(ids_of(first)) & set(ids_of(second))


def ids_of(data):
    return [entry["id"] for entry in data["results"]]


# Addresses and ids


@pytest.mark.parametrize(
    "tail", ["not-an-id/", "12/", "00000000-0000-0000-0000-00000000000g/", f"{uuid.uuid4()}/"]
)
def test_a_malformed_or_unknown_id_is_a_json_404(client, archive, tail):
    response = get(client, f"{API}/shoes/{tail}")
    assert response.status_code == 404
    assert "No published shoe" in response.json()["error"]["message"]


def test_an_id_spelt_otherwise_is_sent_to_its_one_address(client, archive):
    shoe = archive["shoe"]
    response = client.get(f"{API}/shoes/{str(shoe.public_id).upper()}/")
    assert response.status_code == 301
    assert response["Location"] == f"{API}/shoes/{shoe.public_id}/"


def test_an_id_of_another_kind_of_entry_is_not_found(client, archive):
    response = get(client, f"{API}/shoes/{archive['partner'].public_id}/")
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["nothing/", "shoes/extra/segments/", "v2/shoes/"])
def test_any_other_address_under_the_api_is_a_json_404(client, path):
    response = get(client, f"{API}/{path}")
    assert response.status_code == 404
    assert response["Access-Control-Allow-Origin"] == "*"


def test_an_address_without_its_slash_is_sent_to_the_one_with_it(client):
    response = client.get(f"{API}/shoes")
    assert response.status_code == 301
    assert response["Location"] == f"{API}/shoes/"


def test_a_renamed_shoe_keeps_its_id_and_its_old_page_redirects(admin_client, client, committed):
    with committed():
        admin_client.post("/admin/catalog/shoe/add/", shoe_form(slug="first-name"))
    shoe = Shoe.objects.get(slug="first-name")
    before = get(client, detail(shoe)).json()
    change = f"/admin/catalog/shoe/{shoe.pk}/change/"
    with committed():
        assert admin_client.post(change, shoe_form(slug="second-name")).status_code == 302

    assert client.get("/shoes/first-name/")["Location"] == "/shoes/second-name/"
    shoe.refresh_from_db()
    after = get(client, detail(shoe)).json()
    assert after["id"] == before["id"]
    assert after["slug"] == "second-name"
    assert after["url"] == "http://testserver/shoes/second-name/"


def test_every_entry_gets_an_id_of_its_own_that_saves_keep(archive):
    ids = [entry.public_id for entry in archive.values()]
    assert len(set(ids)) == len(ids)
    shoe = archive["shoe"]
    first = shoe.public_id
    shoe.name = "Renamed"
    shoe.save()
    shoe.refresh_from_db()
    assert shoe.public_id == first


def test_restoring_a_version_or_a_deleted_entry_brings_back_the_same_id(committed):
    with reversion.create_revision():
        shoe = ShoeFactory(slug="restored", summary="First words.")
    public_id = shoe.public_id
    with reversion.create_revision():
        shoe.summary = "Second words."
        shoe.save()
    Version.objects.get_for_object(shoe).last().revert()
    shoe.refresh_from_db()
    assert (shoe.summary, shoe.public_id) == ("First words.", public_id)

    version = Version.objects.get_for_object(shoe).first()
    shoe.delete()
    version.revert()
    assert Shoe.objects.get(slug="restored").public_id == public_id


def test_the_migration_gives_each_entry_and_its_saved_versions_an_id_of_its_own():
    """0013 on entries and history saved before ids existed (simulated: the versions' ids
    are taken out), one of them since deleted."""
    migration = importlib.import_module("catalog.migrations.0013_fill_public_ids")
    with reversion.create_revision():
        kept, deleted = ShoeFactory(slug="kept"), ShoeFactory(slug="deleted")
        partner = PartnerFactory()
    with reversion.create_revision():
        deleted.summary = "Second words."
        deleted.save()
    deleted_pk = deleted.pk
    deleted.delete()
    migration.remove_from_versions(django_apps, None)
    assert all("public_id" not in version.serialized_data for version in Version.objects.all())

    migration.fill_ids(django_apps, None)

    kept.refresh_from_db()
    partner.refresh_from_db()
    ids = [*Shoe.objects.values_list("public_id", flat=True), partner.public_id]
    assert len(set(ids)) == len(ids)

    def saved_ids(model, pk):
        versions = Version.objects.get_for_model(model).filter(object_id=str(pk))
        return {json.loads(v.serialized_data)[0]["fields"]["public_id"] for v in versions}

    assert saved_ids(Shoe, kept.pk) == {str(kept.public_id)}
    assert saved_ids(Partner, partner.pk) == {str(partner.public_id)}
    (recovered_id,) = saved_ids(Shoe, deleted_pk)  # two versions, one id
    assert recovered_id not in {str(public_id) for public_id in ids}
    Version.objects.get_for_model(Shoe).filter(object_id=str(deleted_pk)).first().revert()
    assert str(Shoe.objects.get(slug="deleted").public_id) == recovered_id


def test_an_import_never_sets_a_public_id(archive):
    shoe = archive["shoe"]
    exported = ShoeResource().export(queryset=Shoe.objects.filter(pk=shoe.pk))
    assert exported.dict[0]["public_id"] == str(shoe.public_id)

    row = dict(exported.dict[0])
    forged = str(uuid.uuid4())
    dataset = tablib.Dataset(headers=list(row))
    dataset.append([forged if name == "public_id" else row[name] for name in row])
    new = {**row, "slug": "imported-new", "style_code": "", "public_id": forged}
    dataset.append([new[name] for name in row])
    result = ShoeResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()

    shoe.refresh_from_db()
    assert shoe.public_id != uuid.UUID(forged)
    assert Shoe.objects.get(slug="imported-new").public_id not in (
        uuid.UUID(forged),
        shoe.public_id,
    )


# HTTP


def test_answers_are_cached_with_validators_and_answer_conditional_gets(client, archive):
    first = get(client, f"{API}/shoes/")
    assert first["ETag"].startswith('"')
    assert first["Last-Modified"].endswith("GMT")
    directives = {part.strip() for part in first["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=1"} <= directives
    again = client.get(f"{API}/shoes/", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.usefixtures("one_moment")
def test_a_repeat_request_is_served_from_the_cache_with_its_headers(
    client, archive, django_assert_num_queries
):
    client.get(detail(archive["shoe"]))
    with django_assert_num_queries(0):  # the version read a moment ago is trusted
        again = get(client, detail(archive["shoe"]))
    assert again.status_code == 200
    assert again["Access-Control-Allow-Origin"] == "*"


def test_a_publication_changes_the_answer_at_once(client, archive, committed):
    before = ids(get(client, f"{API}/shoes/"))
    draft = archive["draft_shoe"]
    with committed():
        draft.status = Status.PUBLISHED
        draft.save()
    assert str(draft.public_id) in ids(get(client, f"{API}/shoes/"))
    assert str(draft.public_id) not in before


def test_answers_are_gzipped_for_clients_that_accept_it(client, archive):
    response = client.get(f"{API}/shoes/", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]


@pytest.mark.parametrize(
    "url", [f"{API}/", f"{API}/shoes/", f"{API}/shoes/?kind=boot", f"{API}/openapi.json"]
)
def test_any_site_may_read_the_api_and_its_etag(client, archive, url):
    response = client.get(url)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Expose-Headers"] == "ETag"


def test_a_preflight_is_answered_for_conditional_requests(client):
    response = client.options(
        f"{API}/shoes/",
        headers={"origin": "https://example.org", "access-control-request-method": "GET"},
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]
    assert "GET" in response["Access-Control-Allow-Methods"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, archive, method):
    response = getattr(client, method)(detail(archive["shoe"]))
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["error"]["status"] == 405
    assert Shoe.objects.filter(pk=archive["shoe"].pk).exists()


def test_head_answers_the_headers_alone(client, archive):
    response = client.head(f"{API}/shoes/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.content == b""


PARAMETERS = ["year", "partner", "kind", "colour", "sort", "theme", "page"]
LISTS = [f"{API}/shoes/", f"{API}/trend-notes/", f"{API}/sources/"]


def test_the_fuzzed_lists_answer_200_when_asked_plainly(client, archive):
    """The fuzzers start from lists that work: a 400 everywhere cannot pass for robustness."""
    for url in LISTS:
        assert get(client, url).status_code == 200


@FUZZ
@given(
    url=st.sampled_from(LISTS),
    query=st.dictionaries(st.sampled_from(PARAMETERS), st.text(max_size=30), max_size=4),
)
def test_no_query_string_makes_the_api_fail(client, archive, url, query):
    cache.clear()
    response = client.get(url, query)
    assert response.status_code in (200, 400, 404), (url, query)
    assert response["Content-Type"] == "application/json"


@FUZZ
@given(segment=st.text(min_size=1, max_size=60).filter(lambda text: "/" not in text))
def test_no_id_makes_the_api_fail(client, archive, segment):
    response = client.get(f"{API}/shoes/{quote(segment, safe='')}/")
    assert response.status_code in (301, 404)


# The OpenAPI document


@pytest.fixture
def document(client):
    return get(client, f"{API}/openapi.json").json()


def test_the_openapi_document_is_valid(document):
    validate(document)
    assert document["openapi"].startswith("3.1")
    assert document["servers"] == [{"url": "http://testserver/api/v1"}]
    assert document["info"]["license"]["name"] == "CC BY 4.0"


def api_routes():
    """Every route under /api/v1/ but the JSON 404 for any other address, as an OpenAPI
    path ("/shoes/{id}/")."""
    routes = []
    for pattern in api_urls.urlpatterns:
        assert isinstance(pattern, URLPattern) and not isinstance(pattern, URLResolver)
        route = str(pattern.pattern)
        if route.startswith("v1/"):
            routes.append("/" + route.removeprefix("v1/").replace("<str:public_id>", "{id}"))
    return routes


def test_the_document_describes_every_route_and_parameter(document):
    routes = api_routes()
    assert sorted(document["paths"]) == sorted(routes)
    assert "/" in routes and "/openapi.json" in routes
    shoe_parameters = {p["name"] for p in document["paths"]["/shoes/"]["get"]["parameters"]}
    assert shoe_parameters == {"year", "partner", "kind", "colour", "sort", "page"}
    note_parameters = {p["name"] for p in document["paths"]["/trend-notes/"]["get"]["parameters"]}
    assert note_parameters == {"theme", "page"}
    # The page cache lets each view see the parameters it names, and only those.
    for pattern in api_urls.urlpatterns:
        named = getattr(pattern.callback, "public_page_params", None)
        route = "/" + str(pattern.pattern).removeprefix("v1/")
        if named is not None and route in document["paths"]:
            documented = {p["name"] for p in document["paths"][route]["get"].get("parameters", [])}
            assert named == documented - {"id"}, route


def schema_of(document, path, status):
    content = document["paths"][path]["get"]["responses"][status]
    if "$ref" in content:
        content = document["components"]["responses"][content["$ref"].rsplit("/", 1)[1]]
    return {
        **content["content"]["application/json"]["schema"],
        "components": document["components"],
    }


def test_every_answer_matches_its_schema(client, archive, document):
    answers = [("/", f"{API}/", "200"), ("/shoes/", f"{API}/shoes/?kind=boot", "400")]
    for resource in RESOURCES:
        answers.append((f"/{resource}/", f"{API}/{resource}/", "200"))
        answers.append((f"/{resource}/", f"{API}/{resource}/?page=9", "404"))
        first = client.get(f"{API}/{resource}/").json()["results"][0]["id"]
        answers.append((f"/{resource}/{{id}}/", f"{API}/{resource}/{first}/", "200"))
    answers += [
        ("/shoes/{id}/", detail(entry), "200")
        for name, entry in archive.items()
        if isinstance(entry, Shoe) and entry.is_public
    ]
    for path, url, status in answers:
        response = client.get(url)
        assert str(response.status_code) == status, url
        OAS31Validator(schema_of(document, path, status)).validate(response.json())


def test_a_field_the_document_does_not_list_would_fail_the_check(client, archive, document):
    milestone = get(client, detail(archive["milestone"])).json()
    validator = OAS31Validator(schema_of(document, "/milestones/{id}/", "200"))
    validator.validate(milestone)
    with pytest.raises(ValidationError, match="Additional properties"):
        validator.validate({**milestone, "surprise": 1})
    with pytest.raises(ValidationError, match="'date' is a required property"):
        validator.validate({name: value for name, value in milestone.items() if name != "date"})


# The page for people


def test_the_api_page_explains_the_api_with_a_real_example(client, archive):
    response = client.get("/api/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>The archive’s API" in html
    assert '<meta property="og:title" content="The Kayano 14 Archive API">' in html
    assert '<link rel="canonical" href="http://testserver/api/">' in html
    assert 'href="/api/v1/openapi.json"' in html
    assert "https://creativecommons.org/licenses/by/4.0/" in html and "CC BY 4.0" in html
    newest = get(client, f"{API}/shoes/").json()["results"][0]
    assert f"GET {newest['api_url']}" in html
    assert f"&quot;id&quot;: &quot;{newest['id']}&quot;" in html
    assert "&quot;release_date&quot;: {" in html
    assert "&quot;parameter&quot;: &quot;year&quot;" in html


def test_the_api_page_works_for_an_empty_archive(client):
    response = client.get("/api/")
    assert response.status_code == 200
    assert "has no published shoe yet" in response.content.decode()


# Query budget


def build_catalog(shoe_count):
    """Partners, collaborations, trend notes and milestones, and `shoe_count` shoes, each
    with technologies, a trend note, a citation and two price points, one of them cited."""
    partners = [PartnerFactory(slug=f"partner-{n}") for n in range(5)]
    collaborations = [
        CollaborationFactory(slug=f"collab-{n}", partner=partners[n % 5]) for n in range(10)
    ]
    technologies = [TechnologyFactory(slug=s, name=s) for s in ("gel", "trusstic", "mesh")]
    notes = [TrendNoteFactory(slug=f"trend-{n}") for n in range(6)]
    MilestoneFactory.create_batch(10)
    source = SourceFactory(title="The reference article")
    add_shoes(shoe_count, collaborations, technologies, notes, source)


def add_shoes(count, collaborations, technologies, notes, source, start=0):
    shoes = bulk_shoes(count, collaborations, technologies, start)
    TrendNote.shoes.through.objects.bulk_create(
        TrendNote.shoes.through(shoe=shoe, trendnote=notes[n % len(notes)])
        for n, shoe in enumerate(shoes)
    )
    content_type = ContentType.objects.get_for_model(Shoe)
    Citation.objects.bulk_create(
        Citation(
            source=source,
            content_type=content_type,
            object_id=shoe.pk,
            field="release_date",
            locator="¶1",
            excerpt="a few words",
        )
        for shoe in shoes
    )
    # Bulk-created points derive nothing: the retail point repeats the shoe's stored price.
    PricePoint.objects.bulk_create(
        point
        for shoe in shoes
        for point in (
            PricePoint(
                content_type=content_type,
                object_id=shoe.pk,
                kind=PricePoint.Kind.RETAIL,
                amount=shoe.retail_price,
                observed_on=shoe.release_date,
                source=source,
                locator="¶2",
                excerpt="a few words",
            ),
            PricePoint(
                content_type=content_type,
                object_id=shoe.pk,
                kind=PricePoint.Kind.RESALE,
                amount=Decimal("250"),
                qualifier=Qualifier.ABOUT,
            ),
        )
    )


def budget_urls():
    shoe = Shoe.objects.get(slug="shoe-5")
    entries = [
        shoe,
        Collaboration.objects.get(slug="collab-1"),
        Partner.objects.get(slug="partner-1"),
        TrendNote.objects.get(slug="trend-1"),
        Milestone.objects.first(),
        Source.objects.get(),
    ]
    return [
        f"{API}/",
        *(f"{API}/{resource}/" for resource in RESOURCES),
        f"{API}/shoes/?year=2015&kind=general&colour=white&sort=price-high&page=1",
        f"{API}/shoes/?partner=partner-1",
        f"{API}/trend-notes/?theme=y2k",
        *(detail(entry) for entry in entries),
        f"{API}/openapi.json",
        "/api/",
    ]


def count_queries(client, urls):
    """Queries per URL, each the first request since the catalog changed (nothing cached,
    filter choices included). Content types are looked up once per process and then
    remembered: count as every request after a worker's first sees it."""
    ContentType.objects.get_for_models(Shoe, Collaboration, Partner, TrendNote, Milestone)
    cache.clear()
    counts = {}
    # All within the half second a worker trusts the version it read: however fast the
    # machine, no request but the first reads it.
    with time_machine.travel(timezone.now(), tick=False):
        record_change()
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, url
            counts[url] = len(queries)
    return counts


def test_the_query_count_stays_the_same_from_10_to_1000_shoes(client):
    build_catalog(10)
    urls = budget_urls()
    small = count_queries(client, urls)
    add_shoes(
        990,
        list(Collaboration.objects.order_by("pk")),
        [],
        list(TrendNote.objects.order_by("pk")),
        Source.objects.get(),
        start=10,
    )
    assert Shoe.objects.published().count() == 1000
    large = count_queries(client, urls)
    assert large == small
    over = {url: count for url, count in large.items() if count > BUDGET}
    assert not over, f"over the budget of {BUDGET}: {over}"


def test_a_page_of_shoes_is_whole_with_1000_shoes(client):
    build_catalog(1000)
    data = get(client, f"{API}/shoes/?page=3").json()
    assert data["count"] == 1000
    assert len(data["results"]) == PAGE_SIZE
    shoe = data["results"][0]
    assert len(shoe["technologies"]) == 3
    assert len(shoe["citations"]) == 1
    assert len(shoe["price_history"]) == 2
    assert len(shoe["trend_notes"]) == 1
    assert json.dumps(data)  # plain JSON all the way down
