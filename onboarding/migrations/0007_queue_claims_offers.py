"""Indexes for the reviewer queue: the rounds offered first to one reviewer, and the claims
that expire."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('onboarding', '0006_audit_credential_proofs'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='review',
            index=models.Index(condition=models.Q(('state', 'claimed')), fields=['claimed_at'], name='review_claimed_at'),
        ),
        migrations.AddIndex(
            model_name='round',
            index=models.Index(condition=models.Q(('offered_to__isnull', False)), fields=['offered_until'], name='round_offered_until'),
        ),
    ]
