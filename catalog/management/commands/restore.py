"""
`manage.py restore PATH [--replace] [--include-users]`: load a tarball written by
`manage.py backup`.

Every member is checked before anything is touched: only `data.json` and regular files
or folders under `media/` are accepted, and an absolute name, a `..` part, a link or a
device refuses the whole tarball. `data.json` must be a list of rows of the models a
backup writes: a row of any other model (a session, a permission) refuses it too.

By default only the catalog comes back: its rows, their edit history and the media files.
Everything else in a backup is about accounts (users, groups, login records, second
factors) and is skipped, so nobody's password goes back to its value at backup time and no
deleted account or used recovery code reappears; history written by an account that does
not exist here keeps no author. `--include-users` restores them as well (for a new, empty
database): users and groups are matched by username and name, so existing accounts are
updated, never deleted.

Then:

- every media file is copied out of the tarball into a scratch folder and checked, before
  anything is changed;
- in one transaction: with `--replace`, every catalog row is deleted first, so the catalog
  ends up exactly as in the backup; without it the backup is merged: rows with the same id
  are overwritten, other rows stay, and a clash (the same slug under another id) fails and
  changes nothing; `loaddata` loads the rows;
- only once the rows are in are the staged files swapped into the default storage
  (MEDIA_ROOT, or the S3 bucket), each file they replace copied aside first. If a file
  cannot be written, or the transaction fails, the rows roll back and every replaced file
  is put back and every added one removed, so the pictures are as they were;
- the catalog is marked as changed, so no cached page from before the restore is served.
"""

import json
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.files.utils import validate_file_name
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, transaction

from catalog.models.versioning import catalog_changed

from .backup import DATA_NAME, MEDIA_PREFIX, models_to_back_up

# What a restore brings back by default: the catalog and its edit history. Every other app
# in a backup holds accounts or what guards them (auth, axes' login records, second-factor
# devices and recovery codes), restored only with --include-users. An allow-list, so that
# an app added later is not restored over live accounts by default.
CONTENT_APPS = {"catalog", "reversion"}


def check_member(member):
    """Raise CommandError unless `member` is safe to read; return its media name or None."""
    name = member.name
    parts = PurePosixPath(name).parts
    if (
        not name
        or name.startswith("/")
        or "\\" in name
        or "\x00" in name
        or ".." in parts
        or not (member.isfile() or member.isdir())
    ):
        raise CommandError(f"Refusing the whole tarball: unsafe member {name!r}.")
    if name == DATA_NAME and member.isfile():
        return None
    if parts[0] == MEDIA_PREFIX.rstrip("/") and (len(parts) > 1 or member.isdir()):
        return "/".join(parts[1:]) if member.isfile() else None
    raise CommandError(f"Refusing the whole tarball: unexpected member {name!r}.")


def read_rows(data):
    """The rows in `data.json`, refused unless every one is of a model a backup writes."""
    try:
        rows = json.loads(data)
    except ValueError as error:
        raise CommandError(f"{DATA_NAME} is not valid JSON.") from error
    if not isinstance(rows, list) or not all(
        isinstance(row, dict) and isinstance(row.get("model"), str) for row in rows
    ):
        raise CommandError(
            f"{DATA_NAME} is not a backup's rows: a list of objects, each naming its model."
        )
    backed_up = {model._meta.label_lower for model in models_to_back_up()}
    foreign = sorted({row["model"].lower() for row in rows} - backed_up)
    if foreign:
        raise CommandError(
            f"Refusing the whole tarball: a backup never holds rows of {', '.join(foreign)}."
        )
    return rows


def app_of(row):
    return row["model"].split(".")[0].lower()


def drop_missing_authors(rows):
    """
    Clear references to accounts that do not exist here, in rows that are not accounts.

    Without --include-users the user rows are not loaded, so a reference by natural key
    would fail the whole restore; the history stays, without its author, as it would had
    the account been deleted. Returns how many references were cleared.
    """
    user_model = get_user_model()
    references = {
        model._meta.label_lower: [
            field.name
            for field in model._meta.fields
            if field.is_relation and field.related_model is user_model and field.null
        ]
        for model in models_to_back_up()
    }
    known = {}
    cleared = 0
    for row in rows:
        for name in references.get(row["model"].lower(), ()):
            value = row.get("fields", {}).get(name)
            if value is None:
                continue
            key = json.dumps(value)
            if key not in known:
                known[key] = account_exists(user_model, value)
            if not known[key]:
                row["fields"][name] = None
                cleared += 1
    return cleared


def account_exists(user_model, value):
    """Whether `value`, a natural key (a list) or a primary key, names an account here."""
    manager = user_model._default_manager
    if not isinstance(value, list):
        return manager.filter(pk=value).exists()
    try:
        manager.get_by_natural_key(*value)
    except user_model.DoesNotExist:
        return False
    return True


def stage_media(tar, media, folder):
    """Copy every media member into `folder` and check it; nothing else is touched yet."""
    staged = []
    for index, (name, member) in enumerate(media.items()):
        try:
            validate_file_name(name, allow_relative_path=True)
        except SuspiciousFileOperation as error:
            raise CommandError(
                f"Refusing the whole tarball: unsafe member {member.name!r}."
            ) from error
        path = folder / str(index)
        with tar.extractfile(member) as source, path.open("wb") as target:
            shutil.copyfileobj(source, target)
        if path.stat().st_size != member.size:
            raise CommandError(f"Nothing was restored: media file {name!r} is truncated.")
        staged.append((name, path))
    return staged


