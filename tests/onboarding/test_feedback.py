"""What the expert reads of a decided round: every submitted review with its scores and
flags, read in one query."""

import pytest

from onboarding.queries.feedback import review_feedback, reviews_of, round_outcome, with_scores
from onboarding.workflow import Decision
from tests.onboarding.review_setup import review_form, reviewed, submitted_round

pytestmark = pytest.mark.django_db


def as_read_one_by_one(round):
    """The same feedback read the way the reviewers' pages read it: reviews, then their
    scores and flags (three queries)."""
    submitted = [review for review in reviews_of(round, reviewers=False) if review.is_submitted]
    return [
        review_feedback(review, round.instrument, f"Reviewer {number}")
        for number, review in enumerate(with_scores(submitted), start=1)
    ]


def test_round_outcome_reads_reviews_scores_and_flags_in_one_query(
    alice, rita, staff, django_assert_num_queries
):
    review_form(staff)
    round = submitted_round(alice)
    reviewed(
        round,
        rita,
        Decision.REJECT,
        score=1,
        comment="The benchmark has no sources.",
        flags={0: {0}},
        rubric_comments={1: "Items copy a public set."},
    )
    with django_assert_num_queries(1):
        outcome = round_outcome(round)
    assert outcome == as_read_one_by_one(round)
    (feedback,) = outcome
    assert (feedback.label, feedback.decision_label, feedback.comment) == (
        "Reviewer 1",
        "Reject",
        "The benchmark has no sources.",
    )
    assert [rubric.score for rubric in feedback.rubrics] == [1, 1]
    assert feedback.rubrics[0].flags and feedback.rubrics[1].comment == "Items copy a public set."
    assert feedback.review.submitted_at is not None


def test_round_outcome_of_an_undecided_round_reads_nothing(alice, staff, django_assert_num_queries):
    review_form(staff)
    round = submitted_round(alice)
    with django_assert_num_queries(0):
        assert round_outcome(round) == []
