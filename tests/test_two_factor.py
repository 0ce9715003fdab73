"""Staff log in with a second factor: an authenticator app, or a one-time recovery code."""

import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "a long editor passphrase"
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.ADMIN_REQUIRE_2FA = True


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("mei", password=PASSWORD, is_staff=True)


@pytest.fixture
def app(editor):
    return TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)


def code(device):
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(
        device.digits
    )


def log_in(client, password=PASSWORD, token="", device=None):
    """The login form, as filled in once it lists the editor's devices to choose from."""
    data = {"username": "mei", "password": password, "otp_token": token}
    if device is not None:
        data["otp_device"] = device.persistent_id
    return client.post(LOGIN, data)


def test_a_password_alone_does_not_open_the_admin(client, editor, app):
    response = log_in(client)
    assert response.status_code == 200
    assert "otp_token" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_password_and_app_code_open_the_admin(client, editor, app):
    response = log_in(client, token=code(app), device=app)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_session_not_verified_by_a_second_factor_is_turned_away(client, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_recovery_code_works_once(client, editor):
    device = StaticDevice.objects.create(user=editor, name="Recovery codes")
    device.token_set.create(token="recover1")
    assert log_in(client, token="recover1", device=device).status_code == 302
    client.logout()
    assert log_in(client, token="recover1", device=device).status_code == 200


def test_wrong_codes_are_throttled(client, editor, app):
    with time_machine.travel("2026-12-01 10:00:00Z", tick=False) as clock:
        for _ in range(3):
            assert log_in(client, token="000000", device=app).status_code == 200
        # Even the right code waits out the back-off after repeated failures...
        assert log_in(client, token=code(app), device=app).status_code == 200
        clock.shift(120)
        # ...and works once it has passed.
        assert log_in(client, token=code(app), device=app).status_code == 302


def test_wrong_passwords_still_lock_the_account_out(client, editor, app, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, password="wrong", token=code(app), device=app)
    response = log_in(client, token=code(app), device=app)
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302


def test_an_editor_enrols_an_app_and_gets_recovery_codes(client, editor):
    first = StaticDevice.objects.create(user=editor, name="Recovery codes")
    first.token_set.create(token="firstkey")
    assert log_in(client, token="firstkey", device=first).status_code == 302

    page = client.get(reverse("admin:two-factor")).content.decode()
    assert "<svg" in page
    key = re.search(r"Key: <code>([A-Z2-7]+)</code>", page).group(1)
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert key

    with time_machine.travel("2026-12-01 10:00:00Z", tick=False) as clock:
        wrong = client.post(reverse("admin:two-factor"), {"token": "123456"}).content.decode()
        assert "That code is not the one the app shows now" in wrong
        hurried = client.post(reverse("admin:two-factor"), {"token": code(device)})
        assert "Too many wrong codes" in hurried.content.decode()
        clock.shift(60)
        done = client.post(reverse("admin:two-factor"), {"token": code(device)}).content.decode()
    print(re.findall(r"errorlist.*?</ul>|Your authenticator[^<]*|messagelist.*?</ul>", done, re.S))
    assert "Your authenticator app is set up." in done
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done)
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    client.logout()
    assert log_in(client, token=codes[0], device=first).status_code == 302
    assert log_in(Client(), token="firstkey", device=first).status_code == 200  # replaced


def test_without_the_setting_a_password_is_enough(client, editor, settings):
    settings.ADMIN_REQUIRE_2FA = False
    response = client.post(LOGIN, {"username": "mei", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
