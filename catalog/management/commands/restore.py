"""
`manage.py restore PATH [--replace]`: load a tarball written by `manage.py backup`.

Every member is checked before anything is touched: only `data.json` and regular files
or folders under `media/` are accepted, and an absolute name, a `..` part, a link or a
device refuses the whole tarball. Then, in one transaction:

- with `--replace`, every catalog row is deleted first, so the catalog ends up exactly
  as in the backup; without it the backup is merged: rows with the same id are
  overwritten, other rows stay, and a clash (the same slug under another id) fails and
  changes nothing;
- `loaddata` loads `data.json`; users and groups are matched by username and name, so
  existing accounts are updated, never deleted;
- each file under `media/` is written back to the default storage (MEDIA_ROOT, or the
  S3 bucket), replacing a file of the same name;
- the catalog is marked as changed, so no cached page from before the restore is served.
"""

import json
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, transaction

from catalog.models.versioning import catalog_changed

from .backup import DATA_NAME, MEDIA_PREFIX


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


def delete_catalog_rows():
    """Empty every catalog table, many-to-many tables included, inside the transaction."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in apps.get_app_config("catalog").get_models(include_auto_created=True):
            if model._meta.managed and not model._meta.proxy:
                # The table name comes from model metadata, never from input.
                cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")  # noqa: S608


class Command(BaseCommand):
    help = "Load a backup tarball (data.json and media/) into this database and media storage."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .tar.gz written by `manage.py backup`.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete every catalog row first, so the catalog matches the backup exactly.",
        )

    def handle(self, *args, path, replace=False, **options):
        if not Path(path).is_file():
            raise CommandError(f"No such file: {path}")
        try:
            with tarfile.open(path, mode="r:gz") as tar:
                row_count, media_count = self.restore(tar, replace)
        except (tarfile.TarError, EOFError) as error:
            raise CommandError(f"{path} is not a readable backup tarball: {error}") from error

        replaced = " after deleting every catalog row" if replace else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {row_count} rows and {media_count} media files from {path}{replaced}."
            )
        )

    def restore(self, tar, replace):
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

        with tempfile.TemporaryDirectory() as scratch:
            fixture = Path(scratch) / DATA_NAME
            fixture.write_bytes(tar.extractfile(data_member).read())
            try:
                row_count = len(json.loads(fixture.read_bytes()))
            except ValueError as error:
                raise CommandError(f"{DATA_NAME} is not valid JSON.") from error

            try:
                with transaction.atomic():
                    self.load(fixture, row_count, tar, media, replace)
            except DatabaseError as error:
                raise CommandError(f"Nothing was restored: {error}") from error
        return row_count, len(media)

    def load(self, fixture, row_count, tar, media, replace):
        if replace:
            delete_catalog_rows()
        if row_count:
            call_command("loaddata", str(fixture), verbosity=0)
        for name, member in media.items():
            if default_storage.exists(name):
                default_storage.delete(name)
            saved = default_storage.save(name, ContentFile(tar.extractfile(member).read()))
            if saved != name:
                raise CommandError(f"Media file {name!r} was stored as {saved!r}.")
        catalog_changed()
