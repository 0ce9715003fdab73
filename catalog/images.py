"""
Shoe pictures: what an upload must be, what is stored, and the renditions pages show.

An upload must be a real JPEG, PNG or WebP (judged by its content, not its name), at most
5 MB, at least 600 px wide, at most 40 megapixels, and complete. The pixel count is read
from the file's header before anything is decoded: a PNG of a few kilobytes can declare
12000 x 12000 px and take gigabytes to decode. On save the picture is re-encoded upright,
in sRGB and without metadata (EXIF, GPS, camera details, colour profiles).

Renditions come from django-imagekit: WebP copies at most 400, 800 and 1200 px wide for
`srcset`, and a JPEG at most 1200 px wide for link previews (og:image, JSON-LD), which not
every site that shows previews accepts as WebP. They are written once, when a new picture
is saved (imagekit's Optimistic strategy), and never looked for while a page renders: no
storage or cache call per card. Their names hash the picture's whole stored name, so two
pictures never share them. Everything goes through the storage API, so S3 works as a
local MEDIA_ROOT does.
"""

import io
import secrets
import warnings
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from imagekit import ImageSpec
from imagekit.cachefiles import ImageCacheFile
from imagekit.cachefiles.backends import CacheFileState
from imagekit.processors import ResizeToFit
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
STORED_AS = {"MPO": "JPEG"}
"""A JPEG that carries a second, small image (as many cameras write them) is stored as the
JPEG picture it starts with."""
MAX_BYTES = 5 * 1024 * 1024
MIN_WIDTH = 600
MAX_MEGAPIXELS = 40
MAX_ASPECT = 8
"""How many times wider than tall (or taller than wide) a picture may be: a narrow strip
would make renditions less than a pixel high."""
ORIENTATION = 0x0112
TURNED = {5, 6, 7, 8}
"""EXIF orientations that stand a picture on its side: upright, its width is its height."""
SAVE_OPTIONS = {"JPEG": {"quality": 88}, "WEBP": {"quality": 88}}
RENDITION_FOLDER = "shoes/renditions"
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
SIXTEEN_BIT_GREY = {"I", "I;16", "I;16B", "I;16L", "I;16N"}


# What an upload must be


def check_file_size(file: File) -> None:
    if file.size > MAX_BYTES:
        raise ValidationError(
            "This file is %(size)s; pictures may be at most %(limit)s.",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(MAX_BYTES)},
            code="picture_too_big",
        )


def too_many_pixels(width: int | None = None, height: int | None = None) -> ValidationError:
    if width is None or height is None:
        return ValidationError(
            "This picture has far too many pixels to open; "
            "pictures may have at most %(max)d megapixels.",
            params={"max": MAX_MEGAPIXELS},
            code="picture_too_many_pixels",
        )
    return ValidationError(
        "This picture is %(width)d × %(height)d px (%(megapixels)d megapixels); "
        "pictures may have at most %(max)d megapixels.",
        params={
            "width": width,
            "height": height,
            "megapixels": width * height // 1_000_000,
            "max": MAX_MEGAPIXELS,
        },
        code="picture_too_many_pixels",
    )


def read_header(file: File) -> tuple[str | None, int, int] | None:
    """
    The format the file is stored in and the width and height it has upright, as its header
    declares them, or None when Pillow cannot tell what the file is. Nothing is decoded.
    Refuses a picture over the pixel bound.
    """
    file.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns from about 89 megapixels on; ours is the lower bound checked here.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                kind = STORED_AS.get(image.format or "", image.format)
                width, height = upright_size(image)
    except Image.DecompressionBombError as error:
        # Pillow refuses over about 179 megapixels before telling the size.
        raise too_many_pixels() from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    finally:
        file.seek(0)
    if width * height > MAX_MEGAPIXELS * 1_000_000:
        raise too_many_pixels(width, height)
    return kind, width, height


def upright_size(image: Image.Image) -> tuple[int, int]:
    """The picture's width and height once its EXIF orientation is applied. A PNG's EXIF
    that comes after its pixels is not looked for: Pillow would decode the picture to find
    it, and a PNG is rarely stored on its side."""
    width, height = image.size
    exif_read_early = image.format != "PNG" or "exif" in image.info
    if exif_read_early and image.getexif().get(ORIENTATION) in TURNED:
        return height, width
    return width, height


