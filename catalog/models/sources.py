"""
Where the archive's facts come from.

A `Source` is something the archive relies on (an article, a book, a press release). A
`Citation` ties one fact on an entry to a source: a field of the entry (a release date, a
price, a designer) or a sentence of its text (a claim), with a locator (a paragraph, a page)
and a few words of the source that support it. The excerpt is kept for checking and never
published: it is a pointer, at most seven words, not a copy.

Every content model is `Citable`: it names which of its fields are facts that must be cited
(`cited_fields`) and which text fields hold citable claims (`claim_fields`).
"""

import re

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from ..dates import DatePrecision
from .editing import EditVersioned
from .identity import PublicIdentity
from .partial_dates import PartialDateMixin

EXCERPT_MAX_WORDS = 7


def excerpt_words(value: str) -> list[str]:
    """The excerpt's words as the source's words: "Gel-Kayano" and "Cream/Antler" are two
    each, joined by a hyphen or a slash; "Editor's" is one."""
    return re.findall(r"[^\W_]+", value.replace("'", "").replace("\u2019", ""))


def validate_excerpt(value: str) -> None:
    """A supporting excerpt points to its source; it does not copy it."""
    if len(excerpt_words(value)) > EXCERPT_MAX_WORDS:
        raise ValidationError(
            f"Keep the excerpt to {EXCERPT_MAX_WORDS} words or fewer: it points to the "
            "source, it does not copy it."
        )


class Source(PublicIdentity, PartialDateMixin, EditVersioned, models.Model):
    date_field = "published_on"

    title = models.CharField(max_length=200, help_text="The source's title, or a description.")
    author = models.CharField(
        "author or publisher", max_length=200, blank=True, help_text="Leave empty if unknown."
    )
    url = models.URLField("URL", blank=True, help_text="Leave empty if it has no address.")
    published_on = models.DateField(
        "published", null=True, blank=True, help_text="Leave empty if unknown."
    )
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.YEAR,
        help_text="How precisely the publication date is known.",
    )
    consulted_on = models.DateField(
        "consulted", null=True, blank=True, help_text="When the archive last checked it."
    )
    note = models.TextField(blank=True, help_text="What the source is; how to read its locators.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("catalog:source-detail", args=[self.pk])

    def public_facts(self):
        """The public entries that cite this source, by kind and name, each with the facts it
        cites here (`public_facts_by_source`)."""
        entries = public_facts_by_source(self.pk).get(self.pk, {})
        return sorted(entries.items(), key=lambda item: (item[0]._meta.verbose_name, str(item[0])))


def public_facts_by_source(source_id=None):
    """{source id: {public entry: [facts]}}, from citations and price points (a price point
    cites its source too), for one source or for all. A fact pointed to by several excerpts
    at one place (the same words cited at the same locator) is one fact, and a fact of an
    entry visitors cannot see is left out."""
    price_points = Source.price_points.field.model.objects  # prices.py imports this module
    only = {"source_id": source_id} if source_id is not None else {"source__isnull": False}
    facts = [
        *Citation.objects.filter(**only).select_related("content_type").prefetch_related("entry"),
        *price_points.filter(**only).select_related("content_type").prefetch_related("release"),
    ]
    grouped = {}
    for fact in facts:
        entry = fact.entry
        if entry is None or not getattr(entry, "is_public", True):
            continue
        by_entry = grouped.setdefault(fact.source_id, {}).setdefault(entry, {})
        by_entry.setdefault((fact.cites, fact.locator), fact)
    return {
        source: {entry: list(facts.values()) for entry, facts in entries.items()}
        for source, entries in grouped.items()
    }


class Qualifier(models.TextChoices):
    """How a figure relates to the truth: the source's own words, kept everywhere it shows."""

    EXACT = "exact", "Exactly"
    OVER = "over", "Over"
    UNDER = "under", "Under"
    ABOUT = "about", "About"


class Citation(models.Model):
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    entry = GenericForeignKey("content_type", "object_id")
    field = models.CharField(
        max_length=40,
        blank=True,
        help_text="The fact cited: a field of the entry. Leave empty when citing a claim.",
    )
    claim = models.TextField(
        blank=True,
        help_text="A sentence of the entry's text that the source supports, copied exactly. "
        "Leave empty when citing a field.",
    )
    locator = models.CharField(
        max_length=60, help_text="Where in the source: a paragraph (¶12), a page or a section."
    )
    excerpt = models.CharField(
        max_length=200,
        validators=[validate_excerpt],
        help_text=f"At most {EXCERPT_MAX_WORDS} words of the source that support the fact, "
        "exactly as written, for checking. Never published.",
    )

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(field="") & ~Q(claim="")) | (~Q(field="") & Q(claim="")),
                name="catalog_citation_field_or_claim",
                violation_error_message="Cite either a field or a claim, not both.",
            )
        ]

    def __str__(self):
        return f"{self.source}, {self.locator}"

    @property
    def cites(self):
        """What is cited, in words: the field's label, or the claim."""
        if self.field:
            return self.entry.cited_field_label(self.field)
        return f"“{self.claim}”"

    def clean(self):
        errors = {}
        if bool(self.field) == bool(self.claim):
            errors["claim"] = "Cite either a field or a claim, not both."
        entry = self.entry if self.object_id and self.content_type_id else None
        if entry is not None:
            if self.field and self.field not in entry.cited_fields:
                errors["field"] = f"Choose one of: {', '.join(entry.cited_fields)}."
            if self.claim and not entry.states(self.claim):
                errors["claim"] = "This sentence is not in the entry's text: copy it exactly."
        if errors:
            raise ValidationError(errors)


class Citable(models.Model):
    """An entry whose facts cite sources."""

    cited_fields = ()
    """Fields that state facts: each must cite a source when it has a value."""
    claim_fields = ()
    """Text fields whose sentences may be cited as claims."""
    cited_relations = ()
    """Related rows that cite their own source (a release's price points): each must."""

    citations = GenericRelation(Citation, related_query_name="%(class)s")

    class Meta:
        abstract = True

    def cited_field_label(self, name):
        return str(self._meta.get_field(name).verbose_name).capitalize()

    def states(self, claim):
        return any(claim in (getattr(self, name) or "") for name in self.claim_fields)

    def has_value(self, name):
        field = self._meta.get_field(name)
        if field.many_to_many:
            return bool(getattr(self, name).all())
        return getattr(self, name) not in (None, "")

    def uncited_facts(self):
        """Fact fields with a value and no citation, and relations with a row that cites no
        source (uses prefetched citations and rows if any)."""
        cited = {citation.field for citation in self.citations.all()}
        fields = [name for name in self.cited_fields if name not in cited and self.has_value(name)]
        relations = [
            name
            for name in self.cited_relations
            if any(not row.is_cited for row in getattr(self, name).all())
        ]
        return fields + relations
