"""The round indexes' INCLUDE columns leave the models: only PostgreSQL has covering indexes,
and declaring them made `migrate` warn on SQLite. The indexes themselves stay as portfolio/0004
made them (with the columns on PostgreSQL, without on SQLite), so only Django's record of them
changes here."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('onboarding', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name='round', name='round_open_submitted'),
                migrations.RemoveIndex(model_name='round', name='round_state_submitted'),
                migrations.AddIndex(
                    model_name='round',
                    index=models.Index(
                        condition=models.Q(('state__in', ['in_review', 'submitted'])),
                        fields=['submitted_at', 'id'],
                        name='round_open_submitted',
                    ),
                ),
                migrations.AddIndex(
                    model_name='round',
                    index=models.Index(
                        fields=['state', 'submitted_at', 'id'], name='round_state_submitted'
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
