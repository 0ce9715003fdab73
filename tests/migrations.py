"""Tests of data migrations: move the test database to a migration and back to the latest.
Such tests need `django_db(transaction=True)`."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(app_label, name):
    """Migrate the test database to `app_label`'s migration `name`; the models as they were
    then (the registry of that state)."""
    executor = MigrationExecutor(connection)
    executor.migrate([(app_label, name)])
    return executor.loader.project_state([(app_label, name)]).apps


def migrate_to_latest():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
