"""
Every stored retail price and resale peak becomes a price point, the one source of truth
for prices from now on; each citation of the figure moves onto a point of its own.

A figure's point takes no date: the old fields had none, and a date is never guessed.
"""

from django.db import migrations

FIGURES = {"retail_price": "retail", "resale_peak": "resale"}
RELEASES = ("shoe", "collaboration")


def figures_to_points(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Citation = apps.get_model("catalog", "Citation")
    PricePoint = apps.get_model("catalog", "PricePoint")
    for model_name in RELEASES:
        release_type, _ = ContentType.objects.get_or_create(app_label="catalog", model=model_name)
        for release in apps.get_model("catalog", model_name).objects.all():
            for field, kind in FIGURES.items():
                amount = getattr(release, field)
                if amount is None:
                    continue
                citations = Citation.objects.filter(
                    content_type=release_type, object_id=release.pk, field=field
                )
                cited_by = [(c.source_id, c.locator, c.excerpt) for c in citations] or [
                    (None, "", "")
                ]
                for source_id, locator, excerpt in cited_by:
                    PricePoint.objects.create(
                        content_type=release_type,
                        object_id=release.pk,
                        kind=kind,
                        amount=amount,
                        qualifier=getattr(release, f"{field}_qualifier"),
                        currency=release.currency,
                        observed_on=None,
                        source_id=source_id,
                        locator=locator,
                        excerpt=excerpt,
                    )
                citations.delete()


def points_to_figures(apps, schema_editor):
    """Back to citations of the stored figures (the figures themselves were kept)."""
    Citation = apps.get_model("catalog", "Citation")
    PricePoint = apps.get_model("catalog", "PricePoint")
    fields = {kind: field for field, kind in FIGURES.items()}
    for point in PricePoint.objects.exclude(source=None):
        Citation.objects.create(
            content_type_id=point.content_type_id,
            object_id=point.object_id,
            field=fields[point.kind],
            source_id=point.source_id,
            locator=point.locator,
            excerpt=point.excerpt,
        )
    PricePoint.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0018_price_points"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(figures_to_points, points_to_figures)]
