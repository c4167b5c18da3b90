"""Which benchmarks share a prompt, from an index alone (the round page's integrity matches).
Created with IF NOT EXISTS (PostgreSQL and SQLite both have it): a database that ran this
migration under its earlier number keeps the index it has."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('portfolio', '0010_credential_proofs'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name='benchmarkitem',
                    index=models.Index(fields=['prompt_key', 'benchmark'], name='benchmarkitem_prompt_bench'),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    "CREATE INDEX IF NOT EXISTS benchmarkitem_prompt_bench "
                    "ON portfolio_benchmarkitem (prompt_key, benchmark_id)",
                    "DROP INDEX IF EXISTS benchmarkitem_prompt_bench",
                ),
            ],
        ),
    ]
