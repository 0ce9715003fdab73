"""
Shoe pictures through the admin: what is refused, what visitors are shown, and what is
left in storage when a picture is replaced or its shoe deleted.
"""

import io
import json
import re

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageFile
from reversion.models import Version

from catalog.models import Shoe

from .admin_forms import shoe_form
from .factories import ShoeFactory

pytestmark = pytest.mark.django_db

RED = (200, 30, 40)
BLUE = (30, 60, 190)
ALT = "A shoe, seen from the side."
DAMAGED = "This file is damaged or not a complete image"


def upload(image, kind="PNG", name="kayano.png", **options):
    buffer = io.BytesIO()
    image.save(buffer, format=kind, **options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{kind.lower()}")


def add_shoe(admin_client, picture, slug="kith-cream-antler"):
    form = shoe_form(picture=picture, picture_alt=ALT, slug=slug)
    return admin_client.post(reverse("admin:catalog_shoe_add"), form)


def assert_refused(admin_client, picture, message):
    """The add form comes back saying `message`, and nothing is saved."""
    response = add_shoe(admin_client, picture)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Shoe.objects.exists()


def change_shoe(admin_client, shoe, **overrides):
    form = shoe_form(slug=shoe.slug, picture_alt=ALT, **overrides)
    return admin_client.post(reverse("admin:catalog_shoe_change", args=[shoe.pk]), form)


def shown(client, slug):
    """What the shoe's page offers: the photo's src, its srcset as {url: width}, og:image and
    the JSON-LD image."""
    html = client.get(f"/shoes/{slug}/").content.decode()
    photo = re.search(r'<img class="shoe-photo"[^>]*>', html).group(0)
    srcset = re.search(r'srcset="([^"]+)"', photo).group(1)
    product = next(
        document
        for document in map(
            json.loads, re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
        )
        if document.get("@type") == "Product"
    )
    return {
        "html": html,
        "src": re.search(r'src="([^"]+)"', photo).group(1),
        "srcset": {
            url: int(width[:-1])
            for url, width in (candidate.split() for candidate in srcset.split(", "))
        },
        "og_image": re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1),
        "json_ld_image": product["image"],
    }


def fetched(client, url):
    """The picture a browser gets at `url`, decoded."""
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))


def stored_files(storage=default_storage, folder=""):
    """Every file name in `storage`, found through the storage API."""
    folders, files = storage.listdir(folder)
    names = {f"{folder}{name}" for name in files}
    for name in folders:
        names |= stored_files(storage, f"{folder}{name}/")
    return names


def storage_name(url):
    return url.removeprefix("http://testserver").removeprefix(settings.MEDIA_URL)


def close(colour, expected, tolerance=14):
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


# One shoe, another shoe's pictures


def test_pictures_with_the_same_base_name_keep_their_own_renditions(admin_client, client):
    red_jpeg = upload(Image.new("RGB", (1600, 1000), RED), "JPEG", "kayano.jpg")
    blue_png = upload(Image.new("RGB", (1600, 1000), BLUE), "PNG", "kayano.png")
    add_shoe(admin_client, red_jpeg, "red")
    add_shoe(admin_client, blue_png, "blue")

    red, blue = shown(client, "red"), shown(client, "blue")

    assert not set(red["srcset"]) & set(blue["srcset"])
    for page, colour in ((red, RED), (blue, BLUE)):
        for url in [page["src"], *page["srcset"], page["og_image"]]:
            picture = fetched(client, url).convert("RGB")
            assert close(picture.getpixel((10, 10)), colour), url


# Colour modes


def palette_picture():
    return Image.new("RGB", (1200, 800), RED).convert("P", palette=Image.Palette.ADAPTIVE)


def palette_picture_with_a_transparent_colour():
    picture = Image.new("P", (1200, 800), 0)
    picture.putpalette([*RED, 0, 0, 0])
    picture.paste(1, (600, 0, 1200, 800))
    return picture


