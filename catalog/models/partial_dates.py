"""Dates known to a day, a month or a year, kept and shown at that precision."""

from django.db import models

from ..dates import date_range_error, format_partial_date, iso_partial_date, normalise


class PartialDateMixin(models.Model):
    """A date with its precision; subclasses name the field through `date_field`."""

    date_field = "release_date"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        setattr(self, self.date_field, normalise(self._date, self.date_precision))
        super().save(*args, **kwargs)

    @property
    def _date(self):
        return getattr(self, self.date_field)

    @property
    def date_display(self):
        return format_partial_date(self._date, self.date_precision)

    @property
    def date_iso(self):
        return iso_partial_date(self._date, self.date_precision)

    def clean_partial_date(self, errors):
        message = date_range_error(self._date)
        if message:
            errors[self.date_field] = message
        setattr(self, self.date_field, normalise(self._date, self.date_precision))
