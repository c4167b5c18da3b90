"""Reviews as the people allowed to read them see them: each review read against the
instrument it was scored with, several side by side, and a decided round's outcome."""

from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects

from onboarding.models import Review, ReviewFlag, ReviewScore, Round
from onboarding.workflow import Decision


@dataclass(frozen=True)
class RubricFeedback:
    title: str
    score: int | None
    scale: tuple[int, ...]  # every score the rubric has, highest first
    criteria: tuple[str, ...]  # the chosen level's criteria
    comment: str
    flags: tuple[str, ...]


@dataclass(frozen=True)
class ReviewFeedback:
    label: str  # "Reviewer 1" for the expert; the reviewer's name for staff
    review: Review
    decision_label: str
    rubrics: tuple[RubricFeedback, ...]

    @property
    def comment(self) -> str:
        return self.review.comment


def review_feedback(review: Review, instrument: dict, label: str) -> ReviewFeedback:
    """A review read against the instrument it was scored with (scores and flags prefetched)."""
    scores = {score.rubric_position: score for score in review.scores.all()}
    flags: dict[int, list[str]] = {}
    for flag in review.flags.all():
        flags.setdefault(flag.rubric_position, []).append(flag.text)
    rubrics = []
    for position, entry in enumerate(instrument.get("rubrics", [])):
        scale = entry["rubric"]["scale"]
        given = scores.get(position)
        chosen = given.score if given else None
        criteria = next((lvl["criteria"] for lvl in scale if lvl["score"] == chosen), [])
        rubrics.append(
            RubricFeedback(
                title=entry["title"],
                score=chosen,
                scale=tuple(sorted((level["score"] for level in scale), reverse=True)),
                criteria=tuple(criteria),
                comment=given.comment if given else "",
                flags=tuple(flags.get(position, [])),
            )
        )
    return ReviewFeedback(
        label=label,
        review=review,
        decision_label=Decision(review.decision).label if review.decision else "",
        rubrics=tuple(rubrics),
    )


@dataclass(frozen=True)
class ScoreComparison:
    """Several reviews of one round side by side: a row per rubric, a column per review."""

    reviewers: tuple[str, ...]
    decisions: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int | None, ...]], ...]


def compare_scores(feedback: list[ReviewFeedback]) -> ScoreComparison | None:
    """Reviews of the same round share its instrument, so their rubrics line up."""
    if len(feedback) < 2:
        return None
    return ScoreComparison(
        reviewers=tuple(item.label for item in feedback),
        decisions=tuple(item.decision_label for item in feedback),
        rows=tuple(
            (rubric.title, tuple(item.rubrics[position].score for item in feedback))
            for position, rubric in enumerate(feedback[0].rubrics)
        ),
    )


def reviews_of(round: Round, *, reviewers: bool = True) -> list[Review]:
    """Every review of the round, without scores and flags: read those for the reviews
    shown (with_scores), so a page whose reviews are hidden does not read them. Without
    `reviewers` for pages that name no reviewer (the expert's): their rows are not joined."""
    rows = Review.objects.filter(round=round).order_by("submitted_at", "claimed_at", "pk")
    return list(rows.select_related("reviewer") if reviewers else rows)


def scores_and_flags() -> tuple[Prefetch, Prefetch]:
    """A review's scores and flags in their order. Ordered by review id: the models' order
    by review also sorts by the reviews' own order, which joins their reviews and rounds."""
    return (
        Prefetch("scores", ReviewScore.objects.order_by("review_id", "rubric_position")),
        Prefetch(
            "flags",
            ReviewFlag.objects.order_by("review_id", "rubric_position", "behaviour_position"),
        ),
    )


def with_scores(reviews: list[Review]) -> list[Review]:
    """The reviews with their scores and flags read (two queries, none for no reviews)."""
    prefetch_related_objects(reviews, *scores_and_flags())
    return reviews


def round_outcome(round: Round) -> list[ReviewFeedback]:
    """What the expert reads once the round is decided: every submitted review, unnamed."""
    if not round.is_decided:
        return []
    read = reviews_of(round, reviewers=False)
    submitted = with_scores([review for review in read if review.is_submitted])
    return [
        review_feedback(review, round.instrument, f"Reviewer {number}")
        for number, review in enumerate(submitted, start=1)
    ]
