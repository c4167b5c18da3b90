"""Which benchmarks share a prompt, from an index alone (the round page's integrity matches)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('portfolio', '0010_credential_proofs'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='benchmarkitem',
            index=models.Index(fields=['prompt_key', 'benchmark'], name='benchmarkitem_prompt_bench'),
        ),
    ]
