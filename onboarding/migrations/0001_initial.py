"""The submission and review models, moved here from the portfolio app with their tables
and rows as they are: Django's record of them is created without touching the database, and
their content types (which admin history and permissions point at) follow them."""

import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


MOVED = [
    "auditentry",
    "deepeningplan",
    "review",
    "reviewflag",
    "reviewform",
    "reviewformrubric",
    "reviewscore",
    "round",
    "roundcredential",
    "rounddomain",
    "roundfile",
    "submission",
]


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        # A database made after this migration was written may have the new one already.
        ContentType.objects.filter(app_label="onboarding", model=model).delete()
        ContentType.objects.filter(app_label="portfolio", model=model).update(
            app_label="onboarding"
        )


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="onboarding", model__in=MOVED).update(
        app_label="portfolio"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('portfolio', '0005_round_queue_display'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('rubrics', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ReviewForm',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120)),
                        ('description', models.TextField(blank=True, help_text='What reviewers should keep in mind; shown above the scoring form.')),
                        ('is_active', models.BooleanField(default=False, help_text='New submissions are scored with the active form; only one can be active.', verbose_name='active')),
                        ('created', models.DateTimeField(auto_now_add=True)),
                        ('updated', models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        'db_table': 'portfolio_reviewform',
                        'ordering': ['-is_active', 'name'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('is_active', True)), fields=('is_active',), name='reviewform_one_active')],
                    },
                ),
                migrations.CreateModel(
                    name='Round',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.PositiveSmallIntegerField()),
                        ('state', models.CharField(choices=[('submitted', 'Submitted'), ('in_review', 'In review'), ('adjudication', 'Awaiting adjudication'), ('changes_requested', 'Changes requested'), ('approved', 'Approved'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn')], default='submitted', max_length=20)),
                        ('snapshot', models.JSONField()),
                        ('snapshot_sha256', models.CharField(max_length=64, verbose_name='snapshot SHA-256')),
                        ('checklists', models.JSONField(default=dict)),
                        ('instrument', models.JSONField()),
                        ('reviews_required', models.PositiveSmallIntegerField(default=1)),
                        ('submitted_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('decision', models.CharField(blank=True, choices=[('approve', 'Approve'), ('request_changes', 'Request changes'), ('reject', 'Reject')], max_length=20)),
                        ('decision_note', models.TextField(blank=True)),
                        ('expert_name', models.CharField(max_length=150)),
                        ('headline', models.CharField(max_length=160)),
                        ('shape', models.CharField(choices=[('emerging', 'Emerging'), ('generalist', 'Generalist'), ('specialist', 'Specialist'), ('t_shaped', 'T-shaped'), ('pi_shaped', 'π-shaped'), ('comb_shaped', 'Comb-shaped')], max_length=20)),
                        ('queue_domains', models.JSONField(db_default=models.Value([], models.JSONField()), default=list)),
                        ('queue_credentials', models.JSONField(db_default=models.Value([], models.JSONField()), default=list)),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='adjudicated_rounds', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'portfolio_round',
                        'ordering': ['submission', 'number'],
                    },
                ),
                migrations.CreateModel(
                    name='Review',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('state', models.CharField(choices=[('claimed', 'Claimed'), ('submitted', 'Submitted')], default='claimed', max_length=10)),
                        ('decision', models.CharField(blank=True, choices=[('approve', 'Approve'), ('request_changes', 'Request changes'), ('reject', 'Reject')], max_length=20)),
                        ('comment', models.TextField(blank=True, verbose_name='overall comment')),
                        ('claimed_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('updated', models.DateTimeField(auto_now=True)),
                        ('submitted_at', models.DateTimeField(blank=True, null=True)),
                        ('reviewer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reviews', to=settings.AUTH_USER_MODEL)),
                        ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reviews', to='onboarding.round')),
                    ],
                    options={
                        'db_table': 'portfolio_review',
                        'ordering': ['round', 'claimed_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='AuditEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('action', models.CharField(choices=[('submitted', 'Submitted'), ('withdrawn', 'Withdrawn'), ('claimed', 'Claimed for review'), ('released', 'Released'), ('review_submitted', 'Review submitted'), ('decided', 'Decided by the reviewers'), ('sent_to_adjudication', 'Sent to staff: reviewers disagree'), ('adjudicated', 'Decided by staff')], max_length=24)),
                        ('from_state', models.CharField(blank=True, max_length=20)),
                        ('to_state', models.CharField(blank=True, max_length=20)),
                        ('note', models.TextField(blank=True)),
                        ('at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='audit_entries', to=settings.AUTH_USER_MODEL)),
                        ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='audit_entries', to='onboarding.round')),
                    ],
                    options={
                        'verbose_name_plural': 'audit entries',
                        'db_table': 'portfolio_auditentry',
                        'ordering': ['at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='RoundCredential',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.CharField(max_length=120)),
                        ('key', models.CharField(max_length=120)),
                        ('position', models.PositiveSmallIntegerField()),
                        ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='credentials', to='onboarding.round')),
                    ],
                    options={
                        'db_table': 'portfolio_roundcredential',
                        'ordering': ['round', 'position'],
                    },
                ),
                migrations.CreateModel(
                    name='RoundDomain',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=60)),
                        ('key', models.CharField(max_length=60)),
                        ('depth', models.PositiveSmallIntegerField()),
                        ('position', models.PositiveSmallIntegerField()),
                        ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='domains', to='onboarding.round')),
                    ],
                    options={
                        'db_table': 'portfolio_rounddomain',
                        'ordering': ['round', 'position'],
                    },
                ),
                migrations.CreateModel(
                    name='RoundFile',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=255)),
                        ('sha256', models.CharField(max_length=64, verbose_name='SHA-256')),
                        ('size', models.PositiveBigIntegerField()),
                        ('file', models.ForeignKey(on_delete=django.db.models.deletion.RESTRICT, related_name='round_files', to='portfolio.storedfile')),
                        ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='files', to='onboarding.round')),
                    ],
                    options={
                        'db_table': 'portfolio_roundfile',
                    },
                ),
                migrations.CreateModel(
                    name='Submission',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created', models.DateTimeField(auto_now_add=True)),
                        ('owner', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='submission', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'portfolio_submission',
                    },
                ),
                migrations.AddField(
                    model_name='round',
                    name='submission',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rounds', to='onboarding.submission'),
                ),
                migrations.CreateModel(
                    name='DeepeningPlan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('domain', models.CharField(max_length=60)),
                        ('target_date', models.DateField()),
                        ('set_on', models.DateField()),
                        ('updated', models.DateTimeField(auto_now=True)),
                        ('owner', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='deepening_plan', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'portfolio_deepeningplan',
                        'constraints': [models.CheckConstraint(condition=models.Q(('target_date__gt', models.F('set_on'))), name='plan_target_after_set')],
                    },
                ),
                migrations.CreateModel(
                    name='ReviewFlag',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('rubric_position', models.PositiveSmallIntegerField()),
                        ('behaviour_position', models.PositiveSmallIntegerField()),
                        ('text', models.CharField(max_length=500)),
                        ('review', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='flags', to='onboarding.review')),
                    ],
                    options={
                        'db_table': 'portfolio_reviewflag',
                        'ordering': ['review', 'rubric_position', 'behaviour_position'],
                        'constraints': [models.UniqueConstraint(fields=('review', 'rubric_position', 'behaviour_position'), name='reviewflag_unique')],
                    },
                ),
                migrations.CreateModel(
                    name='ReviewFormRubric',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('position', models.PositiveSmallIntegerField(default=0)),
                        ('form', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='entries', to='onboarding.reviewform')),
                        ('rubric', models.ForeignKey(limit_choices_to={'kind': 'review'}, on_delete=django.db.models.deletion.CASCADE, related_name='review_form_entries', to='rubrics.rubric')),
                    ],
                    options={
                        'verbose_name': 'rubric of the form',
                        'verbose_name_plural': 'rubrics of the form',
                        'db_table': 'portfolio_reviewformrubric',
                        'ordering': ['form', 'position', 'pk'],
                        'constraints': [models.UniqueConstraint(fields=('form', 'rubric'), name='reviewformrubric_unique')],
                    },
                ),
                migrations.CreateModel(
                    name='ReviewScore',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('rubric_position', models.PositiveSmallIntegerField()),
                        ('rubric_key', models.PositiveIntegerField(blank=True, null=True)),
                        ('rubric_title', models.CharField(max_length=200)),
                        ('score', models.SmallIntegerField(blank=True, null=True)),
                        ('comment', models.TextField(blank=True)),
                        ('review', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scores', to='onboarding.review')),
                    ],
                    options={
                        'db_table': 'portfolio_reviewscore',
                        'ordering': ['review', 'rubric_position'],
                        'constraints': [models.UniqueConstraint(fields=('review', 'rubric_position'), name='reviewscore_one_per_rubric')],
                    },
                ),
                migrations.AddIndex(
                    model_name='review',
                    index=models.Index(fields=['reviewer', 'state'], name='review_reviewer_state'),
                ),
                migrations.AddConstraint(
                    model_name='review',
                    constraint=models.UniqueConstraint(fields=('round', 'reviewer'), name='review_one_per_reviewer'),
                ),
                migrations.AddConstraint(
                    model_name='review',
                    constraint=models.CheckConstraint(condition=models.Q(('state__in', ['claimed', 'submitted'])), name='review_state_known'),
                ),
                migrations.AddConstraint(
                    model_name='review',
                    constraint=models.CheckConstraint(condition=models.Q(('decision__in', ['', 'approve', 'request_changes', 'reject'])), name='review_decision_known'),
                ),
                migrations.AddConstraint(
                    model_name='review',
                    constraint=models.CheckConstraint(condition=models.Q(('state', 'claimed'), models.Q(models.Q(('decision', ''), _negated=True), ('submitted_at__isnull', False)), _connector='OR'), name='review_submitted_has_decision'),
                ),
                migrations.AddIndex(
                    model_name='auditentry',
                    index=models.Index(fields=['round', 'at'], name='auditentry_round_at'),
                ),
                migrations.AddIndex(
                    model_name='roundcredential',
                    index=models.Index(fields=['key', 'round'], name='roundcredential_key'),
                ),
                migrations.AddIndex(
                    model_name='rounddomain',
                    index=models.Index(fields=['key', 'round'], name='rounddomain_key'),
                ),
                migrations.AddConstraint(
                    model_name='roundfile',
                    constraint=models.UniqueConstraint(fields=('round', 'file'), name='roundfile_unique'),
                ),
                migrations.AddIndex(
                    model_name='round',
                    index=models.Index(condition=models.Q(('state__in', ['in_review', 'submitted'])), fields=['submitted_at', 'id'], include=('submission_id', 'shape'), name='round_open_submitted'),
                ),
                migrations.AddIndex(
                    model_name='round',
                    index=models.Index(condition=models.Q(('state__in', ['in_review', 'submitted'])), fields=['expert_name', 'submitted_at', 'id'], name='round_open_name'),
                ),
                migrations.AddIndex(
                    model_name='round',
                    index=models.Index(fields=['state', 'submitted_at', 'id'], include=('submission_id', 'shape'), name='round_state_submitted'),
                ),
                migrations.AddIndex(
                    model_name='round',
                    index=models.Index(fields=['shape', 'state'], name='round_shape_state'),
                ),
                migrations.AddIndex(
                    model_name='round',
                    index=models.Index(fields=['expert_name'], name='round_expert_name'),
                ),
                migrations.AddConstraint(
                    model_name='round',
                    constraint=models.UniqueConstraint(fields=('submission', 'number'), name='round_number_unique'),
                ),
                migrations.AddConstraint(
                    model_name='round',
                    constraint=models.CheckConstraint(condition=models.Q(('number__gte', 1)), name='round_number_positive'),
                ),
                migrations.AddConstraint(
                    model_name='round',
                    constraint=models.CheckConstraint(condition=models.Q(('state__in', ['submitted', 'in_review', 'adjudication', 'changes_requested', 'approved', 'rejected', 'withdrawn'])), name='round_state_known'),
                ),
                migrations.AddConstraint(
                    model_name='round',
                    constraint=models.CheckConstraint(condition=models.Q(('decision__in', ['', 'approve', 'request_changes', 'reject'])), name='round_decision_known'),
                ),
                migrations.AddConstraint(
                    model_name='round',
                    constraint=models.CheckConstraint(condition=models.Q(('reviews_required__gte', 1)), name='round_reviews_required_positive'),
                ),
                migrations.AddConstraint(
                    model_name='round',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.Exact(django.db.models.functions.text.Length('snapshot_sha256'), 64), name='round_sha256_length'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
