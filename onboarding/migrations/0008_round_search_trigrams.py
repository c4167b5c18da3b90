"""Trigram indexes for the reviewer queue's search, on PostgreSQL: a search for a word in
names or headlines ("contains", case aside) otherwise reads every round to count the
matches, which grows with the rounds (bench/README.md has the figures). The expressions are
those Django writes for `icontains`. SQLite has no such index; its search stays a scan."""

from django.db import migrations

COLUMNS = {"round_search_name": "expert_name", "round_search_headline": "headline"}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # Trusted since PostgreSQL 13: the database's owner may create it. Going back leaves it,
    # as other indexes may come to use it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in COLUMNS.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON portfolio_round "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("onboarding", "0007_queue_claims_offers")]

    operations = [migrations.RunPython(create, drop)]
