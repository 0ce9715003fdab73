"""
Markdown is rendered once, on save, into a stored HTML field that pages output as it is;
no path that writes an entry (a form, an import, a backup, a history restore) leaves that
field stale, and none lets an editor or a file write it.
"""

import io
import json
import tarfile

import pytest
import reversion
import tablib
from django.core import serializers
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from catalog.markdown import render_markdown
from catalog.models import Collaboration, Shoe, TrendNote
from catalog.resources import CollaborationResource, ShoeResource, TrendNoteResource

from .admin_forms import preview, shoe_form
from .factories import CollaborationFactory, ShoeFactory, TrendNoteFactory

pytestmark = pytest.mark.django_db

STORY = "## Part\n\nA **short** story."
HOSTILE = (
    "Before.\n\n<script>alert(1)</script>\n\n"
    '<img src="x" onerror="alert(1)">\n\n[x](javascript:alert(1))'
)


def stored(entry):
    """The entry's stored HTML, as saved in the database."""
    entry.refresh_from_db()
    (name,) = entry.markdown_fields
    return entry.html_of(name)


def test_saving_a_shoe_stores_its_story_as_html_under_the_pages_heading():
    shoe = ShoeFactory(story=STORY)
    assert stored(shoe) == "<h3>Part</h3>\n<p>A <strong>short</strong> story.</p>"


def test_saving_a_collaboration_stores_its_story_under_the_pages_heading():
    collaboration = CollaborationFactory(story=STORY)
    assert stored(collaboration) == "<h3>Part</h3>\n<p>A <strong>short</strong> story.</p>"


def test_saving_a_trend_note_stores_its_body_with_headings_from_h2():
    note = TrendNoteFactory(body=STORY)
    assert stored(note) == "<h2>Part</h2>\n<p>A <strong>short</strong> story.</p>"


def test_changing_the_story_renders_it_again():
    shoe = ShoeFactory(story="First.")
    shoe.story = "Second *words*."
    shoe.save()
    assert stored(shoe) == "<p>Second <em>words</em>.</p>"


def test_a_save_of_named_fields_renders_the_story_when_it_is_one_of_them():
    shoe = ShoeFactory(story="First.")
    shoe.story = "Second."
    shoe.save(update_fields=["story"])
    assert stored(shoe) == "<p>Second.</p>"


def test_a_save_of_other_fields_leaves_the_stored_html_as_it_is():
    shoe = ShoeFactory(story="First.")
    shoe.status = "draft"
    shoe.save(update_fields=["status", "updated_at"])
    assert stored(shoe) == "<p>First.</p>"


def test_saving_a_listed_note_whose_body_was_not_loaded_keeps_its_html():
    note = TrendNoteFactory(body="Chrome is back.")
    listed = TrendNote.objects.for_listing().get(pk=note.pk)
    listed.title = "Renamed"
    listed.save()
    assert stored(note) == "<p>Chrome is back.</p>"


def test_the_stored_html_is_sanitised_raw_html_and_script_links_removed():
    html = stored(ShoeFactory(story=HOSTILE))
    for dangerous in ("<script", "<img", "onerror", "javascript:", "href"):
        assert dangerous not in html
    assert "<p>Before.</p>" in html
    assert ">x<" in html  # the link's words stay, without the address


def test_pages_show_the_stored_html_and_render_no_markdown(client, monkeypatch):
    shoe = ShoeFactory(story="Rendered *on save*.")
    collaboration = CollaborationFactory(story="A collaboration *story*.")
    note = TrendNoteFactory(body="A *trend* body.")

    def no_rendering(*args, **kwargs):
        raise AssertionError("a page rendered Markdown")

    monkeypatch.setattr("catalog.models.rendering.render_markdown", no_rendering)
    for entry, html in [
        (shoe, "<p>Rendered <em>on save</em>.</p>"),
        (collaboration, "<p>A collaboration <em>story</em>.</p>"),
        (note, "<p>A <em>trend</em> body.</p>"),
    ]:
        response = client.get(entry.get_absolute_url())
        assert response.status_code == 200
        assert html in response.content.decode()


def test_the_page_outputs_what_is_stored(client):
    shoe = ShoeFactory(story="The story.")
    Shoe.objects.filter(pk=shoe.pk).update(story_html="<p>The stored copy.</p>")
    assert "<p>The stored copy.</p>" in client.get(shoe.get_absolute_url()).content.decode()


def test_a_hostile_story_saved_in_the_admin_reaches_the_page_sanitised(admin_client):
    response = admin_client.post(reverse("admin:catalog_shoe_add"), shoe_form(story=HOSTILE))
    assert response.status_code == 302
    html = admin_client.get("/shoes/kith-cream-antler/").content.decode()
    assert "<p>Before.</p>" in html
    assert "alert(1)" not in html
    assert "javascript:" not in html


def test_the_admin_form_has_no_field_for_the_stored_html(admin_client):
    shoe = ShoeFactory()
    response = admin_client.get(reverse("admin:catalog_shoe_change", args=[shoe.pk]))
    assert "story_html" not in response.context["adminform"].form.fields
    assert 'name="story_html"' not in response.content.decode()


