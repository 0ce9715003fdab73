"""
A release's price history as a chart: its dated, cited price points drawn as SVG on the
server, with no script. Only points with a source and a date are plotted, in one currency;
the page's table beside the chart lists every point, plotted or not, with its source.

Retail and resale points differ in shape (circles, squares) as well as colour. A bound
keeps its hedge: "over $700" carries an arrow pointing up, "under" one pointing down, and
"about" is drawn hollow.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from .money import format_money

WIDTH, HEIGHT = 480, 270
LEFT, RIGHT, TOP, BOTTOM = 76, 24, 28, 48
"""The plot area's margins: room for the amount labels on the left and dates below."""
MAX_X_TICKS = 6
NICE_STEPS = (1, 2, 2.5, 5, 10)


class Point(Protocol):
    """What the chart reads of a price point (`catalog.models.PricePoint`)."""

    kind: str
    amount: Decimal
    currency: str
    qualifier: str
    observed_on: datetime.date | None

    @property
    def is_plotted(self) -> bool: ...

    @property
    def amount_display(self) -> str: ...

    @property
    def date_display(self) -> str: ...

    def get_kind_display(self) -> str: ...


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    kind: str
    qualifier: str
    label: str

    @property
    def transform(self) -> str:
        return f"translate({self.x:.1f} {self.y:.1f})"


@dataclass(frozen=True)
class Series:
    kind: str
    label: str
    marks: list[Mark]

    @property
    def path(self) -> str:
        """The SVG `points` of the line joining the marks, in date order."""
        return " ".join(f"{mark.x:.1f},{mark.y:.1f}" for mark in self.marks)


@dataclass(frozen=True)
class Tick:
    at: float
    label: str

    @property
    def position(self) -> str:
        """`at` as SVG reads it, whatever the site's number format."""
        return f"{self.at:.1f}"

    @property
    def anchor(self) -> str:
        """A date label at either end of the axis stays inside the chart."""
        if self.at <= LEFT:
            return "start"
        return "end" if self.at >= WIDTH - RIGHT else "middle"


@dataclass(frozen=True)
class PriceChart:
    series: list[Series]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    currency: str
    first: str
    last: str
    count: int
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def price_chart(points: Iterable[Point]) -> PriceChart | None:
    """The chart of `points`, or None with fewer than two plottable points (dated, cited,
    in the currency of the first of them)."""
    plotted = sorted((p for p in points if p.is_plotted), key=lambda p: day(p))
    if not plotted:
        return None
    currency = plotted[0].currency
    plotted = [point for point in plotted if point.currency == currency]
    if len(plotted) < 2:
        return None
    first, last = day(plotted[0]), day(plotted[-1])
    if first == last:  # every point on one day: centre them
        first, last = first - 1, last + 1
    top_amount = nice_ceiling(max(point.amount for point in plotted))

    def x(ordinal: float) -> float:
        return LEFT + (ordinal - first) / (last - first) * (WIDTH - LEFT - RIGHT)

    def y(amount: Decimal | float) -> float:
        return HEIGHT - BOTTOM - float(amount) / top_amount * (HEIGHT - TOP - BOTTOM)

    series = []
    for kind in ("retail", "resale"):
        marks = [
            Mark(x(day(p)), y(p.amount), kind, p.qualifier, mark_label(p))
            for p in plotted
            if p.kind == kind
        ]
        if marks:
            label = next(p.get_kind_display() for p in plotted if p.kind == kind)
            series.append(Series(kind, label, marks))
    y_ticks = [
        Tick(y(value), format_money(Decimal(str(value)), currency))
        for value in amount_ticks(top_amount)
    ]
    x_ticks = [Tick(x(ordinal), label) for ordinal, label in date_ticks(plotted, first, last)]
    return PriceChart(
        series=series,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        currency=currency,
        first=plotted[0].date_display,
        last=plotted[-1].date_display,
        count=len(plotted),
    )


def day(point: Point) -> int:
    """The point's date as a day number (only plotted, so dated, points are placed)."""
    return point.observed_on.toordinal() if point.observed_on else 0


def mark_label(point: Point) -> str:
    return f"{point.get_kind_display()}: {point.amount_display}, {point.date_display}"


def nice_ceiling(amount: Decimal) -> float:
    """The top of the amount axis: a round figure a little above the highest amount."""
    if amount <= 0:
        return 1.0
    step = nice_step(float(amount) / 4)
    return step * (int(float(amount) * 1.05 // step) + 1)


def nice_step(rough: float) -> float:
    magnitude = 10 ** len(str(int(rough))) / 10 if rough >= 1 else 1
    return next(s * magnitude for s in NICE_STEPS if s * magnitude >= rough)


def amount_ticks(top: float) -> list[float]:
    step = nice_step(top / 4)
    count = int(round(top / step))
    return [step * n for n in range(count + 1)]


def date_ticks(points: Sequence[Point], first: int, last: int) -> list[tuple[int, str]]:
    """Ticks at the start of each year in range, at most `MAX_X_TICKS`; with fewer than two
    years in range, the first and last points' dates as the source gives them."""
    start, end = datetime.date.fromordinal(first), datetime.date.fromordinal(last)
    years = list(range(start.year + (start > datetime.date(start.year, 1, 1)), end.year + 1))
    if len(years) >= 2:
        every = -(-len(years) // MAX_X_TICKS)
        return [(datetime.date(year, 1, 1).toordinal(), str(year)) for year in years[::every]]
    ends = {day(point): point.date_display for point in (points[0], points[-1])}
    return list(ends.items())
