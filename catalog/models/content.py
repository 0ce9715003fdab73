"""
The archive's content model: shoes, collaborations, partners, trend notes and
timeline milestones, plus the technologies a shoe is built with.

Every public model shares `PublishableModel`: a unique slug, a draft/published
status, an optional publish time for scheduled publishing, timestamps and a
`published()` queryset method that views, feeds, sitemaps and search all use.
"""

import math
import re

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Prefetch, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from imagekit.models import ImageSpecField

from ..dates import (
    EARLIEST_DATE,
    DatePrecision,
)
from ..images import (
    LargeRendition,
    MediumRendition,
    PictureField,
    ShareRendition,
    SmallRendition,
    delete_renditions,
    srcset,
    validate_picture,
    without_metadata,
    write_renditions,
)
from ..money import format_money
from .editing import EditVersioned
from .partial_dates import PartialDateMixin
from .redirects import LeavesRedirects
from .sources import Citable, Qualifier

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
WORDS_PER_MINUTE = 200


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Currency(models.TextChoices):
    USD = "USD", "US dollar"
    EUR = "EUR", "Euro"
    GBP = "GBP", "Pound sterling"
    JPY = "JPY", "Japanese yen"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Entries a visitor may see: published, and not scheduled for later."""
        return self.filter(status=Status.PUBLISHED).filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=timezone.now())
        )


class PublishableModel(EditVersioned, models.Model):
    slug = models.SlugField(
        max_length=120, unique=True, help_text="The last part of the page address."
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Drafts are never shown to visitors.",
    )
    publish_at = models.DateTimeField(
        "publish at",
        null=True,
        blank=True,
        help_text="Optional. A published entry with a future time stays private until then.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED and (
            self.publish_at is None or self.publish_at <= timezone.now()
        )


def validate_palette(value):
    colours = parse_palette(value)
    if not 2 <= len(colours) <= 4:
        raise ValidationError("Give two to four colours, separated by commas.")
    bad = [colour for colour in colours if not HEX_COLOUR.match(colour)]
    if bad:
        raise ValidationError(
            "Each colour must be a hex code such as #f4efe6; not: %(bad)s.",
            params={"bad": ", ".join(bad)},
        )


def parse_palette(value):
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def non_negative(field):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0}),
        name=f"%(app_label)s_%(class)s_{field}_not_negative",
        violation_error_message=f"The {field.replace('_', ' ')} cannot be negative.",
    )


def not_before_1993(field):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": EARLIEST_DATE}),
        name=f"%(app_label)s_%(class)s_{field}_from_1993",
        violation_error_message="A date before 1993 cannot be right.",
    )


class ReleaseFacts(PartialDateMixin):
    """What a release has, whether one shoe or a collaboration: date, price and resale."""

    release_date = models.DateField(null=True, blank=True, help_text="Leave empty if unknown.")
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.MONTH,
        help_text="How precisely the release date is known.",
    )
    retail_price = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True, help_text="Leave empty if unknown."
    )
    retail_price_qualifier = models.CharField(
        "retail price is",
        max_length=5,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
        help_text="As the source gives it: exactly, over, under or about the figure.",
    )
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.USD)
    resale_peak = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Highest reported resale price, in the same currency.",
    )
    resale_peak_qualifier = models.CharField(
        "resale peak is",
        max_length=5,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
        help_text="As the source gives it: “over $700” is over 700, not 700.",
    )

    class Meta:
        abstract = True

    @property
    def retail_price_display(self):
        return self.figure_display("retail_price")

    @property
    def resale_peak_display(self):
        return self.figure_display("resale_peak")

    def figure_display(self, field):
        """A figure as its source gives it: "$180", "over $700"; '' when unknown."""
        amount = format_money(getattr(self, field), self.currency)
        qualifier = getattr(self, f"{field}_qualifier")
        if not amount or qualifier == Qualifier.EXACT:
            return amount
        return f"{Qualifier(qualifier).label.lower()} {amount}"

    def clean_release_facts(self, errors):
        self.clean_partial_date(errors)
        for field in ("retail_price", "resale_peak"):
            value = getattr(self, field)
            if value is not None and value < 0:
                errors[field] = "A price cannot be negative."


def release_constraints():
    return [
        non_negative("retail_price"),
        non_negative("resale_peak"),
        not_before_1993("release_date"),
    ]


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


class Technology(Citable, EditVersioned, models.Model):
    """A named technology or material (GEL, TRUSSTIC, mesh…) shown in a shoe's facts."""

    cited_fields = ("description",)
    claim_fields = ("description",)

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "technologies"

    def __str__(self):
        return self.name


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


