"""
What a release has, whether one shoe or a collaboration: a date known to its precision, a
retail price and a resale peak, each with the qualifier its source gives ("over $700").

The two figures are derived from the release's price points (`prices.py`), the one source
of truth for prices, and stored here so that lists can sort by price.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models

from ..dates import DatePrecision
from ..money import CURRENCIES, format_money
from .partial_dates import PartialDateMixin
from .sources import Qualifier
from .validators import non_negative, not_before_1993

Currency = models.TextChoices(
    "Currency", [(code, (code, info.name)) for code, info in CURRENCIES.items()]
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
    # Derived from the price points: never edited, imported or typed by hand.
    retail_price = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
        help_text="The first retail price among the price points.",
    )
    retail_price_qualifier = models.CharField(
        "retail price is",
        max_length=5,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
        editable=False,
    )
    currency = models.CharField(
        max_length=3, choices=Currency.choices, default=Currency.USD, editable=False
    )
    resale_peak = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
        help_text="The highest reported resale price among the price points, in the same currency.",
    )
    resale_peak_qualifier = models.CharField(
        "resale peak is",
        max_length=5,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
        editable=False,
    )
    price_points = GenericRelation("catalog.PricePoint")

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

    def price_point_for(self, field):
        """The point a derived figure comes from ("retail_price" or "resale_peak"), from the
        release's points (prefetched if they were); None when there is none."""
        points = list(self.price_points.all())
        if field == "retail_price":
            return first_retail_point(points)
        return peak_resale_point(points, currency_of(points))

    def derive_prices(self):
        """Set and store the retail price, the resale peak and their currency from the
        release's price points (one query to read them, one to store the figures)."""
        points = list(self.price_points.all())
        currency = currency_of(points)
        retail = first_retail_point(points)
        peak = peak_resale_point(points, currency)
        values = {
            "currency": currency or Currency.USD,
            "retail_price": retail.amount if retail else None,
            "retail_price_qualifier": retail.qualifier if retail else Qualifier.EXACT,
            "resale_peak": peak.amount if peak else None,
            "resale_peak_qualifier": peak.qualifier if peak else Qualifier.EXACT,
        }
        for name, value in values.items():
            setattr(self, name, value)
        type(self)._base_manager.filter(pk=self.pk).update(**values)

    def clean_release_facts(self, errors):
        self.clean_partial_date(errors)


# Which point each figure comes from: the rules, in one place.
RESALE_BOUNDS = {Qualifier.OVER: 3, Qualifier.EXACT: 2, Qualifier.ABOUT: 1, Qualifier.UNDER: 0}
"""At the same amount, "over 700" is the higher peak and "under 700" the lower one."""


def first_retail_point(points):
    """The launch price: the earliest dated retail point, else the first one entered."""
    retail = [point for point in points if point.kind == "retail"]
    return min(retail, key=point_order, default=None)


def peak_resale_point(points, currency):
    """The highest reported resale point in the release's currency."""
    resale = [p for p in points if p.kind == "resale" and p.currency == currency]
    return max(resale, key=lambda p: (p.amount, RESALE_BOUNDS[p.qualifier]), default=None)


def currency_of(points):
    """The release's currency: its first retail point's, else its first point's."""
    first = first_retail_point(points) or min(points, key=point_order, default=None)
    return first.currency if first else None


def point_order(point):
    return (point.observed_on is None, point.observed_on, point.pk or 0)


def release_constraints():
    """The database's copy of `clean_release_facts`, for a concrete model's Meta."""
    return [
        non_negative("retail_price"),
        non_negative("resale_peak"),
        not_before_1993("release_date"),
    ]
