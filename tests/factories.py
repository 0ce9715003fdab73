"""factory_boy factories for the catalog: published entries by default."""

import datetime
import io
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalog.dates import DatePrecision
from catalog.models import (
    Citation,
    Collaboration,
    Milestone,
    Partner,
    PricePoint,
    Qualifier,
    Shoe,
    Source,
    Status,
    Technology,
    TrendNote,
)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    kind = Partner.Kind.STUDIO
    bio = "A partner of the archive."
    status = Status.PUBLISHED


class TechnologyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Technology
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Technology {n}")
    slug = factory.Sequence(lambda n: f"technology-{n}")


class ReleaseFactory(factory.django.DjangoModelFactory):
    """A release whose prices, given as `retail_price=`, `resale_peak=` (with their
    `…_qualifier` and `currency`), become its price points, undated and uncited, from which
    the release derives them as it always does. `build()` sets the fields as given."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        currency = kwargs.pop("currency", "USD")
        points = []
        for field, kind in (
            ("retail_price", PricePoint.Kind.RETAIL),
            ("resale_peak", PricePoint.Kind.RESALE),
        ):
            amount = kwargs.pop(field, None)
            qualifier = kwargs.pop(f"{field}_qualifier", Qualifier.EXACT)
            if amount is not None:
                points.append(
                    PricePoint(
                        kind=kind, amount=Decimal(amount), qualifier=qualifier, currency=currency
                    )
                )
        release = super()._create(model_class, *args, **kwargs)
        for point in points:
            point.release = release
            point.save()
        if points:
            release.derive_prices()
        return release


class CollaborationFactory(ReleaseFactory):
    class Meta:
        model = Collaboration

    partner = factory.SubFactory(PartnerFactory)
    title = factory.Sequence(lambda n: f"Collaboration {n}")
    slug = factory.Sequence(lambda n: f"collaboration-{n}")
    release_date = datetime.date(2022, 8, 1)
    date_precision = DatePrecision.MONTH
    retail_price = Decimal("180")
    summary = "A collaboration on the Gel-Kayano 14."
    status = Status.PUBLISHED


class ShoeFactory(ReleaseFactory):
    class Meta:
        model = Shoe

    name = factory.Sequence(lambda n: f"Gel-Kayano 14 test {n}")
    slug = factory.Sequence(lambda n: f"shoe-{n}")
    colorway = "White/Pure Silver"
    kind = Shoe.Kind.GENERAL
    colour_family = Shoe.ColourFamily.WHITE
    release_date = datetime.date(2023, 6, 1)
    date_precision = DatePrecision.MONTH
    palette = "#f4f1ea, #c0c4c8, #1b1b1b"
    summary = "A colorway of the Gel-Kayano 14."
    story = "A **short** story."
    status = Status.PUBLISHED


class TrendNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrendNote

    title = factory.Sequence(lambda n: f"Trend {n}")
    slug = factory.Sequence(lambda n: f"trend-{n}")
    theme = TrendNote.Theme.Y2K
    summary = "Why the shoe fits a trend."
    body = "Some words about the trend."
    published_on = datetime.date(2026, 11, 1)
    status = Status.PUBLISHED


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    title = factory.Sequence(lambda n: f"Milestone {n}")
    slug = factory.Sequence(lambda n: f"milestone-{n}")
    date = datetime.date(2008, 1, 1)
    date_precision = DatePrecision.YEAR
    summary = "Something happened."
    status = Status.PUBLISHED


def image_file(kind="JPEG", width=800, height=500, name="kayano.jpg", exif=False):
    """An uploaded picture made on the fly, optionally carrying camera EXIF tags."""
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), (200, 190, 170))
    options = {}
    if exif:
        tags = Image.Exif()
        tags[0x010F] = "SecretCam"  # Make
        tags[0x0110] = "Model 9"  # Model
        options["exif"] = tags.tobytes()
    image.save(buffer, format=kind, **options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{kind.lower()}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Source {n}")
    note = "A source for the tests."


class CitationFactory(factory.django.DjangoModelFactory):
    """A citation of a field of `entry` (pass entry=… and field=… or claim=…)."""

    class Meta:
        model = Citation

    source = factory.SubFactory(SourceFactory)
    locator = "¶1"
    excerpt = "a few words"


class PricePointFactory(factory.django.DjangoModelFactory):
    """A cited retail price; give `release=`."""

    class Meta:
        model = PricePoint

    kind = PricePoint.Kind.RETAIL
    amount = Decimal("180")
    currency = "USD"
    observed_on = datetime.date(2022, 8, 1)
    date_precision = DatePrecision.MONTH
    source = factory.SubFactory(SourceFactory)
    locator = "¶28"
    excerpt = "Priced at $180"


def chart_prices(release, source=None):
    """Give `release` a price history worth a chart: a dated retail price, a dated reported
    resale price "over" its figure, and an undated one; all cited."""
    source = source or SourceFactory()
    return [
        PricePointFactory(release=release, source=source),
        PricePointFactory(
            release=release,
            kind=PricePoint.Kind.RESALE,
            amount=Decimal("700"),
            qualifier=Qualifier.OVER,
            observed_on=datetime.date(2023, 6, 1),
            source=source,
            excerpt="over $700",
        ),
        PricePointFactory(
            release=release,
            kind=PricePoint.Kind.RESALE,
            amount=Decimal("400"),
            qualifier=Qualifier.ABOUT,
            observed_on=None,
            source=source,
            excerpt="about $400",
        ),
    ]
