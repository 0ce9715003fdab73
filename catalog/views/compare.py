"""
Two to four releases side by side, at `/compare/?shoes=a,b,c,d`.

The address is the whole state: "Compare" links on cards and shoe pages write it, the shoe
list's checkboxes reach it through `select_for_comparison`, and "Add" and "Remove" links on
the page rewrite it, so nothing needs JavaScript. What cannot be compared (unknown slugs,
drafts, repeats, a fifth release, junk) is dropped and named in a message; such a request
is answered but never stored in the page cache, which keeps only canonical addresses.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponseRedirect
from django.views.generic import TemplateView

from ..caching import do_not_store
from ..citations import PageNotes
from ..comparison import MAX_COMPARED, Choice, address, read_choice, shown
from ..models import Citation, Shoe
from ..read_only import read_only
from .pages import shoe_family

SUGGESTIONS = 8
"""Releases offered to add to a comparison of fewer than four."""

SELECTED_AT_MOST = 4 * MAX_COMPARED
"""Ticked boxes read by `select_for_comparison`; the compare page reports the rest."""

FACT_ROWS = [
    ("Colorway", "colorway"),
    ("Kind", "kind"),
    ("Style code", "style_code"),
    ("Release date", "release_date"),
    ("Retail price", "retail_price"),
    ("Resale peak", "resale_peak"),
    ("Designer", "designer"),
    ("Technologies", "technologies"),
]
"""(label, field): the facts compared, each shown with `{% fact %}` and its references."""


@dataclass(frozen=True)
class Column:
    shoe: Shoe
    remove_url: str


@dataclass(frozen=True)
class Row:
    """One compared fact: `field` for `{% fact %}`, or the linked entries in `links`."""

    label: str
    differs: bool
    field: str = ""
    links: tuple[Any, ...] = ()


def comparable(shoe: Shoe, field: str) -> object:
    """What decides whether two shoes differ in `field` (not how it reads)."""
    if field == "technologies":
        return frozenset(technology.pk for technology in shoe.technologies.all())
    if field == "release_date":
        return (shoe.release_date, shoe.date_precision) if shoe.release_date else None
    if field in ("retail_price", "resale_peak"):
        amount = getattr(shoe, field)
        qualifier = getattr(shoe, f"{field}_qualifier")
        return None if amount is None else (amount, qualifier, shoe.currency)
    return getattr(shoe, field)


def differ(values: list[object]) -> bool:
    return len(values) > 1 and any(value != values[0] for value in values[1:])


def rows_for(shoes: list[Shoe]) -> list[Row]:
    rows = [
        Row(label, differ([comparable(shoe, field) for shoe in shoes]), field=field)
        for label, field in FACT_ROWS
    ]
    for label, attribute in (
        ("Collaboration", "public_collaboration"),
        ("Partner", "public_partner"),
    ):
        entries = tuple(getattr(shoe, attribute) for shoe in shoes)
        rows.append(Row(label, differ([entry and entry.pk for entry in entries]), links=entries))
    return rows


def joined(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def messages_for(choice: Choice, unknown: list[str], left_out: list[str]) -> list[str]:
    """What was dropped, and why, in words a visitor can act on."""
    messages = []
    not_found = sorted(choice.malformed + unknown, key=choice.given.index)
    if not_found:
        messages.append(f"Not among the published releases, so left out: {shown(not_found)}.")
    if choice.repeated:
        messages.append(f"Listed more than once, compared once: {shown(choice.repeated)}.")
    too_many = left_out + choice.too_many
    if too_many:
        messages.append(
            f"At most {MAX_COMPARED} releases fit side by side; left out: {shown(too_many)}."
        )
    if choice.empty:
        entries = "entry" if choice.empty == 1 else "entries"
        messages.append(f"Left out {choice.empty} empty {entries}.")
    return messages


class CompareView(TemplateView):
    template_name = "catalog/compare.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        raw = self.request.GET.get("shoes", "")
        choice = read_choice(raw) if raw else Choice()
        found = {}
        if choice.wanted:
            found = {
                shoe.slug: shoe
                for shoe in Shoe.objects.published()
                .for_detail()
                .filter(slug__in=choice.wanted)
                .prefetch_related(
                    Prefetch("citations", queryset=Citation.objects.select_related("source"))
                )
            }
        shoes = [found[slug] for slug in choice.wanted if slug in found][:MAX_COMPARED]
        unknown = [slug for slug in choice.wanted if slug not in found]
        left_out = [slug for slug in choice.wanted if slug in found][MAX_COMPARED:]
        slugs = [shoe.slug for shoe in shoes]
        if raw and raw != ",".join(slugs):
            do_not_store(self.request)  # answered, but only canonical addresses are stored
        context.update(
            shoes=shoes,
            compared=joined([str(shoe) for shoe in shoes]),
            columns=[
                Column(shoe, address([slug for slug in slugs if slug != shoe.slug]))
                for shoe in shoes
            ],
            rows=rows_for(shoes) if shoes else [],
            dropped=messages_for(choice, unknown, left_out),
            suggestions=self.suggestions(shoes),
            canonical_path=address(slugs),
            notes=PageNotes(),
        )
        return context

    def suggestions(self, shoes: list[Shoe]) -> list[Shoe]:
        """Releases to add: the first release's family, each once. One query, and none when
        the comparison is empty or full. Offered as checkboxes, not links, so that robots do
        not follow every order of every four releases."""
        if not shoes or len(shoes) >= MAX_COMPARED:
            return []
        offered: list[Shoe] = []
        for group in shoe_family(self.request, shoes[0]):
            for relative in group.shoes:
                if relative not in shoes and relative not in offered:
                    offered.append(relative)
        return offered[:SUGGESTIONS]


@read_only
def select_for_comparison(request: HttpRequest) -> HttpResponseRedirect:
    """The shoe list's checkboxes send `?shoes=a&shoes=b`; the compare page reads one
    `shoes=a,b`. Not a cached page (the page cache keeps one value of a repeated
    parameter), only a redirect; the compare page checks what arrives."""
    ticked = request.GET.getlist("shoes")[:SELECTED_AT_MOST]
    return HttpResponseRedirect(address([",".join(ticked)] if ticked else []))
