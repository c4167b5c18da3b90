"""Tests of data migrations: the test database migrated to given migrations, and back to the
latest after (the `latest_schema_after` fixture in conftest.py)."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """The app registry as it stands after migrating the database to `targets`."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    # (app, None) is "none of that app's migrations": nothing to build a state from.
    return executor.loader.project_state([t for t in targets if t[1]]).apps


def migrate_from_empty(targets):
    """migrate(targets) from an empty database, as a database made before them got there. For
    a state far back in the history this is quicker than unapplying every migration since."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    with connection.schema_editor() as editor:
        for table in tables:
            editor.execute(editor.sql_delete_table % {"table": editor.quote_name(table)})
    return migrate(targets)


def migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
