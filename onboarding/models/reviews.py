"""Reviews: the staff's review form, and each reviewer's scores, flags and decision."""

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from onboarding.models.submissions import Round
from onboarding.workflow import Decision
from rubrics.models import Rubric


class ReviewForm(models.Model):
    """An ordered set of review rubrics. The active one is what new rounds are scored with."""

    name = models.CharField(max_length=120)
    description = models.TextField(
        blank=True, help_text="What reviewers should keep in mind; shown above the scoring form."
    )
    is_active = models.BooleanField(
        "active",
        default=False,
        help_text="New submissions are scored with the active form; only one can be active.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        # The table it has had since it was part of the portfolio app.
        db_table = "portfolio_reviewform"
        ordering = ["-is_active", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="reviewform_one_active"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ReviewFormRubric(models.Model):
    form = models.ForeignKey(ReviewForm, on_delete=models.CASCADE, related_name="entries")
    rubric = models.ForeignKey(
        Rubric,
        on_delete=models.CASCADE,
        related_name="review_form_entries",
        limit_choices_to={"kind": Rubric.Kind.REVIEW},
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        # The table it has had since it was part of the portfolio app.
        db_table = "portfolio_reviewformrubric"
        ordering = ["form", "position", "pk"]
        verbose_name = "rubric of the form"
        verbose_name_plural = "rubrics of the form"
        constraints = [
            models.UniqueConstraint(fields=["form", "rubric"], name="reviewformrubric_unique"),
        ]

    def __str__(self) -> str:
        return str(self.rubric)


class Review(models.Model):
    """One reviewer's work on one round: claimed (a private draft) until submitted."""

    class State(models.TextChoices):
        CLAIMED = "claimed", "Claimed"
        SUBMITTED = "submitted", "Submitted"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reviews")
    # PROTECT: a reviewer who has reviewed is deactivated, not deleted, so decisions and
    # agreement figures keep their reviews.
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.CLAIMED)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    comment = models.TextField("overall comment", blank=True)
    # Raised on every save of the draft or submission; a scoring form based on an older
    # version (another tab's) is refused.
    version = models.PositiveIntegerField(default=1)
    claimed_at = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # The table it has had since it was part of the portfolio app.
        db_table = "portfolio_review"
        ordering = ["round", "claimed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "reviewer"], name="review_one_per_reviewer"),
            models.CheckConstraint(
                condition=Q(state__in=["claimed", "submitted"]), name="review_state_known"
            ),
            models.CheckConstraint(
                condition=Q(decision__in=["", *Decision.values]), name="review_decision_known"
            ),
            models.CheckConstraint(
                condition=Q(state="claimed") | (~Q(decision="") & Q(submitted_at__isnull=False)),
                name="review_submitted_has_decision",
            ),
        ]
        indexes = [
            models.Index(fields=["reviewer", "state"], name="review_reviewer_state"),
            # Claims that expire are looked for on every queue and round page.
            models.Index(
                fields=["claimed_at"], condition=Q(state="claimed"), name="review_claimed_at"
            ),
            # The agreement figures' version (how many reviews are submitted, the latest) is
            # read from this (or the next) alone, not from every review's row and comment.
            models.Index(
                fields=["submitted_at"], condition=Q(state="submitted"), name="review_submitted_at"
            ),
            # The reviewer's home lists their latest decisions: read from here, a few entries,
            # rather than from all the site's submitted reviews, latest first, until theirs.
            models.Index(
                fields=["reviewer", "submitted_at", "id"],
                condition=Q(state="submitted"),
                name="review_reviewer_submitted",
            ),
        ]

    def __str__(self) -> str:
        return f"Review of {self.round} by {self.reviewer}"

    @property
    def is_submitted(self) -> bool:
        return self.state == self.State.SUBMITTED


def reviews_counted() -> Coalesce:
    """For a query of rounds: how many reviews each has, claimed or submitted, 0 for none
    (a subquery per round, read from the reviews' round index)."""
    per_round = (
        Review.objects.filter(round=OuterRef("pk"))
        .order_by()
        .values("round")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(per_round), Value(0), output_field=models.IntegerField())


class ReviewScore(models.Model):
    """The level a reviewer chose for one rubric of the round's instrument, and why."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    # Where the rubric sits in the round's instrument, and what it was then: the live rubric
    # may change or go, the score keeps its meaning.
    rubric_position = models.PositiveSmallIntegerField()
    rubric_key = models.PositiveIntegerField(null=True, blank=True)
    rubric_title = models.CharField(max_length=200)
    score = models.SmallIntegerField(null=True, blank=True)  # empty in a draft
    comment = models.TextField(blank=True)

    class Meta:
        # The table it has had since it was part of the portfolio app.
        db_table = "portfolio_reviewscore"
        ordering = ["review", "rubric_position"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "rubric_position"], name="reviewscore_one_per_rubric"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rubric_title}: {self.score}"


class ReviewFlag(models.Model):
    """A disallowed behaviour of a rubric that the reviewer saw in the portfolio."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="flags")
    rubric_position = models.PositiveSmallIntegerField()
    behaviour_position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=500)

    class Meta:
        # The table it has had since it was part of the portfolio app.
        db_table = "portfolio_reviewflag"
        ordering = ["review", "rubric_position", "behaviour_position"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "rubric_position", "behaviour_position"],
                name="reviewflag_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.text
