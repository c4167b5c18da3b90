from collections import defaultdict

from django.db import migrations, models

# Rounds read per pass: bounded memory, and few enough ids for any database's parameter limit.
BATCH = 500


def fill_queue_columns(apps, schema_editor):
    """Copy each round's domains and credentials from its queue rows (those the queue
    filters on) into the columns a queue row shows."""
    Round = apps.get_model("portfolio", "Round")
    RoundDomain = apps.get_model("portfolio", "RoundDomain")
    RoundCredential = apps.get_model("portfolio", "RoundCredential")
    db = schema_editor.connection.alias
    ids = list(Round.objects.using(db).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        domains, credentials = defaultdict(list), defaultdict(list)
        rows = (
            RoundDomain.objects.using(db)
            .filter(round_id__in=batch)
            .order_by("round_id", "position")
            .values_list("round_id", "name", "depth")
        )
        for round_id, name, depth in rows:
            domains[round_id].append({"name": name, "depth": depth})
        rows = (
            RoundCredential.objects.using(db)
            .filter(round_id__in=batch)
            .order_by("round_id", "position")
            .values_list("round_id", "text")
        )
        for round_id, text in rows:
            credentials[round_id].append(text)
        Round.objects.using(db).bulk_update(
            [
                Round(pk=pk, queue_domains=domains[pk], queue_credentials=credentials[pk])
                for pk in batch
            ],
            ["queue_domains", "queue_credentials"],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0004_queue_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="round",
            name="queue_domains",
            field=models.JSONField(db_default=models.Value([], models.JSONField()), default=list),
        ),
        migrations.AddField(
            model_name="round",
            name="queue_credentials",
            field=models.JSONField(db_default=models.Value([], models.JSONField()), default=list),
        ),
        # Nothing to undo: going back drops the columns.
        migrations.RunPython(fill_queue_columns, migrations.RunPython.noop),
    ]
