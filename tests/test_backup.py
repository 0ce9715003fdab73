"""`manage.py backup` and `restore`: a round trip loses nothing; hostile tarballs are refused."""

import io
import json
import tarfile

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from catalog.models import (
    Collaboration,
    ContentVersion,
    Milestone,
    Partner,
    Shoe,
    Technology,
    TrendNote,
)

from .factories import (
    CollaborationFactory,
    MilestoneFactory,
    PartnerFactory,
    ShoeFactory,
    TechnologyFactory,
    TrendNoteFactory,
)

pytestmark = pytest.mark.django_db

CATALOG = [Partner, Technology, Collaboration, Shoe, TrendNote, Milestone]


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "#c0c4c8").save(buffer, format="PNG")
    return buffer.getvalue()


def snapshot():
    """Every field of every row, m2m lists included; users and groups by natural key."""
    rows = {
        model._meta.label: serializers.serialize("python", model.objects.order_by("pk"))
        for model in CATALOG
    }
    for model, natural_key in ((User, "username"), (Group, "name")):
        rows[model._meta.label] = serializers.serialize(
            "python",
            model.objects.order_by(natural_key),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
    return rows


@pytest.fixture
def archive():
    partner = PartnerFactory(name="JJJJound", city="Montreal", key_person="Justin Saunders")
    collaboration = CollaborationFactory(partner=partner, title="JJJJound 2022")
    gel, trusstic = TechnologyFactory(name="GEL"), TechnologyFactory(name="TRUSSTIC")
    pictured = ShoeFactory(
        collaboration=collaboration,
        picture=ContentFile(png_bytes(), name="jjjjound.png"),
        picture_alt="A white and silver Gel-Kayano 14, seen from the side.",
        style_code="1201A457-100",
        retail_price=180,
        resale_peak=700,
    )
    pictured.technologies.set([gel, trusstic])
    plain = ShoeFactory(colorway="Cream/Black")
    note = TrendNoteFactory()
    note.shoes.set([pictured, plain])
    note.collaborations.set([collaboration])
    MilestoneFactory(title="The original release")
    editors = Group.objects.create(name="Reviewers")
    editors.permissions.set(Permission.objects.filter(codename__in=["change_shoe", "add_shoe"]))
    editor = User.objects.create_user("hana", "hana@example.org", "a long passphrase")
    editor.groups.add(editors)
    editor.user_permissions.add(Permission.objects.get(codename="view_partner"))
    User.objects.create_superuser("admin", "admin@example.org", "another passphrase")
    return pictured


def test_a_backup_restored_into_an_emptied_database_brings_back_every_row_and_file(
    archive, tmp_path
):
    picture_name = archive.picture.name
    picture = default_storage.open(picture_name).read()
    before = snapshot()
    backup = tmp_path / "kayano.tar.gz"

    out = io.StringIO()
    call_command("backup", output=str(backup), stdout=out)
    assert f"Wrote {backup}" in out.getvalue()
    assert "1 media files" in out.getvalue()

    for model in [TrendNote, Shoe, Milestone, Collaboration, Partner, Technology, User, Group]:
        model.objects.all().delete()
    default_storage.delete(picture_name)
    assert not default_storage.exists(picture_name)

    out = io.StringIO()
    call_command("restore", str(backup), stdout=out)

    assert f"from {backup}" in out.getvalue()
    assert snapshot() == before
    assert default_storage.open(picture_name).read() == picture
    hana = User.objects.get(username="hana")
    assert hana.check_password("a long passphrase")
    assert hana.has_perm("catalog.change_shoe")
    assert hana.has_perm("catalog.view_partner")
    assert Shoe.objects.get(pk=archive.pk).picture_alt == archive.picture_alt


def test_restore_marks_the_catalog_changed_so_cached_pages_are_not_served(
    archive, tmp_path, committed
):
    backup = tmp_path / "kayano.tar.gz"
    call_command("backup", output=str(backup), stdout=io.StringIO())
    ContentVersion.objects.update_or_create(pk=1, defaults={"changed_us": 0})
    before = ContentVersion.objects.get().changed_at

    with committed():
        call_command("restore", str(backup), stdout=io.StringIO())

    assert ContentVersion.objects.get().changed_at > before


def test_restore_with_replace_removes_catalog_rows_not_in_the_backup(archive, tmp_path):
    backup = tmp_path / "kayano.tar.gz"
    call_command("backup", output=str(backup), stdout=io.StringIO())
    before = snapshot()
    extra = ShoeFactory(name="Added after the backup")
    extra_user = User.objects.create_user("late", password="yet another passphrase")

    call_command("restore", str(backup), replace=True, stdout=io.StringIO())

    assert not Shoe.objects.filter(pk=extra.pk).exists()
    # Accounts are never deleted by a restore, only brought back or updated.
    assert User.objects.filter(pk=extra_user.pk).exists()
    extra_user.delete()
    assert snapshot() == before


def test_restore_without_replace_keeps_rows_added_since_the_backup(archive, tmp_path):
    backup = tmp_path / "kayano.tar.gz"
    call_command("backup", output=str(backup), stdout=io.StringIO())
    archive.summary = "Edited after the backup."
    archive.save()
    extra = ShoeFactory(name="Added after the backup")

    call_command("restore", str(backup), stdout=io.StringIO())

    assert Shoe.objects.filter(pk=extra.pk).exists()
    archive.refresh_from_db()
    assert archive.summary == "A colorway of the Gel-Kayano 14."


def test_backup_default_path_is_a_timestamped_file_under_backups(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    call_command("backup", stdout=io.StringIO())
    [written] = (tmp_path / "backups").iterdir()
    assert written.name.startswith("kayano-")
    assert written.name.endswith(".tar.gz")
    assert written.stat().st_mode & 0o077 == 0, "backups hold password hashes: owner only"


def test_backup_refuses_to_overwrite_an_existing_file(tmp_path):
    existing = tmp_path / "kayano.tar.gz"
    existing.write_bytes(b"keep me")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", output=str(existing), stdout=io.StringIO())
    assert existing.read_bytes() == b"keep me"


def tarball(path, members):
    """Write a .tar.gz with `members`: (TarInfo, bytes or None)."""
    with tarfile.open(path, "w:gz") as tar:
        for info, data in members:
            if data is not None:
                info.size = len(data)
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    return path


def file_member(name, data):
    return tarfile.TarInfo(name), data


@pytest.mark.parametrize(
    "name", ["../evil", "media/../../evil", "/srv/evil", "media/shoes/../../../evil"]
)
def test_a_tarball_with_a_path_escaping_member_is_refused_before_anything_changes(
    tmp_path, settings, name
):
    shoe = ShoeFactory()
    path = tarball(
        tmp_path / "hostile.tar.gz",
        [file_member("data.json", b"[]"), file_member(name, b"pwned")],
    )

    with pytest.raises(CommandError, match="unsafe member"):
        call_command("restore", str(path), replace=True, stdout=io.StringIO())

    assert Shoe.objects.filter(pk=shoe.pk).exists()
    assert not (tmp_path / "evil").exists()
    assert not list(tmp_path.rglob("evil"))


def test_a_tarball_with_a_symlink_is_refused(tmp_path):
    link = tarfile.TarInfo("media/shoes/passwd")
    link.type = tarfile.SYMTYPE
    link.linkname = "/etc/passwd"
    path = tarball(tmp_path / "link.tar.gz", [file_member("data.json", b"[]"), (link, None)])

    with pytest.raises(CommandError, match="unsafe member"):
        call_command("restore", str(path), stdout=io.StringIO())


def test_a_tarball_without_data_is_refused(tmp_path):
    path = tarball(tmp_path / "empty.tar.gz", [file_member("media/shoes/a.png", png_bytes())])
    with pytest.raises(CommandError, match="has no data.json"):
        call_command("restore", str(path), stdout=io.StringIO())
    assert not default_storage.exists("shoes/a.png")


def test_a_tarball_with_unexpected_members_is_refused(tmp_path):
    path = tarball(
        tmp_path / "odd.tar.gz",
        [file_member("data.json", json.dumps([]).encode()), file_member("settings.py", b"")],
    )
    with pytest.raises(CommandError, match="unexpected member"):
        call_command("restore", str(path), stdout=io.StringIO())


def test_a_file_that_is_not_a_tarball_is_refused(tmp_path):
    path = tmp_path / "notes.tar.gz"
    path.write_text("not a tarball")
    with pytest.raises(CommandError, match="not a readable backup tarball"):
        call_command("restore", str(path), stdout=io.StringIO())


def test_a_merge_that_clashes_fails_and_changes_nothing(archive, tmp_path):
    backup = tmp_path / "kayano.tar.gz"
    call_command("backup", output=str(backup), stdout=io.StringIO())
    slug = archive.slug
    archive.delete()
    # Another shoe has taken the slug since the backup was made.
    usurper = ShoeFactory(slug=slug)
    plain = Shoe.objects.exclude(pk=usurper.pk).get()
    plain.summary = "Edited after the backup."
    plain.save()

    with pytest.raises(CommandError, match="Nothing was restored"):
        call_command("restore", str(backup), stdout=io.StringIO())

    plain.refresh_from_db()
    assert plain.summary == "Edited after the backup."
    assert Shoe.objects.get(slug=slug).pk == usurper.pk
