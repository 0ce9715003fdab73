"""The editors' tools: pictures, history and restore, import/export, roles and lockout."""

import json
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from reversion.models import Version

from catalog.models import Shoe, Status

from .admin_forms import preview, shoe_form
from .factories import ShoeFactory, image_file

pytestmark = pytest.mark.django_db

ADD_SHOE = "admin:catalog_shoe_add"


def post_shoe(client, **overrides):
    return client.post(reverse(ADD_SHOE), shoe_form(**overrides))


# Pictures


def test_a_picture_is_uploaded_stripped_of_metadata_with_renditions(admin_client, client):
    response = post_shoe(
        admin_client,
        picture=image_file(width=1600, height=1000, exif=True),
        picture_alt="Cream runner, side view",
    )
    assert response.status_code == 302
    shoe = Shoe.objects.get()
    with Image.open(shoe.picture.path) as stored:
        assert not stored.getexif()
    assert (shoe.picture_width, shoe.picture_height) == (1600, 1000)
    renditions = (shoe.picture_small, shoe.picture_medium, shoe.picture_large)
    for rendition in (*renditions, shoe.picture_share):
        assert rendition.storage.exists(rendition.name)
    html = client.get(shoe.get_absolute_url()).content.decode()
    assert 'loading="lazy"' in html
    for rendition, width in zip(renditions, (400, 800, 1200), strict=True):
        assert f"{rendition.url} {width}w" in html
    assert 'alt="Cream runner, side view"' in html
    assert client.get(shoe.picture.url).status_code == 200


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (image_file(kind="GIF", name="kayano.gif"), "Only JPEG, PNG or WebP"),
        (image_file(width=400, height=300), "it must be at least 600 px wide"),
        (
            SimpleUploadedFile("notes.jpg", b"not a picture at all", content_type="image/jpeg"),
            "Upload a valid image",
        ),
    ],
)
def test_a_bad_picture_is_refused_with_a_clear_message(admin_client, upload, message):
    response = post_shoe(admin_client, picture=upload, picture_alt="A shoe")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Shoe.objects.exists()


def test_a_picture_over_5_mb_is_refused(admin_client):
    valid = image_file(kind="PNG", name="big.png").read()
    padded = valid + b"\0" * (5 * 1024 * 1024 + 1 - len(valid))  # still a readable PNG
    upload = SimpleUploadedFile("big.png", padded, content_type="image/png")
    response = post_shoe(admin_client, picture=upload, picture_alt="A shoe")
    assert "pictures may be at most 5.0" in response.content.decode()
    assert not Shoe.objects.exists()


def test_a_picture_needs_alt_text(admin_client):
    response = post_shoe(admin_client, picture=image_file(), picture_alt="")
    assert "A picture needs alt text" in response.content.decode()
    assert not Shoe.objects.exists()


def test_change_list_shows_thumbnails(admin_client):
    ShoeFactory(name="Palette only")
    html = admin_client.get(reverse("admin:catalog_shoe_changelist")).content.decode()
    assert 'class="shoe-illustration"' in html


# History


def test_an_edit_can_be_restored_from_history(admin_client, client):
    post_shoe(admin_client, summary="The first summary.")
    shoe = Shoe.objects.get()
    change_url = reverse("admin:catalog_shoe_change", args=[shoe.pk])
    admin_client.post(change_url, shoe_form(summary="A careless rewrite."))
    shoe.refresh_from_db()
    assert shoe.summary == "A careless rewrite."

    history = admin_client.get(reverse("admin:catalog_shoe_history", args=[shoe.pk]))
    assert "admin" in history.content.decode()  # who changed it
    first = Version.objects.get_for_object(shoe).order_by("pk").first()
    revert_url = reverse("admin:catalog_shoe_revision", args=[shoe.pk, first.pk])
    assert "The first summary." in admin_client.get(revert_url).content.decode()
    admin_client.post(revert_url, shoe_form(summary="The first summary."))
    shoe.refresh_from_db()
    assert shoe.summary == "The first summary."
    assert "The first summary." in client.get(shoe.get_absolute_url()).content.decode()


