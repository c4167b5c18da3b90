"""Indexes for the reviewer queue: the rounds offered first to one reviewer, and the claims
that expire. Created with IF NOT EXISTS (PostgreSQL and SQLite both have it): a database
that ran this migration under its earlier number keeps the indexes it has."""

from django.conf import settings
from django.db import migrations, models

INDEXES = {
    "review_claimed_at": "portfolio_review (claimed_at) WHERE state = 'claimed'",
    "round_offered_until": "portfolio_round (offered_until) WHERE offered_to_id IS NOT NULL",
}


class Migration(migrations.Migration):

    dependencies = [
        ('onboarding', '0006_audit_credential_proofs'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name='review',
                    index=models.Index(condition=models.Q(('state', 'claimed')), fields=['claimed_at'], name='review_claimed_at'),
                ),
                migrations.AddIndex(
                    model_name='round',
                    index=models.Index(condition=models.Q(('offered_to__isnull', False)), fields=['offered_until'], name='round_offered_until'),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f"CREATE INDEX IF NOT EXISTS {name} ON {definition}",
                    f"DROP INDEX IF EXISTS {name}",
                )
                for name, definition in INDEXES.items()
            ],
        ),
    ]
