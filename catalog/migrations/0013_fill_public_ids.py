"""
Public ids, step 2 of 3: give every existing entry and source an id of its own, and write
it into the entry's saved versions (django-reversion) too.

The versions matter: restoring a version, or recovering a deleted entry, loads the fields
the version holds and draws a default for any it lacks, so a version saved before this
migration would come back with a new id. Each version gets the id of its entry; the
versions of an entry deleted before now share one new id among them, so recovering any of
them brings back one and the same entry.
"""

import json
import uuid

from django.db import migrations

MODELS = ["Collaboration", "Milestone", "Partner", "Shoe", "Source", "TrendNote"]
BATCH_SIZE = 500


def fill_ids(apps, schema_editor):
    for model_name in MODELS:
        model = apps.get_model("catalog", model_name)
        ids = {}
        batch = []
        for entry in model.objects.only("pk").iterator(chunk_size=BATCH_SIZE):
            entry.public_id = ids[entry.pk] = uuid.uuid4()
            batch.append(entry)
            if len(batch) == BATCH_SIZE:
                model.objects.bulk_update(batch, ["public_id"])
                batch = []
        model.objects.bulk_update(batch, ["public_id"])
        write_into_versions(apps, model_name, ids)


def versions_of(apps, model_name):
    content_type = (
        apps.get_model("contenttypes", "ContentType")
        .objects.filter(app_label="catalog", model=model_name.lower())
        .first()
    )
    if content_type is None:  # a new database: nothing was ever saved
        return []
    version = apps.get_model("reversion", "Version")
    return version.objects.filter(content_type=content_type, format="json").only(
        "object_id", "serialized_data"
    )


def write_into_versions(apps, model_name, ids):
    deleted = {}
    for version in versions_of(apps, model_name):
        rows = json.loads(version.serialized_data)
        for row in rows:
            pk = int(row["pk"])
            public_id = ids.get(pk) or deleted.setdefault(pk, uuid.uuid4())
            row["fields"]["public_id"] = str(public_id)
        version.serialized_data = json.dumps(rows, ensure_ascii=False)
        version.save(update_fields=["serialized_data"])


def remove_from_versions(apps, schema_editor):
    for model_name in MODELS:
        for version in versions_of(apps, model_name):
            rows = json.loads(version.serialized_data)
            for row in rows:
                row["fields"].pop("public_id", None)
            version.serialized_data = json.dumps(rows, ensure_ascii=False)
            version.save(update_fields=["serialized_data"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0012_public_ids"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    # Backwards, reversing 0012 drops the column; the versions lose the id again.
    operations = [migrations.RunPython(fill_ids, remove_from_versions)]
