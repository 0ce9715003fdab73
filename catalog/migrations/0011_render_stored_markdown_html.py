"""
Fill the stored HTML of every story and trend note body added in 0010. From here on each
save renders it (`catalog/models/rendering.py`); the heading shifts are those of the models.
"""

from django.db import migrations

from catalog.markdown import render_markdown

# (model, Markdown field, HTML field, heading shift)
RENDERED = [
    ("Collaboration", "story", "story_html", 1),
    ("Shoe", "story", "story_html", 1),
    ("TrendNote", "body", "body_html", 0),
]
BATCH_SIZE = 500


def render_stored_html(apps, schema_editor):
    for model_name, field, html_field, shift in RENDERED:
        model = apps.get_model("catalog", model_name)
        batch = []
        for entry in model.objects.only("pk", field).iterator(chunk_size=BATCH_SIZE):
            setattr(entry, html_field, str(render_markdown(getattr(entry, field), shift)))
            batch.append(entry)
            if len(batch) == BATCH_SIZE:
                model.objects.bulk_update(batch, [html_field])
                batch = []
        model.objects.bulk_update(batch, [html_field])


class Migration(migrations.Migration):
    dependencies = [("catalog", "0010_stored_markdown_html")]

    # Backwards there is nothing to undo: reversing 0010 drops the columns.
    operations = [migrations.RunPython(render_stored_html, migrations.RunPython.noop)]
