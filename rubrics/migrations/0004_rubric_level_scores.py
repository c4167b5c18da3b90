from collections import defaultdict

from django.db import migrations, models

# Rubrics written per pass: bounded memory.
BATCH = 1000


def fill_level_scores(apps, schema_editor):
    """Every rubric's scores in its scale's order, read from its levels."""
    Rubric = apps.get_model("rubrics", "Rubric")
    ScaleLevel = apps.get_model("rubrics", "ScaleLevel")
    db = schema_editor.connection.alias
    ids = list(Rubric.objects.using(db).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        scores = defaultdict(list)
        levels = (
            ScaleLevel.objects.using(db)
            .filter(rubric_id__in=batch)
            .order_by("rubric_id", "position", "pk")
            .values_list("rubric_id", "score")
        )
        for rubric_id, score in levels:
            scores[rubric_id].append(score)
        Rubric.objects.using(db).bulk_update(
            [Rubric(pk=pk, level_scores=scores[pk]) for pk in batch], ["level_scores"]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("rubrics", "0003_rubric_public"),
    ]

    operations = [
        migrations.AddField(
            model_name="rubric",
            name="level_scores",
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(fill_level_scores, migrations.RunPython.noop),
    ]
