"""An index for the staff's pipeline: the rounds waiting for a decision, oldest first."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('onboarding', '0007_queue_claims_offers'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='round',
            index=models.Index(condition=models.Q(('state__in', ['adjudication', 'in_review', 'submitted'])), fields=['submitted_at', 'id'], name='round_pending_submitted'),
        ),
    ]
