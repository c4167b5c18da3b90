from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from rubrics import content as rubric_content
from rubrics.validators import SCORE_MAX, SCORE_MIN, TEXT_MAX, TITLE_MAX


class Rubric(models.Model):
    """An objective, a scale of scored levels with criteria, and disallowed behaviours."""

    class Kind(models.TextChoices):
        ARTIFACT = "artifact", "Portfolio rubric"
        REVIEW = "review", "Review rubric"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rubrics"
    )
    kind = models.CharField(
        max_length=16,
        choices=Kind.choices,
        default=Kind.ARTIFACT,
        help_text="A portfolio rubric is an expert's own work; reviewers score portfolios "
        "with review rubrics, which staff manage.",
    )
    title = models.CharField(max_length=TITLE_MAX, blank=True)
    objective = models.TextField()
    pass_score = models.SmallIntegerField(
        "lowest passing score",
        null=True,
        blank=True,
        help_text="Levels with this score or higher pass; the levels below fail.",
    )
    sources = models.TextField(
        blank=True, help_text="Standards, regulations or textbooks the criteria come from."
    )
    # Raised on every save; an editor or import based on an older version is refused.
    version = models.PositiveIntegerField(default=1)
    # A portfolio rubric shown on the owner's public page once an approved round froze it.
    public = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The levels' scores in the scale's order, kept with every write of the scale
    # (services._write_scale) for lists, which then read no levels; null for a row written
    # another way, whose scores are read from its levels (listed_scores).
    level_scores = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["artifact", "review"]), name="rubric_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(pass_score__isnull=True)
                | Q(pass_score__gte=SCORE_MIN, pass_score__lte=SCORE_MAX),
                name="rubric_pass_score_in_range",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "kind", "-updated_at"], name="rubric_owner_kind_updated")
        ]

    def __str__(self) -> str:
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("rubric_detail", args=[self.pk])

    @property
    def display_title(self) -> str:
        return rubric_content.display_title(self.title, self.objective)

    @property
    def is_review(self) -> bool:
        return self.kind == self.Kind.REVIEW

    @property
    def listed_scores(self) -> tuple[int, ...]:
        """The levels' scores in the scale's order: kept with the row, or else read from its
        levels (prefetched or not)."""
        if self.level_scores is not None:
            return tuple(self.level_scores)
        return tuple(level.score for level in self.levels.all())


class ScaleLevel(models.Model):
    """One level of a rubric's scale. A level keeps its identity by its score."""

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="levels")
    score = models.SmallIntegerField()
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["rubric", "score"], name="scale_level_score_unique"),
            models.CheckConstraint(
                condition=Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                name="scale_level_score_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Score {self.score}"

    def passes(self, pass_score: int | None) -> bool | None:
        return rubric_content.passes(self.score, pass_score)


class Criterion(models.Model):
    level = models.ForeignKey(ScaleLevel, on_delete=models.CASCADE, related_name="criteria")
    text = models.CharField(max_length=TEXT_MAX)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name_plural = "criteria"

    def __str__(self) -> str:
        return self.text


class DisallowedBehaviour(models.Model):
    """Something that fails a response whatever its score (e.g. fabricated citations)."""

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="disallowed")
    text = models.CharField(max_length=TEXT_MAX)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text
