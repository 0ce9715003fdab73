"""
The id of the code release being served: `RELEASE` when the operator sets it, otherwise a
hash of the static files manifest that `collectstatic` wrote (it changes whenever a
stylesheet or picture does). Cached pages and ETags include it, so a deploy shows at once.
"""

import functools
import hashlib

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage

UNVERSIONED = "dev"


def build_id():
    return settings.RELEASE or manifest_hash(manifest_path())


def manifest_path():
    name = getattr(staticfiles_storage, "manifest_name", None)
    return staticfiles_storage.path(name) if name else None


@functools.cache
def manifest_hash(path):
    """Read once per process: a new manifest arrives with a reload, which starts new workers."""
    if path is None:
        return UNVERSIONED
    try:
        with open(path, "rb") as manifest:
            return hashlib.sha256(manifest.read()).hexdigest()[:16]
    except OSError:
        return UNVERSIONED