def half_transparent(mode, colour, clear):
    picture = Image.new(mode, (1200, 800), colour)
    picture.paste(clear, (600, 0, 1200, 800))
    return picture


@pytest.mark.parametrize(
    ("picture", "kind", "options", "left", "right_is_clear"),
    [
        pytest.param(palette_picture(), "PNG", {}, RED, False, id="palette"),
        pytest.param(
            palette_picture_with_a_transparent_colour(),
            "PNG",
            {"transparency": 1},
            RED,
            True,
            id="palette-with-transparency",
        ),
        pytest.param(
            half_transparent("LA", (128, 255), (0, 0)), "PNG", {}, (128,) * 3, True, id="LA"
        ),
        pytest.param(
            half_transparent("RGBA", (*RED, 255), (0, 0, 0, 0)), "PNG", {}, RED, True, id="RGBA"
        ),
        pytest.param(
            Image.new("CMYK", (1200, 800), (0, 200, 200, 0)),
            "JPEG",
            {"quality": 95},
            (255, 55, 55),
            False,
            id="CMYK",
        ),
    ],
)
def test_renditions_keep_the_pictures_colours_and_transparency(
    admin_client, client, picture, kind, options, left, right_is_clear
):
    response = add_shoe(admin_client, upload(picture, kind, f"kayano.{kind.lower()}", **options))
    assert response.status_code == 302

    page = shown(client, "kith-cream-antler")

    for url in [page["src"], *page["srcset"], page["og_image"]]:
        rendition = fetched(client, url)
        width, height = rendition.size
        assert close(rendition.convert("RGB").getpixel((width // 4, height // 2)), left), url
        if right_is_clear and rendition.format == "WEBP":
            assert rendition.convert("RGBA").getpixel((width * 3 // 4, height // 2))[3] == 0, url


# Oversized and damaged files


@pytest.mark.parametrize("side", [12000, 15000])
def test_a_picture_of_too_many_pixels_is_refused_before_it_is_decoded(
    admin_client, monkeypatch, side
):
    # A plain 12000 x 12000 PNG is a few kilobytes, and over 400 MB once decoded.
    bomb = upload(Image.new("1", (side, side)), "PNG", "poster.png")

    def decode(image):
        raise AssertionError("the picture was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", decode)

    assert_refused(admin_client, bomb, "pictures may have at most 40 megapixels")


def test_a_truncated_jpeg_is_refused_as_damaged(admin_client):
    buffer = io.BytesIO()
    Image.effect_noise((1600, 1000), 60).convert("RGB").save(buffer, format="JPEG")
    half = buffer.getvalue()[: len(buffer.getvalue()) // 2]

    assert_refused(admin_client, SimpleUploadedFile("kayano.jpg", half, "image/jpeg"), DAMAGED)


def test_a_picture_far_wider_than_tall_is_refused_not_a_server_error(admin_client):
    """2000 x 1 px passes the width and pixel rules; its renditions would be 0 px tall."""
    strip = upload(Image.new("RGB", (2000, 1), RED), "PNG", "strip.png")

    assert_refused(admin_client, strip, "at most 8 times as wide as it is tall")


def test_the_width_rule_applies_to_the_picture_as_it_stands_upright(admin_client):
    """1000 x 599 px stored sideways (EXIF orientation 6) is 599 px wide once upright."""
    exif = Image.Exif()
    exif[0x0112] = 6
    sideways = upload(Image.new("RGB", (1000, 599), RED), "JPEG", "sideways.jpg", exif=exif)

    assert_refused(admin_client, sideways, "This picture is 599 px wide")


def test_a_phone_photo_carrying_a_second_image_is_stored_as_a_jpeg(admin_client):
    """Many cameras write JPEGs with a second, small image (Pillow reads them as MPO)."""
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), RED).save(
        buffer, format="MPO", save_all=True, append_images=[Image.new("RGB", (400, 250))]
    )
    photo = SimpleUploadedFile("IMG_2041.jpg", buffer.getvalue(), content_type="image/jpeg")

    assert add_shoe(admin_client, photo).status_code == 302

    stored = Shoe.objects.get().picture
    assert stored.name.endswith(".jpg")
    with default_storage.open(stored.name) as file, Image.open(file) as picture:
        assert (picture.format, picture.size) == ("JPEG", (1600, 1000))


@pytest.mark.parametrize("stem", ["鞋" * 90, "𝕂" * 80, "ü" * 90], ids=["han", "math", "latin"])
def test_a_long_non_ascii_file_name_is_stored_under_a_short_plain_one(admin_client, stem):
    """A hundred characters can be four hundred bytes, past what a file system allows."""
    photo = upload(Image.new("RGB", (1600, 1000), RED), "JPEG", f"{stem}.jpg")

    assert add_shoe(admin_client, photo).status_code == 302

    name = Shoe.objects.get().picture.name
    assert name.isascii()
    assert len(name) <= 80


def test_a_stored_picture_cannot_be_found_from_its_upload_name(admin_client):
    """A draft's picture is stored under a name nobody can guess from the file an editor
    picked, so its address cannot be tried before the shoe is published."""
    photo = upload(Image.new("RGB", (1600, 1000), RED), "JPEG", "kith-x-asics-2027-embargo.jpg")
    admin_client.post(
        reverse("admin:catalog_shoe_add"),
        shoe_form(status="draft", slug="embargoed", picture=photo, picture_alt=ALT),
    )

    name = Shoe.objects.get().picture.name
    assert name.startswith("shoes/kith-x-asics-2027-embargo-")
    assert re.fullmatch(r"shoes/kith-x-asics-2027-embargo-[0-9a-f]{16}\.jpg", name)


def test_saving_a_shoe_without_touching_its_picture_opens_no_image(admin_client, monkeypatch):
    add_shoe(admin_client, upload(Image.new("RGB", (1600, 1000), RED)))
    shoe = Shoe.objects.get()

    def refuse(*args, **kwargs):
        raise AssertionError("a picture was opened")

    monkeypatch.setattr(Image, "open", refuse)

    response = change_shoe(admin_client, shoe, summary="A new summary.")

    assert response.status_code == 302
    saved = Shoe.objects.get()
    assert saved.summary == "A new summary."
    assert saved.picture.name == shoe.picture.name


# What pages show


def test_pages_and_link_previews_show_renditions_never_the_original(admin_client, client):
    add_shoe(admin_client, upload(Image.new("RGB", (2400, 1500), RED), "JPEG", "kayano.jpg"))
    original = Shoe.objects.get().picture.url
    page = shown(client, "kith-cream-antler")

    assert original not in page["html"]
    assert original not in client.get("/shoes/").content.decode()
    assert set(page["srcset"].values()) == {400, 800, 1200}
    for url, width in page["srcset"].items():
        assert fetched(client, url).width == width
    assert fetched(client, page["src"]).width == 800
    preview = fetched(client, page["og_image"])
    assert (preview.format, preview.width) == ("JPEG", 1200)
    assert page["json_ld_image"] == page["og_image"]


def test_a_picture_narrower_than_a_rendition_is_offered_at_its_own_width(admin_client, client):
    add_shoe(admin_client, upload(Image.new("RGB", (700, 500), RED)))

    page = shown(client, "kith-cream-antler")

    assert sorted(page["srcset"].values()) == [400, 700]
    for url, width in page["srcset"].items():
        assert fetched(client, url).width == width


# Clean-up


def test_replacing_a_picture_deletes_the_old_renditions_and_keeps_the_original(
    admin_client, client, django_capture_on_commit_callbacks
):
    add_shoe(admin_client, upload(Image.new("RGB", (1600, 1000), RED)))
    shoe = Shoe.objects.get()
    old_original = shoe.picture.name
    before = stored_files()

    with django_capture_on_commit_callbacks(execute=True):
        change_shoe(admin_client, shoe, picture=upload(Image.new("RGB", (1600, 1000), BLUE)))

    page = shown(client, shoe.slug)
    now = {Shoe.objects.get().picture.name, *map(storage_name, page["srcset"])}
    now.add(storage_name(page["og_image"]))
    # The history may bring the old picture back: its original stays, its renditions go.
    assert stored_files() == now | {old_original}
    assert before & stored_files() == {old_original}


def test_restoring_an_earlier_version_brings_its_picture_back(
    admin_client, client, django_capture_on_commit_callbacks
):
    add_shoe(admin_client, upload(Image.new("RGB", (1600, 1000), RED)))
    shoe = Shoe.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        change_shoe(admin_client, shoe, picture=upload(Image.new("RGB", (1600, 1000), BLUE)))
    first = Version.objects.get_for_object(shoe).order_by("pk").first()

    with django_capture_on_commit_callbacks(execute=True):
        first.revert()

    page = shown(client, shoe.slug)
    for url in page["srcset"]:
        red, green, blue = fetched(client, url).convert("RGB").getpixel((10, 10))
        assert red > 150 and blue < 90  # the red picture again (WebP is lossy), not the blue


def test_clearing_a_picture_deletes_it_and_shows_the_illustration(
    admin_client, client, django_capture_on_commit_callbacks
):
    add_shoe(admin_client, upload(Image.new("RGB", (1600, 1000), RED)))
    shoe = Shoe.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = change_shoe(admin_client, shoe, **{"picture-clear": "on"})

    assert response.status_code == 302
    assert stored_files() == {shoe.picture.name}  # only the original, for the history
    html = client.get(f"/shoes/{shoe.slug}/").content.decode()
    assert 'class="shoe-illustration"' in html
    assert 'class="shoe-photo"' not in html


@pytest.mark.parametrize("how", ["delete page", "bulk action"])
def test_deleting_a_shoe_deletes_its_renditions_and_keeps_the_original(
    admin_client, django_capture_on_commit_callbacks, how
):
    add_shoe(admin_client, upload(Image.new("RGB", (1600, 1000), RED)))
    shoe = Shoe.objects.get()
    assert shoe.picture.name in stored_files()

    with django_capture_on_commit_callbacks(execute=True):
        if how == "delete page":
            url = reverse("admin:catalog_shoe_delete", args=[shoe.pk])
            response = admin_client.post(url, {"post": "yes"})
        else:
            url = reverse("admin:catalog_shoe_changelist")
            action = {"action": "delete_selected", "_selected_action": [shoe.pk], "post": "yes"}
            response = admin_client.post(url, action)

    assert response.status_code == 302
    assert not Shoe.objects.exists()
    assert stored_files() == {shoe.picture.name}  # "Recover deleted shoes" can bring it back


def test_a_picture_another_shoe_still_uses_is_kept(
    admin_client, client, django_capture_on_commit_callbacks
):
    add_shoe(admin_client, upload(Image.new("RGB", (1600, 1000), RED)))
    first = Shoe.objects.get()
    second = ShoeFactory(picture=first.picture.name, picture_alt=ALT)
    before = stored_files()

    with django_capture_on_commit_callbacks(execute=True):
        second.delete()

    assert stored_files() == before
    for url in shown(client, first.slug)["srcset"]:
        assert fetched(client, url).width


def test_pictures_need_no_local_files(admin_client, settings, django_capture_on_commit_callbacks):
    """Only the storage API is used, so S3 works as MEDIA_ROOT does."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    add_shoe(admin_client, upload(Image.new("RGB", (1600, 1000), RED)))
    shoe = Shoe.objects.get()
    before = stored_files()
    assert len(before) == 5  # the original and four renditions

    with django_capture_on_commit_callbacks(execute=True):
        change_shoe(admin_client, shoe, picture=upload(Image.new("RGB", (1600, 1000), BLUE)))

    now = stored_files()
    assert Shoe.objects.get().picture.name in now
    assert before & now == {shoe.picture.name}
