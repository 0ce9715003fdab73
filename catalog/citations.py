"""
A page's notes: numbered references from its facts to their sources, as Wikipedia shows
them. Facts that cite the same place (a source and a locator) share one note; notes are
numbered in the order the page first refers to them, and listed at its foot.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for the annotations only: the models never need this module
    from .models import Citable, Citation, Source


@dataclass
class Note:
    number: int
    source: "Source"
    locator: str
    references: int = 0

    @property
    def first_reference_id(self) -> str:
        return f"ref-{self.number}-1"


@dataclass
class PageNotes:
    notes: dict[tuple[int, str], Note] = field(default_factory=dict)

    def refer(self, citations: Iterable["Citation"]) -> list[tuple[int, str]]:
        """Note numbers and fresh anchor ids for `citations`: [(number, id)], in order."""
        references: list[tuple[int, str]] = []
        for citation in citations:
            key = (citation.source_id, citation.locator)
            note = self.notes.get(key)
            if note is None:
                note = self.notes[key] = Note(
                    len(self.notes) + 1, citation.source, citation.locator
                )
            if note.number in (number for number, _ in references):
                continue
            note.references += 1
            references.append((note.number, f"ref-{note.number}-{note.references}"))
        return sorted(references)

    def __iter__(self) -> Iterator[Note]:
        return iter(sorted(self.notes.values(), key=lambda note: note.number))

    def __bool__(self) -> bool:
        return bool(self.notes)


def citations_of(
    entry: "Citable", *, field: str | None = None, claim: str | None = None
) -> list["Citation"]:
    """The entry's citations of one field or one claim (from prefetched citations)."""
    return [
        citation
        for citation in entry.citations.all()
        if (field is not None and citation.field == field)
        or (claim is not None and citation.claim == claim)
    ]


def claims_in(entry: "Citable", text_field: str) -> list[str]:
    """The entry's cited claims that occur in `text_field`, each once, in reading order."""
    text: str = getattr(entry, text_field) or ""
    claims = {c.claim for c in entry.citations.all() if c.claim and c.claim in text}
    return sorted(claims, key=text.find)
