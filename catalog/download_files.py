"""
The downloads kept as files on disk (`DOWNLOADS_ROOT`), one folder per catalog version, so
that no download waits for a file to be made and none is held in memory to be served.

After the catalog changes, the next request for a download is answered at once with the
files of the version before (each file says when it was made) while one thread, in one
process, writes the new version's files; later requests get those. Only a site that has
never built its files makes its first downloader wait for them. `manage.py build_downloads`
writes them ahead, after a deploy or a seed. Each file is written with a gzipped copy, into
a folder that is renamed into place whole, and only the newest folders are kept.

A disk that cannot be read or written is logged, and the view falls back to making the file
in memory for the request, as the page cache did before.
"""

import gzip
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connections

from .downloads import TABLES, catalog_json

logger = logging.getLogger(__name__)

CATALOG_FILE = "kayano-14-archive.json"
KEPT_VERSIONS = 2
"""Folders kept: the newest, and the one before for downloads still being read."""
STALE_LOCK_SECONDS = 600
"""A build that has held its lock this long has died with its process: another may start."""

_started: list[threading.Thread] = []
_waiting: list[Callable[[], None]] = []


def writers() -> dict[str, Callable[[], bytes]]:
    """Every download by file name, with what writes it."""
    return {
        CATALOG_FILE: catalog_json,
        **{f"{name}.csv": table.write for name, table in TABLES.items()},
    }


@dataclass(frozen=True)
class BuiltFile:
    path: Path
    version: int

    @property
    def gzipped(self) -> Path:
        return self.path.with_name(f"{self.path.name}.gz")


def root() -> Path:
    return Path(settings.DOWNLOADS_ROOT)


def built_versions() -> list[int]:
    """The versions whose files are on disk, newest first."""
    if not root().is_dir():
        return []
    return sorted((int(p.name) for p in root().iterdir() if p.name.isdigit()), reverse=True)


def find(name: str, version: int | None) -> BuiltFile | None:
    """The file `name` of `version` if it is built, else of the newest version that is (and
    then the version's files are started in the background); None when none is."""
    versions = built_versions()
    if version is not None and version not in versions:
        start_build(version)
    candidates = [version] if version in versions else versions
    for candidate in candidates:
        path = root() / str(candidate) / name
        if path.is_file():
            return BuiltFile(path, candidate)
    return None


def build(version: int) -> None:
    """Write every download of the catalog at `version` (the catalog as it is now) into its
    folder, whole or not at all, then drop folders older than the kept ones."""
    folder = root() / str(version)
    if folder.is_dir():
        return
    work = root() / f".building-{version}-{os.getpid()}-{threading.get_ident()}"
    work.mkdir(parents=True)
    try:
        for name, write in writers().items():
            content = write()
            (work / name).write_bytes(content)
            (work / f"{name}.gz").write_bytes(gzip.compress(content, mtime=0))
        work.rename(folder)
    except OSError:
        if not folder.is_dir():
            raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for old in built_versions()[KEPT_VERSIONS:]:
        shutil.rmtree(root() / str(old), ignore_errors=True)


def start_build(version: int) -> None:
    """Build `version` in a thread, unless a build of it is already running somewhere.
    With `DOWNLOADS_BUILD_IN_BACKGROUND` off (the tests), the build waits for
    `wait_for_builds()` instead, in the caller's thread and database transaction."""
    lock = root() / f".lock-{version}"
    if not take(lock):
        return
    if not settings.DOWNLOADS_BUILD_IN_BACKGROUND:
        _waiting.append(lambda: build_holding(version, lock))
        return
    thread = threading.Thread(target=build_in_thread, args=(version, lock), daemon=True)
    _started.append(thread)
    thread.start()


def take(lock: Path) -> bool:
    try:
        root().mkdir(parents=True, exist_ok=True)
        if lock.exists() and time.time() - lock.stat().st_mtime > STALE_LOCK_SECONDS:
            lock.unlink(missing_ok=True)
        os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    except OSError:
        logger.exception("Cannot write downloads to %s: serving them from memory", root())
        return False
    return True


def build_holding(version: int, lock: Path) -> None:
    try:
        build(version)
    except Exception:
        logger.exception("Building the downloads of catalog version %s failed", version)
    finally:
        lock.unlink(missing_ok=True)


def build_in_thread(version: int, lock: Path) -> None:
    close_old_connections()
    try:
        build_holding(version, lock)
    finally:
        connections.close_all()  # the thread's own connections


def wait_for_builds() -> None:
    """Finish the builds this process started (the first download of a site, the command,
    tests)."""
    while _started:
        _started.pop().join()
    while _waiting:
        _waiting.pop(0)()
