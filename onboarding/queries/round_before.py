"""What reviewers and staff read of a resubmission's round before: its decision and every
submitted review, side by side, and the key that section is kept under."""

import hashlib
from dataclasses import dataclass

from onboarding.models import Review, Round
from onboarding.queries.feedback import (
    Marks,
    ReviewFeedback,
    ScoreComparison,
    compare_scores,
    review_feedback,
)


@dataclass(frozen=True)
class PreviousRound:
    """What reviewers of a resubmission read of the round before: its decision, every
    submitted review, side by side (what changed is the frozen copy's diff)."""

    round: Round
    feedback: list[ReviewFeedback]
    comparison: ScoreComparison | None


def previous_round(
    previous: Round | None, reviews: list[Review], marks: dict[int, Marks]
) -> PreviousRound | None:
    """What reviewers read of the round before (from reviews_read(), with the reviews'
    `marks` read): nothing unless it was decided."""
    if previous is None or not previous.is_decided:
        return None
    feedback = [
        review_feedback(
            review, previous.instrument, review.reviewer.get_full_name(), marks=marks[review.pk]
        )
        for review in reviews
    ]
    return PreviousRound(round=previous, feedback=feedback, comparison=compare_scores(feedback))


# Part of the key the round before's section is kept under: raise it when its templates
# (_previous_round.html and what it includes) change what they show.
ROUND_BEFORE_VERSION = 5


def round_before_key(previous: Round | None, reviews: list[Review]) -> str | None:
    """The key the section of the round before (previous_round()) is kept under, or None
    when there is none to show. The same for every reviewer and staff member, and lasting:
    that round was decided before this one was submitted, and its submitted reviews are
    final; what may still change is what its reviewers are called, so the key holds a hash
    of their names, read with its submitted `reviews` (reviews_read())."""
    if previous is None or not previous.is_decided:
        return None
    names = "\n".join(f"{review.pk}:{review.reviewer.get_full_name()}" for review in reviews)
    digest = hashlib.sha256(names.encode()).hexdigest()[:32]
    return f"round-before:{ROUND_BEFORE_VERSION}:{previous.pk}:{digest}"
