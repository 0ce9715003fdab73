"""
Dates known only to the day, the month or the year.

The source article often gives "June 2023" or just "2008". A date is stored as a
`DateField` plus a precision; the stored value is normalised to the first day of
the month or year so that sorting works, and it is always shown at its precision,
never with an invented day.
"""

import datetime

from django.db import models

EARLIEST_DATE = datetime.date(1993, 1, 1)
"""The Gel-Kayano line began in 1993: nothing in the archive is older."""

FUTURE_LIMIT_DAYS = 2 * 365
"""Announced releases may be dated up to two years ahead, no further."""


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


def normalise(value: datetime.date | None, precision: str) -> datetime.date | None:
    """Return `value` truncated to its precision (first of the month or year)."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


def format_partial_date(value: datetime.date | None, precision: str) -> str:
    """'14 June 2023', 'June 2023' or '2023', as the precision allows; '' when unknown."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return f"{value:%B} {value.year}"
    return f"{value.day} {value:%B} {value.year}"


def iso_partial_date(value: datetime.date | None, precision: str) -> str:
    """ISO 8601 at the precision: '2023-06-14', '2023-06' or '2023' (for <time datetime>)."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def latest_allowed_date(today: datetime.date | None = None) -> datetime.date:
    today = today or datetime.date.today()
    return today + datetime.timedelta(days=FUTURE_LIMIT_DAYS)


def date_range_error(value: datetime.date | None, today: datetime.date | None = None) -> str | None:
    """A message explaining why `value` is out of range, or None when it is fine."""
    if value is None:
        return None
    if value < EARLIEST_DATE:
        return "The Gel-Kayano line began in 1993: a date before 1993 cannot be right."
    if value > latest_allowed_date(today):
        return "A date more than two years ahead cannot be right."
    return None
