"""`manage.py backup` and `restore`: a round trip loses nothing; hostile tarballs are refused."""

import io
import json
import re
import tarfile
import tempfile
from pathlib import Path

import pytest
import reversion
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission, User
from django.contrib.sessions.models import Session
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError
from PIL import Image
from reversion.models import Revision

from catalog.management.commands import restore as restore_command
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


def png_bytes(colour="#c0c4c8"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), colour).save(buffer, format="PNG")
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


def media_files(settings):
    """Every file under MEDIA_ROOT with its bytes, so a test sees any file added or changed."""
    root = Path(settings.MEDIA_ROOT)
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


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
    assert "5 media files" in out.getvalue()  # the picture and its four renditions

    for model in [TrendNote, Shoe, Milestone, Collaboration, Partner, Technology, User, Group]:
        model.objects.all().delete()
    default_storage.delete(picture_name)
    assert not default_storage.exists(picture_name)

    out = io.StringIO()
    call_command("restore", str(backup), include_users=True, stdout=out)

    assert f"from {backup}" in out.getvalue()
    assert "skipped" not in out.getvalue()
    assert snapshot() == before
    assert default_storage.open(picture_name).read() == picture
    hana = User.objects.get(username="hana")
    assert hana.check_password("a long passphrase")
    assert hana.has_perm("catalog.change_shoe")
    assert hana.has_perm("catalog.view_partner")
    assert Shoe.objects.get(pk=archive.pk).picture_alt == archive.picture_alt


def back_up_then_change_accounts(tmp_path):
    """A backup, then after it: hana's password changed and the admin account deleted."""
    backup = tmp_path / "kayano.tar.gz"
    call_command("backup", output=str(backup), stdout=io.StringIO())
    hana = User.objects.get(username="hana")
    hana.set_password("changed after the backup")
    hana.save()
    User.objects.filter(username="admin").delete()
    return backup, hana


def test_a_restore_leaves_accounts_groups_and_passwords_as_they_are(archive, tmp_path):
    AccessAttempt.objects.create(
        username="hana", ip_address="192.0.2.7", user_agent="x", failures_since_start=3
    )
    backup, hana = back_up_then_change_accounts(tmp_path)
    Group.objects.filter(name="Reviewers").update(name="Former reviewers")
    AccessAttempt.objects.all().delete()
    archive.summary = "Edited after the backup."
    archive.save()

    out = io.StringIO()
    call_command("restore", str(backup), stdout=out)

    hana.refresh_from_db()
    assert hana.check_password("changed after the backup")
    assert not hana.check_password("a long passphrase")
    assert not User.objects.filter(username="admin").exists()
    assert Group.objects.filter(name="Former reviewers").exists()
    assert not Group.objects.filter(name="Reviewers").exists()
    assert not AccessAttempt.objects.exists(), "a lockout from backup time stays forgotten"
    archive.refresh_from_db()
    assert archive.summary == "A colorway of the Gel-Kayano 14."
    assert re.search(
        r"Users, groups and passwords skipped \(\d+ rows of auth, axes\)", out.getvalue()
    )
    assert "--include-users" in out.getvalue()


def test_restore_with_include_users_puts_accounts_and_passwords_back(archive, tmp_path):
    backup, hana = back_up_then_change_accounts(tmp_path)

    out = io.StringIO()
    call_command("restore", str(backup), include_users=True, stdout=out)

    hana.refresh_from_db()
    assert hana.check_password("a long passphrase")
    assert User.objects.get(username="admin").is_superuser
    assert "skipped" not in out.getvalue()


def test_history_by_an_account_that_is_not_restored_keeps_no_author(archive, tmp_path):
    assert reversion.is_registered(Shoe)
    for username, comment in (("hana", "By Hana"), ("admin", "By the admin")):
        with reversion.create_revision():
            reversion.set_user(User.objects.get(username=username))
            reversion.set_comment(comment)
            archive.save()
    backup = tmp_path / "kayano.tar.gz"
    call_command("backup", output=str(backup), stdout=io.StringIO())
    Revision.objects.all().delete()
    User.objects.filter(username="hana").delete()

    call_command("restore", str(backup), stdout=io.StringIO())

    assert not User.objects.filter(username="hana").exists()
    assert Revision.objects.get(comment="By Hana").user is None
    assert Revision.objects.get(comment="By the admin").user.username == "admin"
    hanas = Revision.objects.get(comment="By Hana").version_set  # the shoe, with its own rows
    assert hanas.get(content_type__model="shoe").object_id == str(archive.pk)


