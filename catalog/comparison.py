"""
Comparing releases side by side: reading the `shoes` parameter of `/compare/?shoes=a,b,c`
and writing the addresses that lead there.

Reading never fails: whatever a visitor (or a robot) types, the list is split into the
slugs worth looking up and what was dropped, and why, so the page can say so. The page
itself (`catalog/views/compare.py`) looks the slugs up among the published releases.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.text import Truncator

MAX_COMPARED = 4
"""Releases side by side: more would not fit a screen, let alone a phone."""

MAX_LOOKED_UP = 2 * MAX_COMPARED
"""Slugs looked up at most, so that a few unknown ones can still leave four to compare."""

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")
"""What a shoe's slug can be (an ASCII SlugField of 120 characters)."""

SHOWN_PER_MESSAGE = 5
SHOWN_LENGTH = 40


@dataclass
class Choice:
    """The `shoes` parameter, read: slugs to look up, in the order given, and the rest."""

    given: list[str] = field(default_factory=list)
    """Every non-empty item, as given: the order messages name them in."""
    wanted: list[str] = field(default_factory=list)
    malformed: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)
    too_many: list[str] = field(default_factory=list)
    empty: int = 0

    @property
    def dropped_anything(self) -> bool:
        return bool(self.malformed or self.repeated or self.too_many or self.empty)


def read_choice(raw: str) -> Choice:
    """Split `raw` ("a,b,c") into the slugs to look up and what was dropped before looking."""
    choice = Choice()
    for item in raw.split(","):
        slug = item.strip()
        if slug:
            choice.given.append(slug)
        if not slug:
            choice.empty += 1
        elif not SLUG.fullmatch(slug):
            choice.malformed.append(slug)
        elif slug in choice.wanted or slug in choice.too_many:
            if slug not in choice.repeated:
                choice.repeated.append(slug)
        elif len(choice.wanted) < MAX_LOOKED_UP:
            choice.wanted.append(slug)
        else:
            choice.too_many.append(slug)
    return choice


def shown(items: list[str]) -> str:
    """Items as a message names them: quoted, printable, shortened, at most a few."""
    names = [
        "“{}”".format(
            Truncator("".join(c if c.isprintable() else "\ufffd" for c in item)).chars(SHOWN_LENGTH)
        )
        for item in items[:SHOWN_PER_MESSAGE]
    ]
    hidden = len(items) - len(names)
    if hidden:
        names.append(f"and {hidden} more")
    return ", ".join(names)


def compare_url(*shoes: Any) -> str:
    """`/compare/?shoes=a,b`: the address comparing `shoes` (shoes, or iterables of shoes;
    None is skipped), in order, each once, at most four."""
    slugs: list[str] = []
    for item in shoes:
        for shoe in item if isinstance(item, Iterable) else (item,):
            if shoe is not None and shoe.slug not in slugs:
                slugs.append(shoe.slug)
    return address(slugs[:MAX_COMPARED])


def address(slugs: list[str]) -> str:
    """The compare page's address for `slugs`, as given; commas kept readable."""
    base = reverse("catalog:compare")
    if not slugs:
        return base
    return f"{base}?{urlencode({'shoes': ','.join(slugs)}, safe=',')}"