def test_a_deleted_entry_can_be_recovered(admin_client, client):
    post_shoe(admin_client)
    shoe = Shoe.objects.get()
    admin_client.post(reverse("admin:catalog_shoe_delete", args=[shoe.pk]), {"post": "yes"})
    assert not Shoe.objects.exists()
    recover_list = admin_client.get(reverse("admin:catalog_shoe_recoverlist"))
    assert "Cream/Antler" in recover_list.content.decode()
    version = Version.objects.get_deleted(Shoe).first()
    recover_url = reverse("admin:catalog_shoe_recover", args=[version.pk])
    admin_client.post(recover_url, shoe_form())
    assert Shoe.objects.get().slug == "kith-cream-antler"
    assert client.get("/shoes/kith-cream-antler/").status_code == 200


def test_bulk_publishing_is_recorded_in_history(admin_client):
    shoe = ShoeFactory(status=Status.DRAFT)
    admin_client.post(
        reverse("admin:catalog_shoe_changelist"),
        {"action": "publish", "_selected_action": [shoe.pk]},
    )
    assert Version.objects.get_for_object(shoe).count() == 1


# Import and export


CSV_HEADER = "slug,name,colorway,kind,colour_family,palette,release_date,date_precision,"
CSV_HEADER += "currency,summary,status,retail_price\n"


def test_import_shows_a_dry_run_preview_and_saves_nothing_yet(admin_client):
    rows = CSV_HEADER + (
        'imported-pair,Imported pair,White/Navy,general,white,"#ffffff, #1f2b45",'
        "2025-06-01,month,USD,An imported pair.,published,\n"
    )
    response = preview(admin_client, rows)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Imported pair" in html
    assert "Confirm import" in html
    assert not Shoe.objects.exists()


def test_a_bad_row_is_reported_with_its_number_and_nothing_is_saved(admin_client):
    good = (
        'good-pair,Good pair,,general,white,"#ffffff, #000000",2022-08-01,month,USD,'
        "Fine.,published,180\n"
    )
    bad = (
        'bad-pair,Bad pair,,general,purple,"#ffffff, #000000",1980-01-01,month,USD,'
        "Bad.,published,\n"
    )
    response = preview(admin_client, CSV_HEADER + good + bad)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert "Some rows failed to validate" in text
    # The errors table: row number, error count, then each field with its reason.
    assert re.search(
        r"Row Errors .* 2 2 colour_family Value &#x27;purple&#x27; is not a valid choice\. "
        r"release_date [^<]*before 1993",
        text,
    )
    assert "Confirm import" not in text
    assert not Shoe.objects.exists()


def test_shoes_export_as_json(admin_client):
    ShoeFactory(slug="exported-pair", colorway="Cream/Scarab")
    response = admin_client.post(
        reverse("admin:catalog_shoe_export"),
        {"format": "1", "resource": "0", "shoeresource_slug": True, "shoeresource_colorway": True},
    )
    assert response.status_code == 200
    rows = json.loads(response.content)
    assert {"slug": "exported-pair", "colorway": "Cream/Scarab"}.items() <= rows[0].items()


# Roles


@pytest.fixture
def editor_client(client):
    editor = User.objects.create_user("editor", password="a long editor password", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def test_editors_can_curate_catalog_content(editor_client):
    for model in ["shoe", "collaboration", "partner", "trendnote", "milestone"]:
        assert editor_client.get(reverse(f"admin:catalog_{model}_add")).status_code == 200
    assert post_shoe(editor_client).status_code == 302


def test_editors_cannot_manage_users_or_groups(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403


# Login protection


def test_admin_login_locks_out_after_five_failures(client):
    User.objects.create_superuser("boss", password="the right password 1")
    login = reverse("admin:login")
    for _ in range(5):
        response = client.post(login, {"username": "boss", "password": "wrong"})
    response = client.post(login, {"username": "boss", "password": "the right password 1"})
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "axes_reset_username" in response.content.decode()


def test_a_correct_login_still_works_before_the_limit(client):
    User.objects.create_superuser("boss", password="the right password 1")
    login = reverse("admin:login")
    client.post(login, {"username": "boss", "password": "wrong"})
    response = client.post(login, {"username": "boss", "password": "the right password 1"})
    assert response.status_code == 302
