"""
The id of the code release being served: `RELEASE` when the operator sets it, otherwise a
hash of the code, the templates and the static files manifest that `collectstatic` wrote,
taken once per process. A deploy (new code, then a reload that starts new workers) so
changes it even when nobody sets `RELEASE`. Cached pages and ETags include it, so a deploy
shows at once.
"""

import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage

SOURCE_FOLDERS = ("catalog", "kayano_site", "templates")
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".xml"}


def build_id() -> str:
    return settings.RELEASE or deployed_files_hash()


@functools.cache
def deployed_files_hash() -> str:
    digest = hashlib.sha256()
    for path in deployed_files():
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def deployed_files() -> list[Path]:
    base = Path(settings.BASE_DIR)
    sources = sorted(
        path
        for folder in SOURCE_FOLDERS
        for path in (base / folder).rglob("*")
        if path.suffix in SOURCE_SUFFIXES and path.is_file()
    )
    manifest = getattr(staticfiles_storage, "manifest_name", None)
    if manifest and staticfiles_storage.exists(manifest):
        sources.append(Path(staticfiles_storage.path(manifest)))
    return sources
