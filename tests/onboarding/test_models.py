"""What a round says of its state and decision, so that pages never compare strings."""

import pytest

from onboarding.models import Round
from onboarding.workflow import Decision, State

STATE_PROPERTIES = {
    State.SUBMITTED: "is_submitted",
    State.IN_REVIEW: "is_in_review",
    State.ADJUDICATION: "is_awaiting_adjudication",
    State.CHANGES_REQUESTED: "is_changes_requested",
    State.WITHDRAWN: "is_withdrawn",
}
DECISION_PROPERTIES = {
    Decision.APPROVE: "decision_approves",
    Decision.REQUEST_CHANGES: "decision_requests_changes",
    Decision.REJECT: "decision_rejects",
}


@pytest.mark.parametrize("state", State.values)
def test_round_state_properties_name_exactly_its_state(state):
    round = Round(state=state)
    assert {name for name in STATE_PROPERTIES.values() if getattr(round, name)} == (
        {STATE_PROPERTIES[state]} if state in STATE_PROPERTIES else set()
    )


@pytest.mark.parametrize("decision", ["", *Decision.values])
def test_round_decision_properties_name_exactly_its_decision(decision):
    round = Round(decision=decision)
    assert {name for name in DECISION_PROPERTIES.values() if getattr(round, name)} == (
        {DECISION_PROPERTIES[decision]} if decision else set()
    )
    assert round.is_decided is bool(decision)
