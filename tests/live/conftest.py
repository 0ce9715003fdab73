"""
Fixtures for the live tests: real PostgreSQL, Redis and gunicorn processes, no test client.

These tests never use pytest-django's database. They start the site as production runs it
(`gunicorn --config gunicorn.conf.py`, DEBUG off, its own environment) and talk HTTP to it,
so that stopping the database or Redis, or flooding the cache, hits the same code paths as
an outage would in production.

Cost is paid once where possible: one PostgreSQL cluster (migrated and seeded) and one
`collectstatic` per session; Redis and gunicorn per module. Every server is stopped by a
finalizer, even when a test fails.

A machine without the servers skips these tests with the reason; CI sets
REQUIRE_SERVICES=1, which turns each skip into a failure.
"""

import os
import secrets
import shutil

import pytest

from .. import gates
from . import servers


def unavailable(reason):
    gates.unavailable("services", reason)


@pytest.fixture(scope="session")
def postgres_bindir():
    bindir = servers.postgres_bindir()
    if bindir is None:
        unavailable("needs PostgreSQL server binaries (apt-get install postgresql)")
    if os.geteuid() != 0:
        unavailable("needs root to run PostgreSQL as the postgres user")
    return bindir


@pytest.fixture(scope="session")
def redis_binaries():
    if not (shutil.which("redis-server") and shutil.which("redis-cli")):
        unavailable("needs redis-server (apt-get install redis-server)")


@pytest.fixture(scope="session")
def live_root(tmp_path_factory):
    return tmp_path_factory.mktemp("live")


@pytest.fixture(scope="session")
def site_env(live_root):
    """`site_env(**overrides)`: the environment of a production-like site under test.

    Static files are collected once (hashed and compressed, as in production) and shared;
    uploads go to a temporary folder; the SECRET_KEY is random but the same for every
    process of the session, so `manage.py` commands and gunicorn agree.
    """
    static_root = live_root / "static"
    media_root = live_root / "media"
    media_root.mkdir()
    secret_key = secrets.token_urlsafe(50)

    def make(**overrides):
        return servers.site_environ(
            static_root=static_root, media_root=media_root, secret_key=secret_key, **overrides
        )

    servers.manage(
        make(DATABASE_URL=f"sqlite:///{live_root / 'collectstatic.sqlite3'}"),
        "collectstatic",
        "--noinput",
        "--verbosity",
        "0",
    )
    return make


@pytest.fixture(scope="session")
def postgres(postgres_bindir, site_env):
    """A private PostgreSQL cluster with the `kayano` database migrated and seeded.

    `.url` is its DATABASE_URL; a test may `.stop()` and `.start()` it (on the same port)
    and must leave it running.
    """
    server = servers.PostgresServer(postgres_bindir)
    try:
        server.create()
        env = site_env(DATABASE_URL=server.url)
        servers.manage(env, "migrate", "--noinput")
        servers.manage(env, "load_seed")
        yield server
    finally:
        server.destroy()


@pytest.fixture(scope="module")
def start_redis(redis_binaries, tmp_path_factory):
    """`start_redis(*redis_server_args)`: a fresh, empty Redis, stopped at the end of the module."""
    started = []

    def start(*args):
        server = servers.RedisServer(tmp_path_factory.mktemp("redis"), *args)
        started.append(server)
        server.start()
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="module")
def start_gunicorn(site_env, tmp_path_factory):
    """`start_gunicorn(unix_socket=False, **env)`: gunicorn serving the site, once it answers.

    On a free 127.0.0.1 port (SITE_URL http://127.0.0.1:PORT), or on `<tmp>/app.sock` with
    `unix_socket=True` (SITE_URL http://localhost, as behind nginx). `env` adds to or
    overrides `site_env()`: at least DATABASE_URL, usually CACHE_URL. Stopped at the end of
    the module; `.stop()` earlier is fine.
    """
    started = []

    def start(*, unix_socket=False, **env):
        workdir = tmp_path_factory.mktemp("gunicorn")
        if unix_socket:
            bind, site_url = f"unix:{workdir / 'app.sock'}", "http://localhost"
        else:
            port = servers.free_port()
            bind, site_url = f"127.0.0.1:{port}", f"http://127.0.0.1:{port}"
        server = servers.GunicornServer(
            site_env(BIND=bind, SITE_URL=site_url, **env), workdir / "gunicorn.log"
        )
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()