class MediaSwap:
    """
    Writes staged files into a storage, copying aside each file it replaces first, so that
    `undo()` can leave the storage exactly as it found it.

    Storage backends have no rename (S3 has none at all), so each swap is a copy, a delete
    and a save; the copies aside are what makes it reversible.
    """

    def __init__(self, storage, staged, aside):
        self.storage = storage
        self.staged = staged
        self.aside = aside
        self.swapped = []  # (name, copy of the previous file or None), in swap order

    def run(self):
        for index, (name, path) in enumerate(self.staged):
            try:
                previous = None
                if self.storage.exists(name):
                    previous = self.aside / str(index)
                    with self.storage.open(name, "rb") as source, previous.open("wb") as target:
                        shutil.copyfileobj(source, target)
                # Recorded only once the copy aside is complete: undo trusts it.
                self.swapped.append((name, previous))
                if previous:
                    self.storage.delete(name)
                with path.open("rb") as content:
                    saved = self.storage.save(name, File(content))
            except Exception as error:
                raise CommandError(
                    f"Nothing was restored: media file {name!r} could not be written ({error})."
                ) from error
            if saved != name:
                self.swapped.append((saved, None))  # so that undo removes it
                raise CommandError(f"Media file {name!r} was stored as {saved!r}.")

    def undo(self):
        """Put back every file as it was; returns (name, copy) for any that could not be."""
        failed = []
        for name, previous in reversed(self.swapped):
            try:
                if self.storage.exists(name):
                    self.storage.delete(name)
                if previous:
                    with previous.open("rb") as content:
                        if self.storage.save(name, File(content)) != name:
                            raise OSError(f"{name} was stored under another name")
            except Exception:
                failed.append((name, previous))
        self.swapped = []
        return failed


def delete_catalog_rows():
    """Empty every catalog table, many-to-many tables included, inside the transaction."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in apps.get_app_config("catalog").get_models(include_auto_created=True):
            if model._meta.managed and not model._meta.proxy:
                # The table name comes from model metadata, never from input.
                cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")  # noqa: S608


class Command(BaseCommand):
    help = (
        "Load a backup tarball (data.json and media/) into this database and media storage: "
        "the catalog and its media, and with --include-users the accounts too."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .tar.gz written by `manage.py backup`.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete every catalog row first, so the catalog matches the backup exactly.",
        )
        parser.add_argument(
            "--include-users",
            action="store_true",
            help="Also restore users, groups, passwords, second factors and login records as "
            "they were at backup time (for an empty database). Without it, accounts are left "
            "untouched.",
        )

    def handle(self, *args, path, replace=False, include_users=False, **options):
        if not Path(path).is_file():
            raise CommandError(f"No such file: {path}")
        try:
            with tarfile.open(path, mode="r:gz") as tar:
                row_count, media_count, skipped, authorless = self.restore(
                    tar, replace, include_users
                )
        except (tarfile.TarError, EOFError) as error:
            raise CommandError(f"{path} is not a readable backup tarball: {error}") from error

        replaced = " after deleting every catalog row" if replace else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {row_count} rows and {media_count} media files from {path}{replaced}."
            )
        )
        if skipped:
            apps_skipped = ", ".join(sorted({app_of(row) for row in skipped}))
            self.stdout.write(
                f"Users, groups and passwords skipped ({len(skipped)} rows of {apps_skipped}): "
                "existing accounts are unchanged. Pass --include-users to restore them as they "
                "were at backup time."
            )
        if authorless:
            self.stdout.write(
                f"{authorless} history entries keep no author: their accounts are not here."
            )

    def restore(self, tar, replace, include_users):
        media = {}
        data_member = None
        for member in tar.getmembers():
            media_name = check_member(member)
            if media_name:
                media[media_name] = member
            elif member.name == DATA_NAME:
                data_member = member
        if data_member is None:
            raise CommandError(f"The tarball has no {DATA_NAME}: not a backup.")

        rows = read_rows(tar.extractfile(data_member).read())
        skipped = []
        if not include_users:
            skipped = [row for row in rows if app_of(row) not in CONTENT_APPS]
            rows = [row for row in rows if app_of(row) in CONTENT_APPS]

        scratch = Path(tempfile.mkdtemp(prefix="kayano-restore-"))
        keep_scratch = False
        try:
            for folder in ("staged", "aside"):
                (scratch / folder).mkdir()
            staged = stage_media(tar, media, scratch / "staged")
            swap = MediaSwap(default_storage, staged, scratch / "aside")
            try:
                with transaction.atomic():
                    authorless = 0 if include_users else drop_missing_authors(rows)
                    self.load(scratch / DATA_NAME, rows, replace)
                    swap.run()
                    catalog_changed()
            except BaseException as error:
                # Also reached when the commit itself fails, after every file was swapped.
                not_put_back = swap.undo()
                if not_put_back:
                    keep_scratch = True
                    listing = ", ".join(
                        f"{name} (previous copy: {copy or 'none, remove it'})"
                        for name, copy in not_put_back
                    )
                    raise CommandError(
                        f"Nothing was restored, but these media files could not be put back "
                        f"as they were: {listing}. ({error})"
                    ) from error
                if isinstance(error, DatabaseError):
                    raise CommandError(f"Nothing was restored: {error}") from error
                raise
        finally:
            if not keep_scratch:
                shutil.rmtree(scratch, ignore_errors=True)
        return len(rows), len(media), skipped, authorless

    def load(self, fixture, rows, replace):
        if replace:
            delete_catalog_rows()
        if rows:
            fixture.write_text(json.dumps(rows))
            call_command("loaddata", str(fixture), verbosity=0)
