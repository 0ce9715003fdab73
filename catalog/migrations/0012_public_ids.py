"""
Public ids, step 1 of 3: a nullable column on every public model.

Django's recipe for a unique field on a table that already has rows: add it nullable (a
default would give every existing row the same value), fill each row with its own id
(0013), then make it unique and required (0014). Three migrations, because PostgreSQL
refuses to alter a table in the transaction that has just updated its rows.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("catalog", "0011_render_stored_markdown_html")]

    operations = [
        migrations.AddField(
            model_name="collaboration",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="public id"),
        ),
        migrations.AddField(
            model_name="milestone",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="public id"),
        ),
        migrations.AddField(
            model_name="partner",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="public id"),
        ),
        migrations.AddField(
            model_name="shoe",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="public id"),
        ),
        migrations.AddField(
            model_name="source",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="public id"),
        ),
        migrations.AddField(
            model_name="trendnote",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="public id"),
        ),
    ]
