"""
`manage.py backup [--output PATH]`: the whole archive in one `.tar.gz`.

The tarball holds `data.json` (every row of every app except the tables Django rebuilds
itself: content types, permissions, sessions and the admin log) and `media/` (every
uploaded file in the default storage, local folder or S3 bucket alike). Users, groups and
their permissions are written with natural keys, so they load into any database whose
migrations have run; catalog rows keep their ids. `manage.py restore` reads it back.

The file may hold password hashes and e-mail addresses: it is created readable by its
owner only. Datetimes keep their microseconds (Django's JSON encoder would round them
to milliseconds).
"""

import datetime
import io
import os
import tarfile
import tempfile
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connection, router, transaction
from django.utils import timezone

DATA_NAME = "data.json"
MEDIA_PREFIX = "media/"
EXCLUDED = {"contenttypes", "auth.permission", "sessions", "admin.logentry"}


class ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, without rounding datetimes and times to milliseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def models_to_back_up():
    """Concrete models outside EXCLUDED, in an order loaddata can follow."""
    app_list = []
    for app_config in apps.get_app_configs():
        if app_config.label in EXCLUDED:
            continue
        models = [
            model
            for model in app_config.get_models()
            if model._meta.label_lower not in EXCLUDED
            and not model._meta.proxy
            and router.allow_migrate_model(DEFAULT_DB_ALIAS, model)
        ]
        if models:
            app_list.append((app_config, models))
    return serializers.sort_dependencies(app_list, allow_cycles=True)


def rows(models):
    for model in models:
        yield from model._base_manager.order_by(model._meta.pk.name).iterator()


def dump_rows():
    """The rows and their JSON, read from one consistent snapshot of the database."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # READ COMMITTED would let an edit made mid-backup leave a dangling reference.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        objects = list(rows(models_to_back_up()))
        data = serializers.serialize(
            "json",
            objects,
            indent=2,
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
            cls=ExactJSONEncoder,
        )
    return objects, data.encode()


def media_names(storage, folder=""):
    """Every file name in `storage`, recursively; nothing when the folder does not exist."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}{name}"
    for name in sorted(folders):
        yield from media_names(storage, f"{folder}{name}/")


def add_bytes(tar, name, data):
    member = tarfile.TarInfo(name)
    member.size = len(data)
    member.mtime = int(time.time())
    member.mode = 0o600
    tar.addfile(member, io.BytesIO(data))


class Command(BaseCommand):
    help = "Write the database rows and uploaded media into one .tar.gz (see restore)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="Where to write the tarball. Default: backups/kayano-YYYYmmdd-HHMMSS.tar.gz "
            "(UTC) beside manage.py.",
        )

    def handle(self, *args, output=None, **options):
        if output:
            path = Path(output)
        else:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            path = Path(settings.BASE_DIR) / "backups" / f"kayano-{stamp}.tar.gz"
        if path.exists():
            raise CommandError(f"{path} already exists; choose another --output.")
        path.parent.mkdir(parents=True, exist_ok=True)

        objects, data = dump_rows()
        names = list(media_names(default_storage))

        # mkstemp creates the file with mode 0600; it is renamed into place only when complete.
        fd, partial = tempfile.mkstemp(dir=path.parent, prefix=".kayano-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                add_bytes(tar, DATA_NAME, data)
                for name in names:
                    with default_storage.open(name, "rb") as media_file:
                        add_bytes(tar, MEDIA_PREFIX + name, media_file.read())
            os.replace(partial, path)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise

        size_mb = path.stat().st_size / 1_000_000
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {path}: {len(objects)} rows, {len(names)} media files ({size_mb:.1f} MB)."
            )
        )