def test_a_restore_that_fails_while_writing_pictures_leaves_every_row_and_picture(
    archive, tmp_path, settings, monkeypatch
):
    for name in ("second", "third"):
        ShoeFactory(picture=ContentFile(png_bytes(), name=f"{name}.png"), picture_alt=name)
    backup = tmp_path / "kayano.tar.gz"
    call_command("backup", output=str(backup), stdout=io.StringIO())
    # Since the backup: two pictures were replaced in place, one was removed, a row edited.
    first, second, third = sorted(
        Shoe.objects.exclude(picture="").values_list("picture", flat=True)
    )
    for name in (first, second):
        (Path(settings.MEDIA_ROOT) / name).write_bytes(png_bytes("#1b1b1b"))
    default_storage.delete(third)
    archive.summary = "Edited after the backup."
    archive.save()
    rows, files = snapshot(), media_files(settings)

    save = FileSystemStorage.save
    calls = []

    def save_fails_the_second_time(storage, name, content, max_length=None):
        calls.append(name)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return save(storage, name, content, max_length)

    monkeypatch.setattr(FileSystemStorage, "save", save_fails_the_second_time)

    with pytest.raises(CommandError, match="Nothing was restored.*No space left"):
        call_command("restore", str(backup), stdout=io.StringIO())

    assert len(calls) >= 2, "the picture step was reached"
    assert snapshot() == rows
    assert media_files(settings) == files


def test_a_restore_puts_the_backups_pictures_back_over_later_edits(archive, tmp_path, settings):
    picture_name = archive.picture.name
    backed_up = media_files(settings)  # the picture and its renditions
    backup = tmp_path / "kayano.tar.gz"
    call_command("backup", output=str(backup), stdout=io.StringIO())
    (Path(settings.MEDIA_ROOT) / picture_name).write_bytes(png_bytes("#1b1b1b"))

    call_command("restore", str(backup), stdout=io.StringIO())

    assert media_files(settings) == backed_up


def test_a_restore_whose_transaction_fails_after_the_swap_puts_every_picture_back(
    archive, tmp_path, settings, monkeypatch
):
    backup = tmp_path / "kayano.tar.gz"
    call_command("backup", output=str(backup), stdout=io.StringIO())
    (Path(settings.MEDIA_ROOT) / archive.picture.name).write_bytes(png_bytes("#1b1b1b"))
    archive.summary = "Edited after the backup."
    archive.save()
    rows, files = snapshot(), media_files(settings)

    def commit_fails():
        # The last step inside the transaction: stands in for a failing COMMIT.
        raise DatabaseError("could not serialize access")

    monkeypatch.setattr(restore_command, "catalog_changed", commit_fails)

    with pytest.raises(CommandError, match="Nothing was restored: could not serialize"):
        call_command("restore", str(backup), stdout=io.StringIO())

    assert snapshot() == rows
    assert media_files(settings) == files


def test_a_picture_that_cannot_be_put_back_is_named_with_its_saved_copy(
    archive, tmp_path, settings, monkeypatch
):
    backup = tmp_path / "kayano.tar.gz"
    call_command("backup", output=str(backup), stdout=io.StringIO())
    edited = png_bytes("#1b1b1b")
    (Path(settings.MEDIA_ROOT) / archive.picture.name).write_bytes(edited)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def storage_breaks(storage, name, content, max_length=None):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(FileSystemStorage, "save", storage_breaks)

    with pytest.raises(CommandError, match="could not be put back") as failure:
        call_command("restore", str(backup), stdout=io.StringIO())

    copy = re.search(r"previous copy: (\S+)\)", str(failure.value)).group(1)
    assert archive.picture.name in str(failure.value)
    assert Path(copy).read_bytes() == edited


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


@pytest.mark.parametrize(
    "kind", [tarfile.SYMTYPE, tarfile.LNKTYPE, tarfile.CHRTYPE, tarfile.FIFOTYPE]
)
def test_a_tarball_with_a_link_or_device_is_refused(tmp_path, kind):
    link = tarfile.TarInfo("media/shoes/passwd")
    link.type = kind
    link.linkname = "/etc/passwd"
    path = tarball(tmp_path / "link.tar.gz", [file_member("data.json", b"[]"), (link, None)])

    with pytest.raises(CommandError, match="unsafe member"):
        call_command("restore", str(path), stdout=io.StringIO())
    assert not list(tmp_path.rglob("passwd"))


@pytest.mark.parametrize(
    "row",
    [
        {
            "model": "sessions.session",
            "pk": "a" * 32,
            "fields": {"session_data": "e30:1", "expire_date": "2099-01-01T00:00:00Z"},
        },
        {
            "model": "auth.permission",
            "fields": {
                "name": "Can do anything",
                "content_type": ["catalog", "shoe"],
                "codename": "anything",
            },
        },
    ],
)
def test_a_data_file_with_rows_a_backup_never_holds_is_refused(tmp_path, row):
    shoe = ShoeFactory()
    path = tarball(
        tmp_path / "odd.tar.gz",
        [file_member("data.json", json.dumps([row]).encode())],
    )

    with pytest.raises(CommandError, match=f"never holds.*{row['model']}"):
        call_command("restore", str(path), replace=True, stdout=io.StringIO())

    assert Shoe.objects.filter(pk=shoe.pk).exists()
    assert not Session.objects.exists()
    assert not Permission.objects.filter(codename="anything").exists()


@pytest.mark.parametrize("data", [b"{}", b"[1, 2]", b'[{"fields": {}}]'])
def test_a_data_file_that_is_not_a_list_of_rows_is_refused(tmp_path, data):
    path = tarball(tmp_path / "odd.tar.gz", [file_member("data.json", data)])
    with pytest.raises(CommandError, match="not a backup's rows"):
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
