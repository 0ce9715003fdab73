"""
PostgreSQL only: one index per order of the shoe list (`catalog.forms.SHOE_SORTS`), shoes
without a date or price last, so a page reads 24 index entries instead of sorting every
shoe. SQLite cannot put NULLS LAST in an index, and its planner needs none of these.
"""

from django.db import migrations

# name: the order's columns after "status", as `catalog.forms.order_for` sorts them.
ORDERS = {
    "catalog_shoe_newest_idx": '"release_date" DESC NULLS LAST, "name", "id"',
    "catalog_shoe_oldest_idx": '"release_date" ASC NULLS LAST, "name", "id"',
    "catalog_shoe_cheapest_idx": '"retail_price" ASC NULLS LAST, "name", "id"',
    "catalog_shoe_priciest_idx": '"retail_price" DESC NULLS LAST, "name", "id"',
    "catalog_shoe_by_name_idx": '"name", "colorway", "id"',
}


def add_order_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, columns in ORDERS.items():
            schema_editor.execute(f'CREATE INDEX "{name}" ON "catalog_shoe" ("status", {columns})')


def drop_order_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in ORDERS:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("catalog", "0020_shoe_search_document")]

    operations = [migrations.RunPython(add_order_indexes, drop_order_indexes)]