def test_an_import_file_naming_the_stored_html_is_refused(admin_client):
    header = "slug,name,kind,palette,summary,story,story_html\n"
    row = 'imported,Imported,general,"#ffffff, #000000",A pair.,Plain words.,<script>x</script>\n'
    response = preview(admin_client, header + row)
    assert "Unknown columns: story_html" in response.content.decode()
    assert not Shoe.objects.filter(slug="imported").exists()


@pytest.mark.parametrize(
    ("resource", "model", "factory", "field", "html_field"),
    [
        (ShoeResource, Shoe, ShoeFactory, "story", "story_html"),
        (CollaborationResource, Collaboration, CollaborationFactory, "story", "story_html"),
        (TrendNoteResource, TrendNote, TrendNoteFactory, "body", "body_html"),
    ],
)
def test_an_import_cannot_write_the_stored_html(resource, model, factory, field, html_field):
    entry = factory(**{field: "Before."})
    exported = resource().export()
    assert html_field not in exported.headers  # exports leave it out
    row = dict(zip(exported.headers, exported[0], strict=True))
    row.update({field: "After *import*.", html_field: '<script>alert("x")</script>'})
    dataset = tablib.Dataset(list(row.values()), headers=list(row))

    result = resource().import_data(dataset, raise_errors=True)

    assert not result.has_validation_errors()
    saved = model.objects.get(pk=entry.pk)
    shift = model.markdown_fields[field][1]
    assert getattr(saved, html_field) == render_markdown("After *import*.", shift)
    assert "<script" not in getattr(saved, html_field)


def fixture_of(entry, **fields):
    """`entry` as a backup's data.json holds it, with `fields` changed."""
    (row,) = json.loads(serializers.serialize("json", [entry]))
    row["fields"].update(fields)
    return row


def test_loaddata_replaces_stored_html_a_file_carries_with_its_rendering(tmp_path):
    shoe = ShoeFactory(story="Loaded *words*.")
    path = tmp_path / "data.json"
    path.write_text(json.dumps([fixture_of(shoe, story_html="<script>alert(1)</script>")]))

    call_command("loaddata", str(path), stdout=io.StringIO())

    assert stored(shoe) == "<p>Loaded <em>words</em>.</p>"


def test_loaddata_of_a_backup_from_before_stored_html_renders_it(tmp_path):
    note = TrendNoteFactory(body="Old *backup*.")
    row = fixture_of(note)
    del row["fields"]["body_html"]
    TrendNote.objects.filter(pk=note.pk).update(body_html="")
    path = tmp_path / "data.json"
    path.write_text(json.dumps([row]))

    call_command("loaddata", str(path), stdout=io.StringIO())

    assert stored(note) == "<p>Old <em>backup</em>.</p>"


def without_stored_html(backup, path):
    """A copy of the tarball `backup` whose rows have no stored HTML, as a backup written
    before the field existed."""
    with tarfile.open(backup) as source, tarfile.open(path, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else None
            if member.name == "data.json":
                rows = json.loads(data)
                for row in rows:
                    for name in ("story_html", "body_html"):
                        row["fields"].pop(name, None)
                data = json.dumps(rows).encode()
                member.size = len(data)
            target.addfile(member, io.BytesIO(data) if data is not None else None)
    return path


def test_a_restored_backup_from_before_stored_html_has_html_made_from_its_stories(tmp_path):
    shoe = ShoeFactory(story="Backed *up*.")
    call_command("backup", output=str(tmp_path / "backup.tar.gz"), stdout=io.StringIO())
    backup = without_stored_html(tmp_path / "backup.tar.gz", tmp_path / "old.tar.gz")
    shoe.story = "Changed since."
    shoe.save()

    call_command("restore", str(backup), replace=True, stdout=io.StringIO())

    assert stored(shoe) == "<p>Backed <em>up</em>.</p>"


def test_restoring_a_version_recorded_before_stored_html_renders_its_story():
    with reversion.create_revision():
        shoe = ShoeFactory(story="The *first* story.")
    with reversion.create_revision():
        shoe.story = "The second story."
        shoe.save()
    first = Version.objects.get_for_object(shoe).order_by("pk").first()
    (row,) = json.loads(first.serialized_data)
    del row["fields"]["story_html"]
    first.serialized_data = json.dumps([row])

    first.revert()

    assert stored(shoe) == "<p>The <em>first</em> story.</p>"


def test_the_seed_content_is_loaded_with_its_html():
    call_command("load_seed", stdout=io.StringIO())
    entries = [*Shoe.objects.all(), *Collaboration.objects.all(), *TrendNote.objects.all()]
    assert entries
    for entry in entries:
        for name, (html_field, shift) in entry.markdown_fields.items():
            assert getattr(entry, html_field) == render_markdown(getattr(entry, name), shift)


def test_comparing_versions_shows_the_story_changed_not_its_html(admin_client):
    admin_client.post(reverse("admin:catalog_shoe_add"), shoe_form(story="First words."))
    shoe = Shoe.objects.get(slug="kith-cream-antler")
    admin_client.post(
        reverse("admin:catalog_shoe_change", args=[shoe.pk]), shoe_form(story="Second words.")
    )
    first, second = sorted(Version.objects.get_for_object(shoe).values_list("pk", flat=True))

    compare = admin_client.get(
        reverse("admin:catalog_shoe_compare", args=[shoe.pk]),
        {"version_id1": first, "version_id2": second},
    )

    html = compare.content.decode()
    assert "<h3>story</h3>" in html
    assert "as HTML" not in html
