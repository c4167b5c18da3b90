"""Reviews as the people allowed to read them see them: each review read against the
instrument it was scored with, several side by side, and a decided round's outcome."""

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from django.db.models import (
    CharField,
    DateTimeField,
    IntegerField,
    Prefetch,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast

from onboarding.models import Review, ReviewFlag, ReviewScore, Round
from onboarding.workflow import Decision

# The label of the reader's own review.
YOU = "You"


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
    label: str  # "Reviewer 1" for the expert; the reviewer's name for staff; YOU for one's own
    review: Review
    decision_label: str
    rubrics: tuple[RubricFeedback, ...]

    @property
    def comment(self) -> str:
        return self.review.comment

    @property
    def has_notes(self) -> bool:
        """Whether any rubric has a comment or a disallowed behaviour seen: else the scores
        table has no column for them."""
        return any(rubric.comment or rubric.flags for rubric in self.rubrics)

    @property
    def scores_caption(self) -> str:
        return "Your scores" if self.label == YOU else f"Scores given by {self.label}"


def review_feedback(
    review: Review,
    instrument: dict,
    label: str,
    *,
    marks: tuple[Iterable[ReviewScore], Iterable[ReviewFlag]] | None = None,
) -> ReviewFeedback:
    """A review read against the instrument it was scored with (scores and flags prefetched,
    or given as `marks`, in their order: marks_of())."""
    given_scores, given_flags = marks or (review.scores.all(), review.flags.all())
    scores = {score.rubric_position: score for score in given_scores}
    flags: dict[int, list[str]] = {}
    for flag in given_flags:
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
    shown (marks_of()), so a page whose reviews are hidden does not read them. Without
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


# A review's scores and flags, each in their order.
Marks = tuple[list[ReviewScore], list[ReviewFlag]]


# The parts of marks_of()' query, built once a process and never run (filter() reads a copy).
@functools.cache
def _score_and_flag_parts() -> tuple[QuerySet, QuerySet]:
    kind = CharField()
    scores = ReviewScore.objects.values_list(
        Value("score", output_field=kind), *("review_id", "rubric_position", "score", "comment")
    )
    flags = ReviewFlag.objects.values_list(
        Value("flag", output_field=kind),
        *("review_id", "rubric_position", "behaviour_position", "text"),
    )
    # No ORDER BY inside a compound query (SQLite refuses one): each kind is sorted after.
    return scores.order_by(), flags.order_by()


def marks_of(reviews: Iterable[Review]) -> dict[int, Marks]:
    """The reviews' scores and flags by review id, in one UNION ALL query of both tables'
    rows (none for no reviews)."""
    ids = sorted({review.pk for review in reviews})
    if not ids:
        return {}
    scores_part, flags_part = _score_and_flag_parts()
    rows = scores_part.filter(review_id__in=ids).union(
        flags_part.filter(review_id__in=ids), all=True
    )
    marks: dict[int, Marks] = {pk: ([], []) for pk in ids}
    for kind, review_id, position, number, text in rows:
        scores, flags = marks[review_id]
        if kind == "score":
            scores.append(
                ReviewScore(
                    review_id=review_id, rubric_position=position, score=number, comment=text
                )
            )
        else:
            flags.append(
                ReviewFlag(
                    review_id=review_id,
                    rubric_position=position,
                    behaviour_position=number,
                    text=text,
                )
            )
    for scores, flags in marks.values():
        scores.sort(key=attrgetter("rubric_position"))
        flags.sort(key=attrgetter("rubric_position", "behaviour_position"))
    return marks


# The parts of submitted_with_marks()' query, built once a process and never run (filter()
# reads a copy), since their columns cost more to build than the query to run.
@functools.cache
def _marks_parts() -> tuple[QuerySet, ...]:
    text, blank = CharField(), Value("", output_field=CharField())
    # Typed NULLs: PostgreSQL takes a bare one in the first part of a UNION as text.
    no_number, no_date = Cast(None, IntegerField()), Value(None, output_field=DateTimeField())
    reviews = Review.objects.filter(state=Review.State.SUBMITTED).values_list(
        Value("review", output_field=text),
        *("pk", "decision", "comment", "submitted_at", "claimed_at", no_number, no_number),
    )
    submitted = {"review__state": Review.State.SUBMITTED}
    scores = ReviewScore.objects.filter(**submitted).values_list(
        Value("score", output_field=text),
        *("review_id", blank, "comment", no_date, no_date, "rubric_position", "score"),
    )
    flags = ReviewFlag.objects.filter(**submitted).values_list(
        Value("flag", output_field=text),
        *("review_id", blank, "text", no_date, no_date, "rubric_position", "behaviour_position"),
    )
    # No ORDER BY inside a compound query (SQLite refuses one): each kind is sorted after.
    return tuple(part.order_by() for part in (reviews, scores, flags))


def submitted_with_marks(round: Round) -> list[tuple[Review, list[ReviewScore], list[ReviewFlag]]]:
    """The round's submitted reviews in their order (as reviews_of() reads them), each with its
    scores and flags in theirs, in one UNION ALL query of the three tables' rows. The reviews
    carry their decision, comment and dates, not their reviewer."""
    reviews_part, scores_part, flags_part = _marks_parts()
    rows = reviews_part.filter(round=round).union(
        scores_part.filter(review__round=round), flags_part.filter(review__round=round), all=True
    )
    reviews, scores, flags = [], {}, {}
    for kind, review_id, decision, text, submitted_at, claimed_at, position, number in rows:
        if kind == "review":
            review = Review(
                pk=review_id,
                round=round,
                state=Review.State.SUBMITTED,
                decision=decision,
                comment=text,
                submitted_at=submitted_at,
                claimed_at=claimed_at,
            )
            reviews.append(review)
        elif kind == "score":
            score = ReviewScore(
                review_id=review_id, rubric_position=position, score=number, comment=text
            )
            scores.setdefault(review_id, []).append(score)
        else:
            flag = ReviewFlag(
                review_id=review_id, rubric_position=position, behaviour_position=number, text=text
            )
            flags.setdefault(review_id, []).append(flag)
    reviews.sort(key=attrgetter("submitted_at", "claimed_at", "pk"))
    return [
        (
            review,
            sorted(scores.get(review.pk, []), key=attrgetter("rubric_position")),
            sorted(
                flags.get(review.pk, []), key=attrgetter("rubric_position", "behaviour_position")
            ),
        )
        for review in reviews
    ]


def round_outcome(round: Round) -> list[ReviewFeedback]:
    """What the expert reads once the round is decided: every submitted review, unnamed (one
    query; none before the decision)."""
    if not round.is_decided:
        return []
    return [
        review_feedback(review, round.instrument, f"Reviewer {number}", marks=(scores, flags))
        for number, (review, scores, flags) in enumerate(submitted_with_marks(round), start=1)
    ]
