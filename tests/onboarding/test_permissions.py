"""Who sees a round, who may score or withdraw it, and who may download the files in it."""

import pytest
from django.contrib.auth.models import AnonymousUser

from onboarding.models import Round
from onboarding.permissions import (
    OWNER,
    REVIEWER,
    STAFF,
    can_download_file,
    can_score_round,
    can_withdraw,
    round_audience,
)
from onboarding.workflow import State
from tests.factories import ReviewFactory, RoundFactory, UserFactory
from tests.onboarding.review_setup import submitted_round
from tests.portfolio.upload_examples import stored_file

pytestmark = pytest.mark.django_db


def test_round_audience(alice, bob, rita, staff):
    round = submitted_round(alice)
    assert round_audience(alice, round) == OWNER
    assert round_audience(rita, round) == REVIEWER
    assert round_audience(staff, round) == STAFF
    assert round_audience(bob, round) is None
    Round.objects.filter(pk=round.pk).update(state=State.WITHDRAWN)
    round.refresh_from_db()
    assert round_audience(rita, round) is None
    assert round_audience(staff, round) == STAFF


def test_round_audience_of_inactive_people(alice, rita):
    round = submitted_round(alice)
    rita.is_active = False
    assert round_audience(rita, round) is None


def test_can_download_file_of_a_submitted_round(alice, bob, rita, staff):
    round = submitted_round(alice)
    stored = round.files.get().file
    assert can_download_file(alice, stored)
    assert can_download_file(rita, stored)
    assert can_download_file(staff, stored)
    assert not can_download_file(bob, stored)


def test_reviewer_may_not_download_files_that_were_never_submitted(alice, rita):
    submitted_round(alice)
    unsubmitted = stored_file(alice, "later.md", b"# later\n")
    assert not can_download_file(rita, unsubmitted)


def test_a_reviewers_own_files_follow_the_owner_rule(rita):
    round = submitted_round(rita)
    other_reviewer = UserFactory(reviewer=True)
    stored = round.files.get().file
    assert can_download_file(rita, stored)
    assert can_download_file(other_reviewer, stored)


def test_can_score_round_only_with_ones_own_seat(alice, rita):
    round = RoundFactory(submission__owner=alice, state=State.IN_REVIEW)
    review = ReviewFactory(round=round, reviewer=rita)
    other = UserFactory(reviewer=True)
    assert can_score_round(rita, round, review)
    assert not can_score_round(rita, round, None)  # not claimed
    assert not can_score_round(other, round, review)  # someone else's seat
    assert not can_score_round(AnonymousUser(), round, review)


def test_can_score_round_never_ones_own_portfolio(rita):
    round = RoundFactory(submission__owner=rita, state=State.IN_REVIEW)
    # A seat the workflow never gives (claiming refuses it), judged all the same.
    review = ReviewFactory(round=round, reviewer=rita)
    assert not can_score_round(rita, round, review)


def test_can_score_round_leaves_the_review_state_to_the_service(alice, rita):
    # A round decided meanwhile: the service says why the draft cannot be saved.
    round = RoundFactory(submission__owner=alice, state=State.APPROVED)
    review = ReviewFactory(round=round, reviewer=rita)
    assert can_score_round(rita, round, review)


@pytest.mark.parametrize(
    ("state", "allowed"),
    [(state, state == State.SUBMITTED) for state in State.values],
)
def test_can_withdraw_a_round_waiting_for_its_first_reviewer(alice, state, allowed):
    round = RoundFactory(submission__owner=alice, state=state)
    assert can_withdraw(alice, round) is allowed


def test_only_the_expert_can_withdraw(alice, bob, staff):
    round = RoundFactory(submission__owner=alice)
    assert can_withdraw(alice, round)
    assert not can_withdraw(bob, round)
    assert not can_withdraw(staff, round)
    assert not can_withdraw(AnonymousUser(), round)
