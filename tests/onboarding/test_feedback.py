"""What the expert reads of a decided round: every submitted review with its scores and
flags, read in one query."""

import pytest

from onboarding.models import Review
from onboarding.queries.feedback import marks_of, review_feedback, reviews_of, round_outcome
from onboarding.workflow import Decision
from tests.onboarding.review_setup import review_form, reviewed, submitted_round

pytestmark = pytest.mark.django_db


def as_read_one_by_one(round):
    """The same feedback read one review at a time: reviews, then each one's scores and
    flags through its relations."""
    submitted = [review for review in reviews_of(round, reviewers=False) if review.is_submitted]
    return [
        review_feedback(review, round.instrument, f"Reviewer {number}")
        for number, review in enumerate(submitted, start=1)
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


def test_marks_of_reads_the_scores_and_flags_of_several_reviews_in_one_query(
    alice, bob, rita, staff, django_assert_num_queries
):
    review_form(staff)
    round = submitted_round(alice)
    reviewed(round, rita, Decision.REJECT, score=1, flags={0: {0}}, rubric_comments={1: "Thin."})
    other = submitted_round(bob)
    reviewed(other, rita, Decision.APPROVE, score=3)
    reviews = list(Review.objects.order_by("pk"))
    with django_assert_num_queries(1):
        marks = marks_of([*reviews, reviews[0]])
    assert set(marks) == {review.pk for review in reviews}
    for review in reviews:
        scores, flags = marks[review.pk]
        assert [(s.rubric_position, s.score, s.comment) for s in scores] == [
            (s.rubric_position, s.score, s.comment)
            for s in review.scores.order_by("rubric_position")
        ]
        assert [(f.rubric_position, f.behaviour_position, f.text) for f in flags] == [
            (f.rubric_position, f.behaviour_position, f.text)
            for f in review.flags.order_by("rubric_position", "behaviour_position")
        ]
    assert marks[reviews[0].pk][1] and not marks[reviews[1].pk][1]


def test_marks_of_no_reviews_reads_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert marks_of([]) == {}
