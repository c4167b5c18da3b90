"""The memory benchmark's expert: a round submitted once and withdrawn, found again later."""

import pytest

from bench import large_round
from onboarding.models import Round
from onboarding.workflow import State
from tests.onboarding.review_setup import review_form

pytestmark = pytest.mark.django_db


def test_large_round_is_submitted_once_then_withdrawn_and_found_again(staff, monkeypatch):
    review_form(staff)
    # The same steps at a size a test can afford: the benchmark's limits, made small.
    monkeypatch.setattr(large_round, "MAX_ITEMS", 3)
    monkeypatch.setattr(large_round, "ITEM_TEXT_MAX", 40)
    monkeypatch.setattr(large_round, "BENCHMARK_TEXT_MAX", 60)
    round = large_round.large_round_ensure()
    round.refresh_from_db()
    assert round.state == State.WITHDRAWN
    assert round.submission.owner.email == large_round.EMAIL
    assert len(round.snapshot["artifacts"]["work_samples"]) == 2
    assert large_round.large_round_ensure() == round
    assert Round.objects.filter(submission__owner__email=large_round.EMAIL).count() == 1
