"""
Shoe pictures: what an upload must be, and what the site makes of it.

An upload must be a real JPEG, PNG or WebP (judged by its content, not its name), at most
5 MB and at least 600 px wide. On save its metadata (EXIF, GPS, camera details) is
stripped by re-encoding, and WebP renditions are written beside it for `srcset`.
"""

import io
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_BYTES = 5 * 1024 * 1024
MIN_WIDTH = 600
RENDITION_WIDTHS = (400, 800, 1200)
RENDITION_FOLDER = "shoes/renditions"


def validate_picture(file):
    """Refuse anything but a JPEG, PNG or WebP of at most 5 MB and at least 600 px wide."""
    if getattr(file, "_committed", False):
        return  # already stored and checked when it was uploaded
    if file.size > MAX_BYTES:
        raise ValidationError(
            "This file is %(size)s; pictures may be at most %(limit)s.",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(MAX_BYTES)},
            code="picture_too_big",
        )
    try:
        file.seek(0)
        with Image.open(file) as image:
            kind, width = image.format, image.width
    except (UnidentifiedImageError, OSError) as error:
        raise ValidationError(
            "This file is not a picture we can read: upload a JPEG, PNG or WebP.",
            code="picture_unreadable",
        ) from error
    finally:
        file.seek(0)
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


def without_metadata(file):
    """A copy of the uploaded picture re-encoded without EXIF or other metadata."""
    file.seek(0)
    with Image.open(file) as image:
        kind = image.format
        upright = ImageOps.exif_transpose(image)
        clean = Image.new(upright.mode, upright.size)
        clean.paste(upright)
    buffer = io.BytesIO()
    options = {"quality": 88} if kind in ("JPEG", "WEBP") else {}
    clean.save(buffer, format=kind, **options)
    stem = PurePosixPath(file.name).stem
    return ContentFile(buffer.getvalue(), name=f"{stem}.{ACCEPTED_FORMATS[kind]}")


def rendition_name(picture_name, width):
    stem = PurePosixPath(picture_name).stem
    return f"{RENDITION_FOLDER}/{stem}-{width}w.webp"


def rendition_widths(original_width):
    """The rendition widths worth offering for a picture of `original_width` pixels."""
    return [width for width in RENDITION_WIDTHS if width < (original_width or 0)]


def write_renditions(picture):
    """Write the WebP renditions of a stored picture that do not exist yet."""
    storage = picture.storage
    with picture.open("rb"), Image.open(picture) as image:
        image.load()
        for width in rendition_widths(image.width):
            name = rendition_name(picture.name, width)
            if storage.exists(name):
                continue
            height = round(image.height * width / image.width)
            buffer = io.BytesIO()
            image.convert("RGB").resize((width, height), Image.Resampling.LANCZOS).save(
                buffer, format="WEBP", quality=82
            )
            storage.save(name, ContentFile(buffer.getvalue()))
