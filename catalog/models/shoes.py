"""
Shoes, the archive's main entries, and the technologies they are built with.

A shoe's picture is stripped of its metadata when uploaded and served only as renditions
(`catalog/images.py`); its story is Markdown, rendered on save (`rendering.py`).
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q, Subquery
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from imagekit.models import ImageSpecField

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
from .editing import EditVersioned
from .families import FAMILY_GROUP_SIZE, ReleaseFamily, release_family
from .prices import price_history
from .publishing import PublishableModel, PublishableQuerySet
from .redirects import LeavesRedirects
from .releases import ReleaseFacts, release_constraints
from .rendering import RendersMarkdown
from .search_document import SHOE_WEIGHTS, stored_document
from .sources import Citable
from .validators import parse_palette, validate_palette


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


class ShoeQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.select_related("collaboration__partner")

    def for_detail(self):
        """With what the shoe's page shows: technologies, and the price history with the
        source of each point."""
        return self.for_listing().prefetch_related("technologies", price_history())


class ShoeManager(models.Manager.from_queryset(ShoeQuerySet)):
    def get_queryset(self):
        # Only search reads the stored search document, and it names the column itself.
        return super().get_queryset().defer("search_document")


class Shoe(Citable, RendersMarkdown, ReleaseFacts, LeavesRedirects, PublishableModel):
    cited_fields = (
        "colorway",
        "kind",
        "style_code",
        "release_date",
        "designer",
        "technologies",
    )
    claim_fields = ("summary", "story")
    cited_relations = ("price_points",)
    markdown_fields = {"story": ("story_html", 1)}

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
    story_html = models.TextField("story as HTML", blank=True, editable=False)
    # A name, not the class: content.py imports this module for its trend notes.
    collaboration = models.ForeignKey(
        "Collaboration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shoes",
    )
    featured = models.BooleanField(default=False, help_text="Shown on the home page.")
    search_document = stored_document(SHOE_WEIGHTS)

    objects = ShoeManager()

    class Meta:
        ordering = ["-release_date", "name"]
        indexes = [
            models.Index(fields=["status", "release_date"]),
            models.Index(fields=["status", "retail_price"]),
            # Partial: SQLite cannot use an index for Django's bare-column `WHERE featured`
            # unless the index has the same condition (the home page's featured query).
            models.Index(
                fields=["status", "release_date"],
                condition=models.Q(featured=True),
                name="catalog_shoe_featured_idx",
            ),
            models.Index(fields=["status", "name"]),
            # Counting what is public (every list's total) reads this index alone.
            models.Index(fields=["status", "publish_at"]),
            # A collaboration's releases, or the stand-alone ones (collaboration NULL), in
            # release order, read from the index alone (the timeline, collaboration pages).
            models.Index(fields=["collaboration", "status", "release_date", "name", "publish_at"]),
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

    @property
    def public_collaboration(self):
        """The shoe's collaboration if visitors may see it, else None."""
        collaboration = self.collaboration
        return collaboration if collaboration is not None and collaboration.is_public else None

    @property
    def public_partner(self):
        """The partner to name and link on the shoe's pages: only through a collaboration
        visitors may see, and only if the partner is public too; else None."""
        collaboration = self.public_collaboration
        return collaboration.public_partner if collaboration is not None else None

    def neighbours(self):
        """(previous, following): the published dated releases just before and after this
        shoe, in release order (date, then name, then id); None at either end, and both
        None for a shoe without a date. One query."""
        if self.release_date is None:
            return None, None
        dated = Shoe.objects.published().exclude(pk=self.pk).filter(release_date__isnull=False)
        same_day = Q(release_date=self.release_date)
        before = Q(release_date__lt=self.release_date) | same_day & (
            Q(name__lt=self.name) | Q(name=self.name, pk__lt=self.pk)
        )
        after = Q(release_date__gt=self.release_date) | same_day & (
            Q(name__gt=self.name) | Q(name=self.name, pk__gt=self.pk)
        )
        # The redundant range lets the database walk the (status, release_date) index.
        previous = dated.filter(before, release_date__lte=self.release_date).order_by(
            "-release_date", "-name", "-pk"
        )
        following = dated.filter(after, release_date__gte=self.release_date).order_by(
            "release_date", "name", "pk"
        )
        pair = Shoe.objects.filter(
            Q(pk=Subquery(previous.values("pk")[:1])) | Q(pk=Subquery(following.values("pk")[:1]))
        )
        order = self.release_order
        found = {shoe.release_order < order: shoe for shoe in pair}
        return found.get(True), found.get(False)

    @property
    def release_order(self):
        """Where the shoe stands in release order: date, then name, then id."""
        return (self.release_date, self.name, self.pk)

    def family(self, size: int = FAMILY_GROUP_SIZE) -> ReleaseFamily:
        """The shoe's release family: the original, the return, the rest of its
        collaboration and its partner's other releases (`families.py`). One query."""
        return release_family(self, size)

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
