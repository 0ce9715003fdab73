"""Fixtures shared by the whole suite."""

import contextlib

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.utils import timezone

from .catalogs import empty_caches


@pytest.fixture(autouse=True)
def _isolated_media_and_static(settings, tmp_path):
    """Uploads and downloads go to a temporary folder, downloads built when a test waits for
    them (in its own transaction); static files need no collectstatic manifest."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DOWNLOADS_ROOT = tmp_path / "downloads"
    settings.DOWNLOADS_BUILD_IN_BACKGROUND = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no cached pages, and no catalog version remembered."""
    empty_caches()
    yield
    empty_caches()


@pytest.fixture
def one_moment():
    """The test's requests all fall within the half second a worker trusts the catalog
    version it read (`versioning.TRUSTED_FOR`): what they cost does not depend on the
    machine's speed. The clock stands still."""
    with time_machine.travel(timezone.now(), tick=False):
        yield


@pytest.fixture
def editor_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def committed():
    """
    `with committed(): ...` ends the block as a commit would: it runs, then forgets, every
    callback waiting for the commit. Each test runs inside a transaction that is never
    committed, so otherwise they would never run.
    """

    @contextlib.contextmanager
    def commit():
        yield
        pending = connection.run_on_commit
        while pending:
            _, callback, _ = pending.pop(0)
            callback()

    return commit


@pytest.fixture
def editors(django_user_model):
    """Two editors, each in a browser session of their own."""
    sessions = {}
    for name in ("kim", "noor"):
        user = django_user_model.objects.create_superuser(name, f"{name}@example.org", "pw-" * 6)
        sessions[name] = Client()
        sessions[name].force_login(user)
    return sessions
