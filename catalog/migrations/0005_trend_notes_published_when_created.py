"""
Trend notes carried publication dates typed in by the seed, before the archive existed.
The true date a note became public is not known; the day it entered the archive is the
earliest it can have been, so every published note takes that.
"""

from django.db import migrations
from django.db.models.functions import TruncDate


def published_when_created(apps, schema_editor):
    TrendNote = apps.get_model("catalog", "TrendNote")
    TrendNote.objects.filter(status="published").update(published_on=TruncDate("created_at"))
    TrendNote.objects.exclude(status="published").update(published_on=None)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_sources_citations_qualifiers")]

    operations = [migrations.RunPython(published_when_created, migrations.RunPython.noop)]