def check_complete(file: File) -> None:
    """Decode the whole picture once, so a damaged or cut-short file is refused here, not
    with a server error when it is saved. The pixel bound was checked first."""
    file.seek(0)
    try:
        with Image.open(file) as image:
            # A JPEG decodes at an eighth of its size here, which still reads every byte.
            image.draft(image.mode, (max(image.width // 8, 1), max(image.height // 8, 1)))
            image.load()
    except Exception as error:  # whatever Pillow raises on the way, the file is broken
        raise ValidationError(
            "This file is damaged or not a complete image: export or download it again.",
            code="picture_damaged",
        ) from error
    finally:
        file.seek(0)


def validate_picture(file: File) -> None:
    """Refuse anything but a complete JPEG, PNG or WebP of at most 5 MB, at least 600 px
    wide once upright, at most 40 megapixels and at most 8 times as wide as tall or the
    other way round."""
    if getattr(file, "_committed", False):
        return  # already stored and checked when it was uploaded
    check_file_size(file)
    header = read_header(file)
    if header is None:
        raise ValidationError(
            "This file is not a picture we can read: upload a JPEG, PNG or WebP.",
            code="picture_unreadable",
        )
    kind, width, height = header
    if kind not in ACCEPTED_FORMATS:
        raise ValidationError(
            "Only JPEG, PNG or WebP pictures are accepted; this one is %(kind)s.",
            params={"kind": kind},
            code="picture_type",
        )
    if width < MIN_WIDTH:
        raise ValidationError(
            "This picture is %(width)d px wide; it must be at least %(min)d px wide.",
            params={"width": width, "min": MIN_WIDTH},
            code="picture_too_small",
        )
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise ValidationError(
            "This picture is %(width)d × %(height)d px; a picture may be at most %(ratio)d "
            "times as wide as it is tall, or as tall as it is wide.",
            params={"width": width, "height": height, "ratio": MAX_ASPECT},
            code="picture_shape",
        )
    check_complete(file)


class PictureFormField(forms.ImageField):
    """
    Django's image field, after a look at the file's size and header: its own check opens
    the file with Pillow, which refuses only far larger pictures, with a message that
    says nothing about size.
    """

    def to_python(self, data: File | None) -> File | None:
        if data is not None and data not in self.empty_values:
            check_file_size(data)
            read_header(data)
        return super().to_python(data)


class PictureField(models.ImageField):
    """An ImageField whose form field is `PictureFormField`."""

    # As Django's own fields do, it takes keywords only; the stubs name two of them.
    def formfield(self, **kwargs: Any) -> forms.Field | None:  # type: ignore[override]
        return super().formfield(**{"form_class": PictureFormField, **kwargs})


# What is stored


def in_srgb(image: Image.Image) -> Image.Image:
    """
    `image` as browsers should show it: RGB, or RGBA where it has any transparency, in
    sRGB, and without the metadata Pillow carries along (EXIF, colour profile, comments).
    Palette, grey, grey-with-alpha, 16-bit grey and CMYK pictures are converted; an
    embedded colour profile is applied rather than dropped (phones save in Display P3).
    """
    mode = "RGBA" if image.has_transparency_data else "RGB"
    profile = image.info.get("icc_profile")
    if image.mode in SIXTEEN_BIT_GREY:
        # Scaled to 8 bits; a plain conversion would clip everything brighter than 1/256.
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    if image.mode == "CMYK" and profile:
        image = with_profile_applied(image, profile, "RGB") or image
        profile = None
    if image.mode != mode:
        image = image.convert(mode)
    if profile:
        image = with_profile_applied(image, profile, mode) or image
    image.info = {}
    return image


def with_profile_applied(image: Image.Image, profile: bytes, mode: str) -> Image.Image | None:
    try:
        embedded = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        return ImageCms.profileToProfile(image, embedded, SRGB, outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return None  # a broken or mismatched profile: the colours are used as they are


def without_metadata(file: File) -> tuple[ContentFile, int, int]:
    """The uploaded picture re-encoded upright and in sRGB, without EXIF or other
    metadata, in its own format; with its width and height."""
    file.seek(0)
    with Image.open(file) as image:
        # The upload was validated: a named file in one of ACCEPTED_FORMATS (or STORED_AS).
        kind = STORED_AS.get(cast(str, image.format), cast(str, image.format))
        ImageOps.exif_transpose(image, in_place=True)
        clean = in_srgb(image)
        buffer = io.BytesIO()
        clean.save(buffer, format=kind, **SAVE_OPTIONS.get(kind, {}))
    name = stored_name(cast(str, file.name), ACCEPTED_FORMATS[kind])
    return ContentFile(buffer.getvalue(), name=name), clean.width, clean.height


def stored_name(upload_name: str, extension: str) -> str:
    """A short, plain name that cannot be guessed: the upload's name as a slug of at most
    40 characters, then 16 random hex digits. A hundred characters of an upload's name can
    be more bytes than a file system allows, and a draft's picture must not be found by
    trying the name its editor gave the file."""
    stem = slugify(PurePosixPath(upload_name).stem)[:40].strip("-") or "picture"
    return f"{stem}-{secrets.token_hex(8)}.{extension}"


# Renditions


class InSrgb:
    """imagekit processor: `in_srgb`."""

    def process(self, image: Image.Image) -> Image.Image:
        return in_srgb(image)


class DecodeReduced:
    """imagekit processor: a JPEG decodes straight at a reduced scale still at least
    `width` px wide, a fraction of the pixels (and memory) of the full picture."""

    def __init__(self, width: int) -> None:
        self.width = width

    def process(self, image: Image.Image) -> Image.Image:
        if image.format == "JPEG" and image.width > self.width:
            height = max(round(image.height * self.width / image.width), 1)
            image.draft(image.mode, (self.width, height))
        return image


class Rendition(ImageSpec):
    """A copy of a picture at most `width` px wide (never enlarged), in sRGB."""

    width = 1200
    format = "WEBP"
    options = {"quality": 82}
    # Written when a new picture is saved; pages then assume it is there.
    cachefile_strategy = "imagekit.cachefiles.strategies.Optimistic"

    @property
    def processors(self) -> list[object]:
        return [
            DecodeReduced(self.width),
            InSrgb(),
            ResizeToFit(width=self.width, upscale=False),
        ]

    @property
    def cachefile_name(self) -> str | None:
        if not self.source:
            return None
        stem = PurePosixPath(self.source.name).stem
        extension = ACCEPTED_FORMATS[self.format]
        return f"{RENDITION_FOLDER}/{stem}.{self.get_hash()[:16]}.{self.width}w.{extension}"


class SmallRendition(Rendition):
    width = 400


class MediumRendition(Rendition):
    width = 800


class LargeRendition(Rendition):
    width = 1200


class ShareRendition(Rendition):
    """For link previews: a JPEG, transparency laid on white."""

    width = 1200
    format = "JPEG"
    options = {"quality": 85}


RENDITIONS = (SmallRendition, MediumRendition, LargeRendition, ShareRendition)


def srcset(renditions: Iterable[ImageCacheFile], picture_width: int | None) -> str:
    """`srcset` candidates for WebP renditions, each at the width it really has: one
    narrower than a rendition's bound is offered once, at its own width."""
    candidates: dict[int, str] = {}
    for rendition in renditions:
        width = min(rendition.generator.width, picture_width or rendition.generator.width)
        candidates.setdefault(width, rendition.url)
    return ", ".join(f"{url} {width}w" for width, url in candidates.items())


def delete_renditions(name: str) -> None:
    """
    Delete the renditions of the stored picture `name`, found by name (no listing). imagekit
    is told they are gone, so they are made again if the picture comes back. The picture
    itself stays: the entry's history may bring it back.
    """
    for spec in RENDITIONS:
        rendition = ImageCacheFile(spec(source=File(None, name=name)))
        rendition.storage.delete(rendition.name)
        rendition.cachefile_backend.set_state(rendition, CacheFileState.DOES_NOT_EXIST)


def write_renditions(storage: Storage, name: str) -> None:
    """Write the renditions of the stored picture `name` that do not exist yet (for pictures
    stored before renditions came from imagekit)."""
    with storage.open(name, "rb") as stored:
        source = File(stored, name=name)
        for spec in RENDITIONS:
            ImageCacheFile(spec(source=source)).generate()
