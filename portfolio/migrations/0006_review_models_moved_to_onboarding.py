"""The submission and review models moved to the onboarding app: their tables stay as they
are (the models name them), so only Django's record of the models changes here."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('portfolio', '0005_round_queue_display'),
        ('onboarding', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='deepeningplan',
                    name='owner',
                ),
                migrations.RemoveField(
                    model_name='review',
                    name='reviewer',
                ),
                migrations.RemoveField(
                    model_name='review',
                    name='round',
                ),
                migrations.RemoveField(
                    model_name='reviewscore',
                    name='review',
                ),
                migrations.RemoveField(
                    model_name='reviewflag',
                    name='review',
                ),
                migrations.RemoveField(
                    model_name='reviewformrubric',
                    name='form',
                ),
                migrations.RemoveField(
                    model_name='reviewformrubric',
                    name='rubric',
                ),
                migrations.RemoveField(
                    model_name='round',
                    name='decided_by',
                ),
                migrations.RemoveField(
                    model_name='round',
                    name='submission',
                ),
                migrations.RemoveField(
                    model_name='rounddomain',
                    name='round',
                ),
                migrations.RemoveField(
                    model_name='roundcredential',
                    name='round',
                ),
                migrations.RemoveField(
                    model_name='roundfile',
                    name='round',
                ),
                migrations.RemoveField(
                    model_name='roundfile',
                    name='file',
                ),
                migrations.RemoveField(
                    model_name='submission',
                    name='owner',
                ),
                migrations.DeleteModel(
                    name='AuditEntry',
                ),
                migrations.DeleteModel(
                    name='DeepeningPlan',
                ),
                migrations.DeleteModel(
                    name='ReviewScore',
                ),
                migrations.DeleteModel(
                    name='Review',
                ),
                migrations.DeleteModel(
                    name='ReviewFlag',
                ),
                migrations.DeleteModel(
                    name='ReviewForm',
                ),
                migrations.DeleteModel(
                    name='ReviewFormRubric',
                ),
                migrations.DeleteModel(
                    name='RoundDomain',
                ),
                migrations.DeleteModel(
                    name='RoundCredential',
                ),
                migrations.DeleteModel(
                    name='Round',
                ),
                migrations.DeleteModel(
                    name='RoundFile',
                ),
                migrations.DeleteModel(
                    name='Submission',
                ),
            ],
            database_operations=[],
        ),
    ]
