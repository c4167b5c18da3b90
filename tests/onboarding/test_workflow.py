"""The round workflow: every allowed move, and every other move refused."""

import itertools

import pytest

from onboarding.workflow import (
    APPROVAL_REVOKED,
    DECIDED,
    DRAFT,
    TRANSITIONS,
    Decision,
    State,
    TransitionForbidden,
    can_transition,
    check_transition,
    decided_state,
    state_label,
)

ALLOWED = {
    (State.SUBMITTED, State.IN_REVIEW),
    (State.SUBMITTED, State.WITHDRAWN),
    (State.IN_REVIEW, State.SUBMITTED),
    (State.IN_REVIEW, State.CHANGES_REQUESTED),
    (State.IN_REVIEW, State.APPROVED),
    (State.IN_REVIEW, State.REJECTED),
    (State.IN_REVIEW, State.ADJUDICATION),
    (State.ADJUDICATION, State.CHANGES_REQUESTED),
    (State.ADJUDICATION, State.APPROVED),
    (State.ADJUDICATION, State.REJECTED),
}
EVERY_PAIR = list(itertools.product(State.values, repeat=2))


def test_workflow_covers_every_state():
    assert set(TRANSITIONS) == set(State.values)


@pytest.mark.parametrize(("from_state", "to_state"), sorted(ALLOWED))
def test_workflow_allows(from_state, to_state):
    assert can_transition(from_state, to_state)
    check_transition(from_state, to_state)  # does not raise


@pytest.mark.parametrize(
    ("from_state", "to_state"), [pair for pair in EVERY_PAIR if pair not in ALLOWED]
)
def test_workflow_forbids(from_state, to_state):
    assert not can_transition(from_state, to_state)
    with pytest.raises(TransitionForbidden) as caught:
        check_transition(from_state, to_state)
    assert caught.value.from_state == from_state
    assert caught.value.to_state == to_state
    assert "cannot go from" in str(caught.value)


@pytest.mark.parametrize("state", [DRAFT, "", "archived"])
def test_workflow_forbids_moves_from_unknown_states(state):
    with pytest.raises(TransitionForbidden):
        check_transition(state, State.SUBMITTED)


def test_workflow_final_states_lead_nowhere():
    for state in (*DECIDED, State.WITHDRAWN):
        assert TRANSITIONS[state] == frozenset()


def test_workflow_decision_sets_the_state():
    assert decided_state(Decision.APPROVE) == State.APPROVED
    assert decided_state(Decision.REQUEST_CHANGES) == State.CHANGES_REQUESTED
    assert decided_state(Decision.REJECT) == State.REJECTED
    with pytest.raises(ValueError):
        decided_state("maybe")


def test_workflow_state_labels():
    assert state_label(State.IN_REVIEW) == "In review"
    assert state_label(DRAFT) == "Draft"
    assert state_label(APPROVAL_REVOKED) == "Approval revoked"
    assert state_label("") == "none"
