"""An editor's whole journey in a real browser: draft, picture, preview, publish, edit, restore."""

import pytest
from django.contrib.auth.models import Group, User

from tests.factories import image_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long editor passphrase"


@pytest.fixture
def editor(transactional_db):
    user = User.objects.create_user("hana", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def picture_path(tmp_path):
    path = tmp_path / "cream-antler.jpg"
    path.write_bytes(image_file(width=1200, height=750, exif=True).read())
    return path


def save(page):
    page.locator("input[name=_save]").first.click()
    page.wait_for_load_state()


def test_editor_drafts_previews_publishes_edits_and_restores(
    live_server, browser, page, editor, picture_path, screenshot
):
    admin = live_server.url + "/admin/"
    page.goto(admin)
    page.fill("#id_username", "hana")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    assert page.get_by_text("Curate the archive").is_visible()

    # A draft with a picture.
    page.goto(admin + "catalog/shoe/add/")
    page.fill("#id_name", "Kith Gel-Kayano 14")
    page.fill("#id_colorway", "Cream/Antler")
    page.select_option("#id_kind", "collaboration")
    page.select_option("#id_colour_family", "cream")
    page.fill("#id_palette", "#efe6d2, #8a6f4e")
    page.fill("#id_release_date", "2023-06-01")
    page.select_option("#id_date_precision", "month")
    page.fill("#id_summary", "The cream pair from the 2023 pack.")
    page.set_input_files("#id_picture", str(picture_path))
    page.fill("#id_picture_alt", "Cream runner with antler-brown overlays, side view")
    assert page.input_value("#id_slug") == "kith-gel-kayano-14-creamantler"
    save(page)
    assert page.locator(".messagelist .success").count() == 1
    screenshot(page, "editor-saved-draft")

    # Preview: the editor sees it with a banner, a visitor gets a 404.
    public_url = live_server.url + "/shoes/kith-gel-kayano-14-creamantler/"
    page.goto(public_url)
    assert "Preview" in page.locator("body").inner_text()
    assert page.locator("main img[srcset]").first.get_attribute("loading") == "lazy"
    screenshot(page, "editor-preview")
    visitor = browser.new_context().new_page()
    assert visitor.goto(public_url).status == 404

    # Publish, and the visitor sees it at once.
    page.goto(admin + "catalog/shoe/")
    page.get_by_role("link", name="Kith Gel-Kayano 14").first.click()
    change_url = page.url
    page.select_option("#id_status", "published")
    save(page)
    response = visitor.goto(public_url)
    assert response.status == 200
    assert "The cream pair from the 2023 pack." in visitor.locator("main").inner_text()

    # Edit, then restore the earlier version from the history.
    page.goto(change_url)
    page.fill("#id_summary", "An edit the editor regrets.")
    save(page)
    assert "An edit the editor regrets." in visitor.goto(public_url).text()
    page.goto(change_url.replace("/change/", "/history/"))
    screenshot(page, "editor-history")
    page.locator("#change-history a").nth(1).click()  # newest first: the version before the edit
    assert page.input_value("#id_summary") == "The cream pair from the 2023 pack."
    save(page)
    visitor.goto(public_url)
    assert "The cream pair from the 2023 pack." in visitor.locator("main").inner_text()
    visitor.context.close()
