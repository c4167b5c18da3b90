"""Who sees a round, and who may download the files in it."""

import pytest

from onboarding.models import Round
from onboarding.permissions import OWNER, REVIEWER, STAFF, can_download_file, round_audience
from onboarding.workflow import State
from tests.factories import UserFactory
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
