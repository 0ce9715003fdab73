"""
What a release has, whether one shoe or a collaboration: a date known to its precision, a
retail price and a resale peak, each with the qualifier its source gives ("over $700").
"""

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
    """The database's copy of `clean_release_facts`, for a concrete model's Meta."""
    return [
        non_negative("retail_price"),
        non_negative("resale_peak"),
        not_before_1993("release_date"),
    ]
