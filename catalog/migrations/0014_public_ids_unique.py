"""Public ids, step 3 of 3: every row has its own id (0013), so the column becomes unique and
required, and new entries draw a fresh id."""

import uuid

from django.db import migrations, models

HELP = "The entry's permanent id in the API: never changes, never reused."


class Migration(migrations.Migration):
    dependencies = [("catalog", "0013_fill_public_ids")]

    operations = [
        migrations.AlterField(
            model_name="collaboration",
            name="public_id",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text=HELP,
                unique=True,
                verbose_name="public id",
            ),
        ),
        migrations.AlterField(
            model_name="milestone",
            name="public_id",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text=HELP,
                unique=True,
                verbose_name="public id",
            ),
        ),
        migrations.AlterField(
            model_name="partner",
            name="public_id",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text=HELP,
                unique=True,
                verbose_name="public id",
            ),
        ),
        migrations.AlterField(
            model_name="shoe",
            name="public_id",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text=HELP,
                unique=True,
                verbose_name="public id",
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="public_id",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text=HELP,
                unique=True,
                verbose_name="public id",
            ),
        ),
        migrations.AlterField(
            model_name="trendnote",
            name="public_id",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text=HELP,
                unique=True,
                verbose_name="public id",
            ),
        ),
    ]
