"""The reviewer's latest decisions on their home: read from their own submitted reviews by
an index, not from the site's latest reviews until enough of theirs turn up."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from onboarding.models import Review
from onboarding.queries.reviewer_home import RECENT_DECISIONS, latest_decisions
from onboarding.workflow import Decision
from profiles.models import User
from tests.factories import RoundFactory
from tests.planner import analyze, index_plan

pytestmark = pytest.mark.django_db


def _reviewed(rounds: int, reviewers: int) -> list[User]:
    """`reviewers` people who each submitted a review of every one of `rounds` rounds, one
    after the other, so that each one's latest come among everyone's."""
    people = User.objects.bulk_create(
        User(email=f"reviewer{n}@example.org", password="!") for n in range(reviewers)
    )
    start = timezone.now() - timedelta(days=30)
    Review.objects.bulk_create(
        Review(
            round=round,
            reviewer=person,
            state=Review.State.SUBMITTED,
            decision=Decision.APPROVE,
            claimed_at=start,
            submitted_at=start + timedelta(minutes=n * reviewers + k),
        )
        for n, round in enumerate(RoundFactory.create_batch(rounds))
        for k, person in enumerate(people)
    )
    analyze("portfolio_review", "portfolio_round", "credentials_issuedcredential")
    return people


def test_latest_decisions_are_the_reviewers_own_latest_first():
    people = _reviewed(rounds=12, reviewers=3)
    rows = list(latest_decisions(people[1]))
    own = Review.objects.filter(reviewer=people[1]).order_by("-submitted_at")
    assert [row[2] for row in rows] == [review.submitted_at for review in own[:RECENT_DECISIONS]]


def test_latest_decisions_are_read_from_the_reviewers_index():
    people = _reviewed(rounds=40, reviewers=60)
    plan = latest_decisions(people[0]).explain()
    assert "review_reviewer_submitted" in plan


def test_latest_decisions_read_the_agreement_version_from_indexes_alone():
    """How many reviews are submitted and the latest: from indexes of the submitted reviews,
    not from every review's row and comment."""
    people = _reviewed(rounds=40, reviewers=60)
    plan = index_plan(lambda: list(latest_decisions(people[0])))
    assert "review_reviewer_submitted" in plan  # their own, latest first
    if connection.vendor == "postgresql":  # SQLite's planner builds an index of its own
        assert "Index Only Scan Backward using review_submitted_at" in plan  # the latest
        assert "Seq Scan on portfolio_review" not in plan  # the count: an index alone
