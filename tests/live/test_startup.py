"""
Starting the site with a broken configuration, as an operator first meets it.

A missing secret must stop gunicorn at once with one clear line, not leave it restarting
workers forever; an empty variable (`CACHE_URL=` copied from .env.example) means "unset";
and STATIC_ROOT or MEDIA_ROOT pointing at the project (whose folder holds .env and .git)
is refused before anything is served from it.

Each test runs a fresh process with a clean environment: nothing from the suite's own
settings (pytest-env) or the developer's shell reaches it.
"""

import json
import subprocess
import sys

import pytest

from .servers import REPO, GunicornServer, clean_environ, free_port, manage

pytestmark = pytest.mark.live

EXIT_TIMEOUT = 20
REFUSAL = "Refusing to start: SECRET_KEY is not set"

PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-like-secret-key-for-this-test-only-0123456789",
    "SITE_URL": "https://kayano14.example.org",
    "ALLOWED_HOSTS": "kayano14.example.org",
}


@pytest.fixture
def no_dotenv():
    if (REPO / ".env").exists():
        pytest.skip("a .env beside manage.py would set what this test leaves unset")


def settings_of(env):
    """The settings a fresh process loads with exactly `env`, as JSON."""
    code = (
        "import json, django\n"
        "django.setup()\n"
        "from django.conf import settings\n"
        "print(json.dumps({'STATIC_ROOT': str(settings.STATIC_ROOT),"
        " 'MEDIA_ROOT': str(settings.MEDIA_ROOT),"
        " 'cache': settings.CACHES['default']['BACKEND']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=env | {"DJANGO_SETTINGS_MODULE": "kayano_site.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_gunicorn_without_a_secret_key_exits_with_one_clear_line(no_dotenv, tmp_path):
    env = clean_environ(
        SITE_URL=PRODUCTION["SITE_URL"],
        ALLOWED_HOSTS=PRODUCTION["ALLOWED_HOSTS"],
        BIND=f"127.0.0.1:{free_port()}",
        WEB_CONCURRENCY="2",
    )
    server = GunicornServer(env, tmp_path / "gunicorn.log")
    process = server.launch()
    try:
        process.wait(EXIT_TIMEOUT)
    except subprocess.TimeoutExpired:
        pass
    finally:
        still_running = server.running
        server.stop()
    log = server.log.read_text(errors="replace")
    assert not still_running, (
        f"gunicorn still running after {EXIT_TIMEOUT} s; it printed the refusal "
        f"{log.count(REFUSAL)} times:\n{server.log_tail(15)}"
    )
    assert process.returncode != 0
    assert log.count(REFUSAL) == 1, log


def test_empty_variables_mean_unset(no_dotenv):
    env = clean_environ(**PRODUCTION, CACHE_URL="", STATIC_ROOT="", MEDIA_ROOT="")
    check = manage(env, "check", check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert settings_of(env) == {
        "STATIC_ROOT": str(REPO / "staticfiles"),
        "MEDIA_ROOT": str(REPO / "media"),
        "cache": "django.core.cache.backends.locmem.LocMemCache",
    }


@pytest.mark.parametrize(
    ("setting", "folder"),
    [("STATIC_ROOT", REPO), ("STATIC_ROOT", REPO.parent), ("MEDIA_ROOT", REPO)],
    ids=[
        "static-root-is-the-project",
        "static-root-above-the-project",
        "media-root-is-the-project",
    ],
)
def test_a_file_root_that_would_publish_the_project_is_refused(no_dotenv, setting, folder):
    check = manage(clean_environ(**PRODUCTION, **{setting: str(folder)}), "check", check=False)
    assert check.returncode != 0, f"{setting}={folder} passed the checks"
    assert setting in check.stdout + check.stderr
