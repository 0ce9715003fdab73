"""
The archive's entries besides shoes (`shoes.py`): partners, their collaborations, trend
notes and timeline milestones.

Every public model is a `PublishableModel` (`publishing.py`); releases share `ReleaseFacts`
(`releases.py`); Markdown fields are rendered on save (`rendering.py`).
"""

import math

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from ..dates import DatePrecision
from .partial_dates import PartialDateMixin
from .publishing import PublishableModel, PublishableQuerySet, Status
from .redirects import LeavesRedirects
from .releases import ReleaseFacts, release_constraints
from .rendering import RendersMarkdown
from .shoes import Shoe
from .sources import Citable
from .validators import not_before_1993

WORDS_PER_MINUTE = 200


class Partner(Citable, LeavesRedirects, PublishableModel):
    cited_fields = ("kind", "city", "country", "key_person")
    claim_fields = ("bio",)

    class Kind(models.TextChoices):
        STUDIO = "studio", "Design studio"
        BOUTIQUE = "boutique", "Boutique"
        BRAND = "brand", "Brand"
        DESIGNER = "designer", "Designer"

    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(
        max_length=10, choices=Kind.choices, blank=True, help_text="Leave empty if unknown."
    )
    city = models.CharField(max_length=80, blank=True, help_text="Leave empty if unknown.")
    country = models.CharField(max_length=80, blank=True, help_text="Leave empty if unknown.")
    key_person = models.CharField(
        "founder or key person",
        max_length=120,
        blank=True,
        help_text="Leave empty if unknown.",
    )
    bio = models.TextField(
        "short bio", max_length=1200, help_text="Two or three sentences, plain text."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:partner-detail", kwargs={"slug": self.slug})


class CollaborationQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.select_related("partner")

    def with_shoe_preview(self, limit):
        """
        Each collaboration's first `limit` public shoes (`preview_shoes`) and how many public
        shoes it has in all (`public_shoe_count`): two queries however many shoes there are.
        """
        visible = Q(shoes__status=Status.PUBLISHED) & (
            Q(shoes__publish_at__isnull=True) | Q(shoes__publish_at__lte=timezone.now())
        )
        return self.annotate(public_shoe_count=Count("shoes", filter=visible)).prefetch_related(
            Prefetch("shoes", queryset=Shoe.objects.published()[:limit], to_attr="preview_shoes")
        )


class Collaboration(Citable, RendersMarkdown, ReleaseFacts, LeavesRedirects, PublishableModel):
    cited_fields = ("partner", "kind", "release_date")
    claim_fields = ("summary", "story")
    cited_relations = ("price_points",)
    markdown_fields = {"story": ("story_html", 1)}

    class Kind(models.TextChoices):
        COLLABORATION = "collaboration", "Collaboration"
        INFLUENCE = "influence", "Influence (not a collaboration)"

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="collaborations")
    title = models.CharField(max_length=160)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COLLABORATION)
    summary = models.CharField(max_length=300, help_text="One or two sentences for cards.")
    story = models.TextField(blank=True, help_text="Markdown.")
    story_html = models.TextField("story as HTML", blank=True, editable=False)

    objects = CollaborationQuerySet.as_manager()

    class Meta:
        ordering = ["-release_date", "title"]
        indexes = [models.Index(fields=["status", "release_date"])]
        constraints = release_constraints()

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("catalog:collaboration-detail", kwargs={"slug": self.slug})

    @property
    def public_partner(self):
        """The partner to name and link on the collaboration's pages if it is public, else
        None."""
        return self.partner if self.partner.is_public else None

    @property
    def is_influence(self):
        """An influence, not a collaboration on the shoe: shown more quietly."""
        return self.kind == self.Kind.INFLUENCE

    @property
    def noun(self):
        """What the entry is called in running text: never a collaboration if it was not one."""
        return "influence" if self.is_influence else "collaboration"

    @property
    def releases_heading(self):
        """How its releases relate to it: "in this collaboration", "linked to this influence"."""
        return f"linked to this {self.noun}" if self.is_influence else f"in this {self.noun}"

    def clean(self):
        errors = {}
        self.clean_release_facts(errors)
        if errors:
            raise ValidationError(errors)


class TrendNoteQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.defer("body", "body_html")


class TrendNote(Citable, RendersMarkdown, LeavesRedirects, PublishableModel):
    claim_fields = ("summary", "body")
    markdown_fields = {"body": ("body_html", 0)}

    class Theme(models.TextChoices):
        Y2K = "y2k", "Y2K revival"
        DAD_SHOE = "dad-shoe", "Dad shoe"
        GORPCORE = "gorpcore", "Gorpcore"
        COMFORT = "comfort", "Comfort"
        VERSATILITY = "versatility", "Versatility"
        AUTHENTICITY = "authenticity", "Authenticity"
        SOCIAL_MEDIA = "social-media", "Social media"

    title = models.CharField(max_length=160)
    theme = models.CharField(max_length=20, choices=Theme.choices, db_index=True)
    summary = models.CharField(max_length=300, help_text="One or two sentences for cards.")
    body = models.TextField(help_text="Markdown. Scripts and raw HTML are removed.")
    body_html = models.TextField("body as HTML", blank=True, editable=False)
    published_on = models.DateField(
        "published on",
        null=True,
        editable=False,
        help_text="Set when the note is first published in the archive; never backdated.",
    )
    reading_minutes = models.PositiveSmallIntegerField(
        "reading time (minutes)", default=1, editable=False
    )
    shoes = models.ManyToManyField(Shoe, blank=True, related_name="trend_notes")
    collaborations = models.ManyToManyField(Collaboration, blank=True, related_name="trend_notes")

    objects = TrendNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title"]
        indexes = [models.Index(fields=["status", "published_on"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        words = len(self.body.split())
        self.reading_minutes = max(1, math.ceil(words / WORDS_PER_MINUTE))
        if self.published_on is None and self.status == Status.PUBLISHED:
            # The day it goes public: now, or a scheduled time, never earlier than now.
            now = timezone.now()
            self.published_on = timezone.localdate(max(self.publish_at or now, now))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("catalog:trend-detail", kwargs={"slug": self.slug})


class Milestone(Citable, PartialDateMixin, PublishableModel):
    """A dated event on the timeline that is not itself a release."""

    cited_fields = ("date",)
    claim_fields = ("summary",)

    date_field = "date"

    title = models.CharField(max_length=160)
    date = models.DateField()
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.YEAR,
        help_text="How precisely the date is known.",
    )
    summary = models.TextField(max_length=600, help_text="A few sentences, plain text.")

    class Meta:
        ordering = ["date", "title"]
        constraints = [not_before_1993("date")]

    def __str__(self):
        return f"{self.date_display}: {self.title}"

    def get_absolute_url(self):
        return reverse("catalog:timeline") + f"#{self.slug}"

    def clean(self):
        errors = {}
        self.clean_partial_date(errors)
        if errors:
            raise ValidationError(errors)
