"""An editor's safety nets in a real browser: a second factor at login, a conflict between
two editors' saves, and a renamed page whose old address still works."""

import pytest
import reversion
from django.contrib.auth.models import User
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import ShoeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long editor passphrase"


@pytest.fixture
def editors(transactional_db, settings):
    settings.ADMIN_REQUIRE_2FA = True
    apps = {}
    for name in ("hana", "ito"):
        # Superusers: an earlier transactional test may have flushed the Editors group.
        user = User.objects.create_superuser(name, f"{name}@example.org", PASSWORD)
        apps[name] = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    return apps


def code(device):
    device.refresh_from_db()
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(6)


def log_in(page, admin, name, device):
    page.goto(admin)
    page.fill("#id_username", name)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    # The password is right: the form now asks which device, and its code.
    page.select_option("#id_otp_device", label="Phone")
    page.fill("#id_otp_token", code(device))
    page.click("input[type=submit]")
    assert page.get_by_text("Curate the archive").is_visible()


def save(page):
    page.locator("input[name=_save]").first.click()
    page.wait_for_load_state()


def test_two_editors_a_conflict_and_a_rename(live_server, browser, editors, screenshot):
    with reversion.create_revision():  # as the seed, the admin and imports record it
        shoe = ShoeFactory(name="Shared pair", slug="shared-pair", summary="The first words.")
    admin = live_server.url + "/admin/"
    change = f"{admin}catalog/shoe/{shoe.pk}/change/"
    hana = browser.new_context().new_page()
    ito = browser.new_context().new_page()
    log_in(hana, admin, "hana", editors["hana"])
    log_in(ito, admin, "ito", editors["ito"])

    # Both open the shoe; Ito saves first, then Hana saves from her older form.
    hana.goto(change)
    ito.goto(change)
    ito.fill("#id_summary", "Ito's summary.")
    save(ito)
    hana.fill("#id_designer", "Hana's designer")
    save(hana)
    assert "ito saved this entry after you opened it" in hana.locator("#shoe_form").inner_text()
    screenshot(hana, "editor-conflict")
    # The form shows Ito's summary and keeps Hana's designer; saving again applies both.
    assert hana.input_value("#id_summary") == "Ito's summary."
    assert hana.input_value("#id_designer") == "Hana's designer"
    save(hana)
    shoe.refresh_from_db()
    assert (shoe.summary, shoe.designer) == ("Ito's summary.", "Hana's designer")

    # Hana renames the page; the old address still leads to it.
    hana.goto(change)
    hana.fill("#id_slug", "shared-pair-renamed")
    save(hana)
    visitor = browser.new_context().new_page()
    visitor.goto(live_server.url + "/shoes/shared-pair/")
    assert visitor.url == live_server.url + "/shoes/shared-pair-renamed/"
    assert "Shared pair" in visitor.locator("h1").inner_text()
    for page in (hana, ito, visitor):
        page.context.close()
