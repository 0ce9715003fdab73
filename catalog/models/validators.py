"""
Field validators and the database constraints that mirror them, shared by the content
models: palettes of hex colours, figures that cannot be negative, dates no older than the
Gel-Kayano line.

`parse_palette` is the one reader of a palette string, for models, templates and the admin
alike.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from ..dates import EARLIEST_DATE

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def parse_palette(value: str | None) -> list[str]:
    """ "#f4efe6, #c0c0c0" → ["#f4efe6", "#c0c0c0"]; empty parts are dropped."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def validate_palette(value: str) -> None:
    colours = parse_palette(value)
    if not 2 <= len(colours) <= 4:
        raise ValidationError("Give two to four colours, separated by commas.")
    bad = [colour for colour in colours if not HEX_COLOUR.match(colour)]
    if bad:
        raise ValidationError(
            "Each colour must be a hex code such as #f4efe6; not: %(bad)s.",
            params={"bad": ", ".join(bad)},
        )


def non_negative(field: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0}),
        name=f"%(app_label)s_%(class)s_{field}_not_negative",
        violation_error_message=f"The {field.replace('_', ' ')} cannot be negative.",
    )


def not_before_1993(field: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": EARLIEST_DATE}),
        name=f"%(app_label)s_%(class)s_{field}_from_1993",
        violation_error_message="A date before 1993 cannot be right.",
    )
