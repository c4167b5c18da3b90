"""Each benchmark item holds its benchmark's owner, indexed with the prompt key: how many
experts share a prompt is counted from the index alone (the round page's integrity matches)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_owners(apps, schema_editor):
    Benchmark = apps.get_model("portfolio", "Benchmark")
    BenchmarkItem = apps.get_model("portfolio", "BenchmarkItem")
    db = schema_editor.connection.alias
    owner = Benchmark.objects.using(db).filter(pk=OuterRef("benchmark_id")).values("owner_id")
    BenchmarkItem.objects.using(db).update(owner_id=Subquery(owner))


class Migration(migrations.Migration):

    dependencies = [
        ('portfolio', '0012_evidence'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='benchmarkitem',
            name='owner',
            field=models.ForeignKey(db_constraint=False, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.RunPython(fill_owners, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='benchmarkitem',
            index=models.Index(fields=['prompt_key', 'owner'], name='benchmarkitem_prompt_owner'),
        ),
    ]
