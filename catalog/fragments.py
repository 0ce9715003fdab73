"""
Rendered cards that outlive the page cache.

The page cache starts over whenever anything in the catalog changes, and it never answers
requests with a session (editors) or search results. Cards are most of what those renders
draw, so each card is stored on its own, under a fingerprint of everything it can show: the
values loaded for its entry and for the entry's related rows, whether each is public now,
the template and the code release. An edit changes the fingerprint, so a stored card is
never stale; it only stops being asked for, and the cache evicts it in time. Editing one
shoe re-renders one card, not every card on every page.
"""

import datetime
import decimal
import hashlib
from collections.abc import Iterable, Sequence

from django.core.cache import cache
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from kayano_site.release import build_id

CARD_TIMEOUT = 7 * 24 * 3600
PLAIN_VALUES = (str, int, float, bool, decimal.Decimal, datetime.date, type(None))


def state(instance: Model) -> tuple[object, ...]:
    """What a template can read of `instance`: its loaded values and its loaded relations."""
    values: list[tuple[str, object]] = []
    for name, value in sorted(instance.__dict__.items()):
        if isinstance(value, FieldFile):
            values.append((name, value.name))
        elif isinstance(value, PLAIN_VALUES):
            values.append((name, value))
    related = [
        (name, state(other) if other is not None else None)
        for name, other in sorted(instance._state.fields_cache.items())
    ]
    prefetched = [
        (name, [state(other) for other in rows])
        for name, rows in sorted(getattr(instance, "_prefetched_objects_cache", {}).items())
    ]
    return (
        instance._meta.label,
        getattr(instance, "is_public", None),
        tuple(values),
        tuple(related),
        tuple(prefetched),
    )


def card_key(template_name: str, instance: Model) -> str:
    digest = hashlib.blake2b(repr((template_name, state(instance))).encode(), digest_size=16)
    return f"card:{build_id()}:{digest.hexdigest()}"


def render_cards(template_name: str, name: str, instances: Iterable[Model]) -> list[SafeString]:
    """Each instance rendered with `template_name` (as `name`), from the cache where it can be:
    one cache round trip for the lot, and one more to store the cards that were missing."""
    instances = list(instances)
    keys = [card_key(template_name, instance) for instance in instances]
    stored = cache.get_many(keys) or {}  # a cache that is down answers nothing
    rendered = {}
    cards = []
    for key, instance in zip(keys, instances, strict=True):
        card = stored.get(key)
        if card is None:
            card = rendered[key] = render_to_string(template_name, {name: instance})
        cards.append(mark_safe(card))  # noqa: S308 - our own template's output
    if rendered:
        cache.set_many(rendered, CARD_TIMEOUT)
    return cards


def card_list_items(template_name: str, name: str, instances: Sequence[Model]) -> SafeString:
    return mark_safe(  # noqa: S308 - our own template's output
        "".join(f"<li>{card}</li>\n" for card in render_cards(template_name, name, instances))
    )
