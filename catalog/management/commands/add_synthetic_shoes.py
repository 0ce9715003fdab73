"""
`manage.py add_synthetic_shoes N`: add N made-up shoes, for benchmarks and load tests.

They are plainly marked so nobody mistakes them for the archive's content: every slug starts
with `synthetic-`, every name is "Synthetic test shoe <n>" and every summary says the entry is
generated benchmark data. They are published, spread over the years 2008–2025, the kinds and
the colour families, and the collaboration releases among them point round-robin at the
existing collaborations. `--remove` deletes them all, and nothing else.

Never part of `make run`: only the benchmark (and its tests) call it.
"""

import datetime
import re
from decimal import Decimal
from itertools import cycle

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalog.dates import DatePrecision
from catalog.markdown import render_markdown
from catalog.models import Collaboration, PricePoint, Shoe, Status
from catalog.models.versioning import catalog_changed

PREFIX = "synthetic-"
BATCH_SIZE = 1000
FIRST_YEAR, LAST_YEAR = 2008, 2025
SUMMARY = "Generated benchmark data, not a real release: added by add_synthetic_shoes."
STORY = "Generated benchmark data. This shoe was never released."

# One valid palette (two to four hex colours) per colour family.
PALETTES = {
    Shoe.ColourFamily.WHITE: "#f4f1ea, #c0c4c8, #1b1b1b",
    Shoe.ColourFamily.CREAM: "#efe6d2, #b8a68a",
    Shoe.ColourFamily.SILVER: "#d9dcdf, #a7adb3, #ffffff",
    Shoe.ColourFamily.GREY: "#8d9196, #5a5e63, #e6e6e6",
    Shoe.ColourFamily.BLACK: "#1b1b1b, #4a4a4a, #c0c4c8",
    Shoe.ColourFamily.BLUE: "#2c4f8c, #9db4d8, #f4f1ea",
    Shoe.ColourFamily.GREEN: "#3f5e3a, #a9b89a, #efe6d2",
    Shoe.ColourFamily.BROWN: "#6b4a2f, #c49a6c, #efe6d2",
    Shoe.ColourFamily.MULTI: "#c0392b, #2c4f8c, #f1c40f, #1b1b1b",
}


class Command(BaseCommand):
    help = (
        "Add N synthetic, clearly marked shoes (slug prefix 'synthetic-') for benchmarks, "
        "or delete them all with --remove."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", nargs="?", type=int, default=0, help="How many to add.")
        parser.add_argument(
            "--remove", action="store_true", help="Delete every synthetic shoe instead."
        )

    def handle(self, *args, count, remove, verbosity, **options):
        if remove:
            deleted = synthetic_shoes().count()
            synthetic_shoes().delete()
            message = f"Removed {deleted} synthetic shoes."
        elif count > 0:
            add_synthetic_shoes(count)
            message = f"Added {count} synthetic shoes; the catalog has {Shoe.objects.count()}."
        else:
            raise CommandError("Give a positive number of shoes to add, or --remove.")
        if verbosity >= 1:
            self.stdout.write(message)


def synthetic_shoes():
    return Shoe.objects.filter(slug__startswith=PREFIX)


def next_number():
    """One past the highest number used so far, so a second run never reuses a slug."""
    pattern = re.compile(rf"^{PREFIX}(\d+)$")
    numbers = [
        int(match.group(1))
        for slug in synthetic_shoes().values_list("slug", flat=True)
        if (match := pattern.match(slug))
    ]
    return max(numbers, default=0) + 1


def add_synthetic_shoes(count):
    existing = list(Collaboration.objects.order_by("pk"))
    collaborations = cycle(existing)
    kinds = list(Shoe.Kind)
    families = list(Shoe.ColourFamily)
    years = LAST_YEAR - FIRST_YEAR + 1
    start = next_number()

    def build(n):
        kind = kinds[n % len(kinds)]
        family = families[n % len(families)]
        linked = kind == Shoe.Kind.COLLABORATION and bool(existing)
        return Shoe(
            name=f"Synthetic test shoe {n}",
            slug=f"{PREFIX}{n}",
            colorway=f"{family.label}/Synthetic",
            kind=kind,
            colour_family=family,
            # bulk_create skips save(), so the date is already normalised to its month.
            release_date=datetime.date(FIRST_YEAR + n % years, 1 + n % 12, 1),
            date_precision=DatePrecision.MONTH,
            retail_price=Decimal(120 + n % 81),
            palette=PALETTES[family],
            summary=SUMMARY,
            # bulk_create skips save(), which would render the story's HTML.
            story=STORY,
            story_html=story_html,
            status=Status.PUBLISHED,
            collaboration=next(collaborations) if linked else None,
        )

    story_html = render_markdown(STORY, Shoe.markdown_fields["story"][1])
    with transaction.atomic():
        shoes = Shoe.objects.bulk_create(
            (build(n) for n in range(start, start + count)), batch_size=BATCH_SIZE
        )
        # Each retail price is a price point, its one source (`catalog/models/prices.py`);
        # bulk_create sends no signal to derive it, so build() set it as derivation would.
        shoe_type = ContentType.objects.get_for_model(Shoe)
        PricePoint.objects.bulk_create(
            (
                PricePoint(
                    content_type=shoe_type,
                    object_id=shoe.pk,
                    kind=PricePoint.Kind.RETAIL,
                    amount=shoe.retail_price,
                )
                for shoe in shoes
            ),
            batch_size=BATCH_SIZE,
        )
        # bulk_create sends no post_save signal: tell the page cache the catalog changed.
        catalog_changed()