class Collaboration(Citable, ReleaseFacts, LeavesRedirects, PublishableModel):
    cited_fields = ("partner", "kind", "release_date", "retail_price", "resale_peak")
    claim_fields = ("summary", "story")

    class Kind(models.TextChoices):
        OFFICIAL = "official", "Official collaboration"
        INFLUENCE = "influence", "Influence (not co-branded)"

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="collaborations")
    title = models.CharField(max_length=160)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OFFICIAL)
    summary = models.CharField(max_length=300, help_text="One or two sentences for cards.")
    story = models.TextField(blank=True, help_text="Markdown.")

    objects = CollaborationQuerySet.as_manager()

    class Meta:
        ordering = ["-release_date", "title"]
        indexes = [models.Index(fields=["status", "release_date"])]
        constraints = release_constraints()

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("catalog:collaboration-detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        self.clean_release_facts(errors)
        if errors:
            raise ValidationError(errors)


class ShoeQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.select_related("collaboration__partner")

    def for_detail(self):
        return self.for_listing().prefetch_related("technologies")


class Shoe(Citable, ReleaseFacts, LeavesRedirects, PublishableModel):
    cited_fields = (
        "colorway",
        "kind",
        "style_code",
        "release_date",
        "retail_price",
        "resale_peak",
        "designer",
        "technologies",
    )
    claim_fields = ("summary", "story")

    class Kind(models.TextChoices):
        ORIGINAL = "original", "Original 2008 performance release"
        GENERAL = "general", "General release"
        COLLABORATION = "collaboration", "Collaboration"
        SPECIAL = "special", "Special"

    class ColourFamily(models.TextChoices):
        WHITE = "white", "White"
        CREAM = "cream", "Cream"
        SILVER = "silver", "Silver"
        GREY = "grey", "Grey"
        BLACK = "black", "Black"
        BLUE = "blue", "Blue"
        GREEN = "green", "Green"
        BROWN = "brown", "Brown"
        MULTI = "multi", "Multicolour"

    name = models.CharField(max_length=160)
    colorway = models.CharField(
        max_length=120, blank=True, help_text='As marketed, e.g. "Cream/Antler".'
    )
    kind = models.CharField(max_length=15, choices=Kind.choices, db_index=True)
    colour_family = models.CharField(
        max_length=10,
        choices=ColourFamily.choices,
        blank=True,
        db_index=True,
        help_text="The dominant colour, used by the colour filter. Leave empty if unknown.",
    )
    style_code = models.CharField(
        max_length=40, blank=True, help_text="Optional; unique when set. Leave empty if unknown."
    )
    designer = models.CharField(max_length=120, blank=True, help_text="Leave empty if unknown.")
    technologies = models.ManyToManyField(Technology, blank=True, related_name="shoes")
    palette = models.CharField(
        max_length=80,
        validators=[validate_palette],
        help_text="Two to four hex colours, comma separated, e.g. #f4efe6, #c0c0c0. "
        "Used for the illustration when there is no picture.",
    )
    picture = PictureField(
        upload_to="shoes/",
        blank=True,
        validators=[validate_picture],
        help_text="JPEG, PNG or WebP, at most 5 MB, at least 600 px wide and at most "
        "40 megapixels. Metadata such as EXIF is removed on upload.",
    )
    # Set by save() from the upload: no width_field, which would read the stored file on
    # every save of the shoe.
    picture_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    picture_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Renditions (catalog/images.py), written when a new picture is saved: WebP for pages,
    # a JPEG for link previews. Never the original, which may be 40 megapixels.
    picture_small = ImageSpecField(source="picture", spec=SmallRendition)
    picture_medium = ImageSpecField(source="picture", spec=MediumRendition)
    picture_large = ImageSpecField(source="picture", spec=LargeRendition)
    picture_share = ImageSpecField(source="picture", spec=ShareRendition)
    picture_alt = models.CharField(
        "picture alt text",
        max_length=200,
        blank=True,
        help_text="Required with a picture: describe the shoe as a visitor would see it.",
    )
    summary = models.CharField(max_length=300, help_text="One or two sentences for cards.")
    story = models.TextField(blank=True, help_text="Markdown.")
    collaboration = models.ForeignKey(
        Collaboration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shoes",
    )
    featured = models.BooleanField(default=False, help_text="Shown on the home page.")

    objects = ShoeQuerySet.as_manager()

    class Meta:
        ordering = ["-release_date", "name"]
        indexes = [
            models.Index(fields=["status", "release_date"]),
            models.Index(fields=["status", "retail_price"]),
            models.Index(fields=["featured", "status", "release_date"]),
            models.Index(fields=["status", "name"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["style_code"],
                condition=~Q(style_code=""),
                name="catalog_shoe_style_code_unique",
                violation_error_message="Another shoe already has this style code.",
            ),
            models.CheckConstraint(
                condition=Q(picture="") | ~Q(picture_alt=""),
                name="catalog_shoe_picture_has_alt",
                violation_error_message="A picture needs alt text.",
            ),
            *release_constraints(),
        ]

    def __str__(self):
        return f"{self.name} ({self.colorway})" if self.colorway else self.name

    def save(self, *args, **kwargs):
        replaced = self.stored_picture_replaced()
        if self.picture and not self.picture._committed:
            self.picture, self.picture_width, self.picture_height = without_metadata(self.picture)
        elif not self.picture:
            self.picture_width = self.picture_height = None
        super().save(*args, **kwargs)
        if replaced:
            self.discard_picture_after_commit(replaced)

    def get_absolute_url(self):
        return reverse("catalog:shoe-detail", kwargs={"slug": self.slug})

    def stored_picture_replaced(self):
        """The name of the stored picture this save replaces or clears, or ""."""
        if self._state.adding or (self.picture and self.picture._committed):
            return ""  # a new shoe, or the stored picture kept
        if not self.picture and self.picture_width is None:
            return ""  # no picture now and none before: a picture leaves its width
        return Shoe.objects.filter(pk=self.pk).values_list("picture", flat=True).first() or ""

    def discard_picture_after_commit(self, name):
        """Once the transaction commits, delete the renditions of the picture `name` unless
        another shoe uses it. The original stays, so restoring an earlier version or a
        deleted shoe from the history brings its picture back (renditions are made again)."""

        def discard():
            if not Shoe.objects.filter(picture=name).exists():
                delete_renditions(name)

        # Robust: a storage outage leaves files behind (and is logged), never fails a save.
        transaction.on_commit(discard, robust=True)

    @property
    def colours(self):
        return parse_palette(self.palette)

    @property
    def picture_srcset(self):
        """`srcset` candidates: the WebP renditions, each at the width it really has."""
        if not self.picture:
            return ""
        renditions = (self.picture_small, self.picture_medium, self.picture_large)
        return srcset(renditions, self.picture_width)

    @property
    def partner(self):
        return self.collaboration.partner if self.collaboration else None

    def clean(self):
        errors = {}
        self.clean_release_facts(errors)
        self.style_code = self.style_code.strip()
        if (
            self.style_code
            and Shoe.objects.filter(style_code=self.style_code).exclude(pk=self.pk).exists()
        ):
            errors["style_code"] = "Another shoe already has this style code."
        if self.picture and not self.picture_alt.strip():
            errors["picture_alt"] = "A picture needs alt text for visitors who cannot see it."
        if errors:
            raise ValidationError(errors)


@receiver(post_delete, sender=Shoe, dispatch_uid="catalog-shoe-picture-discarded")
def discard_deleted_shoes_picture(sender, instance, **kwargs):
    """A deleted shoe's renditions go too; a signal, so the admin's bulk delete is covered."""
    if instance.picture:
        instance.discard_picture_after_commit(instance.picture.name)


@receiver(post_save, sender=Shoe, dispatch_uid="catalog-shoe-picture-restored")
def remake_restored_renditions(sender, instance, raw, **kwargs):
    """A shoe loaded as it was (a history restore, a recovered deletion, a backup) gets the
    renditions of its picture back, once the transaction commits."""
    if raw and instance.picture:
        storage = instance._meta.get_field("picture").storage
        name = instance.picture.name
        transaction.on_commit(lambda: write_renditions(storage, name), robust=True)


class TrendNoteQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.defer("body")


class TrendNote(Citable, LeavesRedirects, PublishableModel):
    claim_fields = ("summary", "body")

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
