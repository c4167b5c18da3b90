"""Portfolio artifacts: work samples, adversarial test plans and domain benchmarks."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from portfolio.models.files import StoredFile
from portfolio.validators import validate_link_url
from profiles.models import WorkSampleType


class Artifact(models.Model):
    """What every portfolio artifact has: a title and timestamps (each kind adds its owner)."""

    title = models.CharField(max_length=200)
    # Raised on every save (items and cases included); an editor or import based on an older
    # version is refused.
    version = models.PositiveIntegerField(default=1)
    # Shown on the public page once a round that froze it is approved; nothing is by default.
    # Set with a queryset update, so choosing it never counts as an edit of the artifact.
    public = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-updated", "-pk"]

    def __str__(self) -> str:
        return self.title


class WorkSample(Artifact):
    """A piece of the expert's own work: a link or an uploaded file, never both."""

    # The profile document's work samples are these rows: one list of types, one wording.
    Type = WorkSampleType

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_samples"
    )
    # Blank only for a link imported from a skill-profile document that gave no type.
    sample_type = models.CharField("type", max_length=20, choices=Type.choices, blank=True)
    description = models.TextField(blank=True)
    url = models.URLField("link", max_length=2000, blank=True, validators=[validate_link_url])
    # RESTRICT: a file still used by a sample cannot be deleted on its own, yet deleting
    # the owner (which cascades to both) still works.
    file = models.ForeignKey(
        StoredFile,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="work_samples",
    )

    class Meta(Artifact.Meta):
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & Q(file__isnull=False)) | (~Q(url="") & Q(file__isnull=True)),
                name="worksample_link_xor_file",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("work_sample_detail", args=[self.pk])

    @property
    def is_upload(self) -> bool:
        return self.file_id is not None


class AdversarialTestPlan(Artifact):
    """A plan for attacking a model: what is in scope, who attacks how, and the cases."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="test_plans"
    )
    scope = models.TextField()
    threat_model = models.TextField()
    goal = models.TextField("measurable goal", blank=True)
    sources = models.TextField(blank=True)

    def get_absolute_url(self) -> str:
        return reverse("test_plan_detail", args=[self.pk])


class AdversarialCase(models.Model):
    """One case of a test plan: the input or attack and the behaviour that counts as safe."""

    class Severity(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"
        CRITICAL = "critical", "Critical"

    plan = models.ForeignKey(AdversarialTestPlan, on_delete=models.CASCADE, related_name="cases")
    position = models.PositiveIntegerField()
    attack = models.TextField("input or attack")
    expected_behaviour = models.TextField("expected safe behaviour")
    severity = models.CharField(max_length=10, choices=Severity.choices)

    class Meta:
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="case_position_unique"),
            models.CheckConstraint(
                condition=Q(severity__in=["low", "medium", "high", "critical"]),
                name="case_severity_known",
            ),
        ]

    def __str__(self) -> str:
        return f"Case {self.position + 1}"


class Benchmark(Artifact):
    """A domain benchmark: a measurable goal in one of the owner's domains, and its items."""

    PILOT_MIN_ITEMS = 10
    PILOT_MAX_ITEMS = 20

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="benchmarks"
    )
    # The name, not a link to the profile row: the benchmark keeps its domain even if
    # the profile is later edited. Services check it is one of the owner's domains.
    domain = models.CharField(max_length=80)
    description = models.TextField(blank=True)
    metric = models.CharField(
        max_length=120, help_text="What is measured, e.g. accuracy, pass rate, faithfulness."
    )
    target = models.CharField(
        max_length=120, help_text="The bar to reach, e.g. ≥ 90% exact match on the held-out set."
    )
    sources = models.TextField(blank=True)
    # A public benchmark shows its summary only; its items stay out of reach of crawlers (and
    # so of training data) unless the expert publishes them too.
    publish_items = models.BooleanField(default=False)

    def get_absolute_url(self) -> str:
        return reverse("benchmark_detail", args=[self.pk])


class BenchmarkItem(models.Model):
    """One prompt of a benchmark with its reference answer and why it is right."""

    class Difficulty(models.TextChoices):
        EASY = "easy", "Easy"
        MEDIUM = "medium", "Medium"
        HARD = "hard", "Hard"

    benchmark = models.ForeignKey(Benchmark, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    prompt = models.TextField()
    reference_answer = models.TextField()
    rationale = models.TextField(blank=True)
    difficulty = models.CharField(max_length=10, choices=Difficulty.choices, default="medium")
    adversarial = models.BooleanField(default=False)
    source = models.CharField(max_length=500, blank=True)
    # portfolio.integrity.prompt_key(prompt), set wherever items are written: finds the same
    # prompt in another expert's benchmark with an index.
    prompt_key = models.CharField(max_length=64, blank=True, editable=False)
    # The benchmark's owner, copied wherever items are written (a benchmark never changes
    # hands): how many experts share a prompt is counted from the index alone. The items go
    # with their benchmark, so the copy needs neither a constraint nor a cascade of its own.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        null=True,
        editable=False,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )

    class Meta:
        ordering = ["benchmark", "position"]
        indexes = [
            # Which experts share a prompt, from the index alone (the integrity matches); the
            # prompt key leads it, so it finds the items of a prompt too.
            models.Index(fields=["prompt_key", "owner"], name="benchmarkitem_prompt_owner"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["benchmark", "position"], name="benchmark_item_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(difficulty__in=["easy", "medium", "hard"]),
                name="benchmark_item_difficulty_known",
            ),
        ]

    def __str__(self) -> str:
        return f"Item {self.position + 1}"
