"""
The admin's login lockout behind a proxy, as production runs it: nginx talks to gunicorn
over a unix socket and appends the address it saw to X-Forwarded-For.

Failed logins are counted per username and per real client. The client is the address
nginx appended (the right-most entry); anything to its left was written by the client and
must not let an attacker dodge the lock, nor lock out an editor elsewhere.
"""

import pytest

from .client import admin_login
from .servers import manage

pytestmark = pytest.mark.live

FAILURE_LIMIT = 3
PASSWORDS = {"hana": "correct horse battery staple", "mei": "another long passphrase"}
ATTACKER = "203.0.113.5"
EDITOR_ELSEWHERE = "198.51.100.7"


def through_nginx(forwarded_for):
    """The headers nginx (deploy/nginx.conf) sends for a client at `forwarded_for`."""
    return {"Host": "localhost", "X-Forwarded-For": forwarded_for, "X-Forwarded-Proto": "http"}


@pytest.fixture(scope="module")
def site(postgres, start_gunicorn, site_env):
    env = site_env(DATABASE_URL=postgres.url)
    create_editors = "\n".join(
        [
            "from django.contrib.auth.models import User",
            *(
                f"User.objects.filter(username={name!r}).delete()\n"
                f"User.objects.create_user({name!r}, password={password!r}, is_staff=True)"
                for name, password in PASSWORDS.items()
            ),
        ]
    )
    manage(env, "shell", "-c", create_editors)
    return start_gunicorn(
        unix_socket=True, DATABASE_URL=postgres.url, AXES_FAILURE_LIMIT=str(FAILURE_LIMIT)
    )


@pytest.fixture
def hana_locked_out(site):
    """Every test starts from no recorded failures, then hana is locked out at ATTACKER."""
    manage(site.env, "axes_reset")
    for _ in range(FAILURE_LIMIT):
        failed = admin_login(site, "hana", "wrong password", through_nginx(ATTACKER))
        assert failed.status in (200, 429), failed.status


def assert_logged_in(response):
    assert response.status == 302, f"{response.status}: {response.text[:300]}"
    assert response.headers["Location"] == "/admin/"


def assert_locked_out(response):
    assert response.status == 429, f"{response.status}: not locked out"
    assert "Too many failed logins" in response.text


def test_failed_logins_lock_the_user_out_from_that_client(site, hana_locked_out):
    response = admin_login(site, "hana", PASSWORDS["hana"], through_nginx(ATTACKER))
    assert_locked_out(response)


def test_the_same_user_can_still_log_in_from_another_client(site, hana_locked_out):
    response = admin_login(site, "hana", PASSWORDS["hana"], through_nginx(EDITOR_ELSEWHERE))
    assert_logged_in(response)


def test_a_forged_forwarded_for_does_not_dodge_the_lock(site, hana_locked_out):
    # The client wrote the first entry; nginx appended the address it really came from.
    forged = through_nginx(f"198.51.100.99, {ATTACKER}")
    response = admin_login(site, "hana", PASSWORDS["hana"], forged)
    assert_locked_out(response)


def test_another_user_is_not_locked_out_from_that_client(site, hana_locked_out):
    response = admin_login(site, "mei", PASSWORDS["mei"], through_nginx(ATTACKER))
    assert_logged_in(response)
