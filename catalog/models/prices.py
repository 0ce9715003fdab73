"""
A release's price history: dated, cited retail prices and reported resale prices.

Price points are the one source of truth for prices. A release's retail price and resale
peak, which cards, lists, sorting, feeds and the API show, are derived from its points
(`ReleaseFacts.derive_prices`) whenever a point is saved or deleted, and stored on the
release only so that lists can sort by them.

A point carries its own citation (a source, a locator, a few words): editors add one row
per figure, and a point without a source is kept and listed, but never plotted.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ..dates import DatePrecision
from ..money import format_money
from .partial_dates import PartialDateMixin
from .releases import Currency
from .sources import Qualifier, Source, validate_excerpt
from .validators import non_negative, not_before_1993

RELEASE_MODELS = ("shoe", "collaboration")


class PricePoint(PartialDateMixin, models.Model):
    date_field = "observed_on"

    class Kind(models.TextChoices):
        RETAIL = "retail", "Retail price"
        RESALE = "resale", "Reported resale price"

    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        limit_choices_to={"app_label": "catalog", "model__in": RELEASE_MODELS},
    )
    object_id = models.PositiveBigIntegerField()
    release = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(max_length=6, choices=Kind.choices)
    qualifier = models.CharField(
        "amount is",
        max_length=5,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
        help_text="As the source gives it: “over $700” is over 700, not 700.",
    )
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.USD)
    observed_on = models.DateField(
        "date",
        null=True,
        blank=True,
        help_text="When the source says the price held. Leave empty if it gives no date.",
    )
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.MONTH,
        help_text="How precisely the date is known.",
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="price_points",
        help_text="Where the figure comes from. A point without one is listed, never plotted.",
    )
    locator = models.CharField(
        max_length=60, blank=True, help_text="Where in the source: a paragraph (¶12), a page."
    )
    excerpt = models.CharField(
        max_length=200,
        blank=True,
        validators=[validate_excerpt],
        help_text="At most seven words of the source that support the figure, for checking. "
        "Never published.",
    )

    class Meta:
        ordering = [models.F("observed_on").asc(nulls_last=True), "kind", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            non_negative("amount"),
            not_before_1993("observed_on"),
            models.CheckConstraint(
                condition=Q(source__isnull=True) | ~Q(locator=""),
                name="catalog_pricepoint_cited_with_locator",
                violation_error_message="Say where in the source the figure is.",
            ),
        ]

    def __str__(self):
        when = f", {self.date_display}" if self.observed_on else ""
        return f"{self.get_kind_display()}: {self.amount_display}{when}"

    @property
    def amount_display(self):
        """The figure as its source gives it: "$180", "over $700"."""
        amount = format_money(self.amount, self.currency)
        if self.qualifier == Qualifier.EXACT:
            return amount
        return f"{Qualifier(self.qualifier).label.lower()} {amount}"

    @property
    def entry(self):
        """The release, under the name a citation gives the entry it supports."""
        return self.release

    @property
    def cites(self):
        """What the point's source supports, in words: "Retail price: $180, August 2022"."""
        return str(self)

    @property
    def is_cited(self):
        return self.source_id is not None

    @property
    def is_plotted(self):
        """Drawn on the chart: dated and cited (nothing is plotted without a source)."""
        return self.is_cited and self.observed_on is not None

    def clean(self):
        errors = {}
        self.clean_partial_date(errors)
        if self.amount is not None and self.amount < 0:
            errors["amount"] = "A price cannot be negative."
        if self.source_id is not None and not self.locator.strip():
            errors["locator"] = "Say where in the source the figure is."
        if self.source_id is None and (self.locator or self.excerpt):
            errors["source"] = "Choose the source this locator and excerpt point into."
        if errors:
            raise ValidationError(errors)


def price_history():
    """A prefetch of a release's points with the source of each: one query for a page."""
    return models.Prefetch("price_points", queryset=PricePoint.objects.select_related("source"))


@receiver(post_save, sender=PricePoint, dispatch_uid="catalog-price-point-saved")
@receiver(post_delete, sender=PricePoint, dispatch_uid="catalog-price-point-deleted")
def rederive_release_prices(sender, instance, raw=False, origin=None, **kwargs):
    """The release's retail price and resale peak follow its points. A raw save (a history
    restore, a backup) loads the release's stored figures as they were, and a point deleted
    along with its release leaves nothing to derive."""
    if raw or not started_with_points(origin):
        return
    release_model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    release = release_model._base_manager.filter(pk=instance.object_id).first()
    if release is not None:
        release.derive_prices()


def started_with_points(origin):
    """Whether a deletion began with price points (`origin` is None for a save)."""
    if origin is None or isinstance(origin, PricePoint):
        return True
    return getattr(origin, "model", None) is PricePoint  # a queryset of points
