"""The states of a submission round and every move between them, in one place.

    submitted ──claim──▶ in_review ──reviews agree──▶ changes_requested | approved | rejected
        │  ▲                 │
        │  └──last release───┤
        │                    └──reviews disagree──▶ adjudication ──staff──▶ (a decision)
        └──expert withdraws──▶ withdrawn

A portfolio with no round yet, or whose last round was withdrawn, is a draft. After
changes_requested the expert resubmits, which opens the next round with a new snapshot.
Approved is final. Rejected is final for that portfolio as submitted: the expert may submit
again once settings.RESUBMIT_AFTER_REJECTION_DAYS have passed (shown on /submit/).

Nothing else decides whether a move is allowed: services call check_transition() before
every change of state and record it in the audit log.
"""

from django.db import models


class State(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    IN_REVIEW = "in_review", "In review"
    ADJUDICATION = "adjudication", "Awaiting adjudication"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


# A portfolio's state when it has no open or decided round; never stored on a round.
DRAFT = "draft"
DRAFT_LABEL = "Draft"
# An approved round whose credential staff revoked: listed and counted apart from the
# approvals that stand, never stored on a round (it stays approved, as its history).
APPROVAL_REVOKED = "approval_revoked"
APPROVAL_REVOKED_LABEL = "Approval revoked"


class Decision(models.TextChoices):
    APPROVE = "approve", "Approve"
    REQUEST_CHANGES = "request_changes", "Request changes"
    REJECT = "reject", "Reject"


# The state a round takes when a decision is made.
DECISION_STATES: dict[str, str] = {
    Decision.APPROVE: State.APPROVED,
    Decision.REQUEST_CHANGES: State.CHANGES_REQUESTED,
    Decision.REJECT: State.REJECTED,
}

TRANSITIONS: dict[str, frozenset[str]] = {
    State.SUBMITTED: frozenset({State.IN_REVIEW, State.WITHDRAWN}),
    State.IN_REVIEW: frozenset(
        {
            State.SUBMITTED,  # the only reviewer released it before reviewing
            State.CHANGES_REQUESTED,
            State.APPROVED,
            State.REJECTED,
            State.ADJUDICATION,
        }
    ),
    State.ADJUDICATION: frozenset({State.CHANGES_REQUESTED, State.APPROVED, State.REJECTED}),
    State.CHANGES_REQUESTED: frozenset(),
    State.APPROVED: frozenset(),
    State.REJECTED: frozenset(),
    State.WITHDRAWN: frozenset(),
}

# Rounds that reviewers are working on or may pick up.
OPEN_FOR_REVIEW = frozenset({State.SUBMITTED, State.IN_REVIEW})
# Rounds waiting for someone (a reviewer or staff); the expert cannot submit again meanwhile.
PENDING = frozenset({State.SUBMITTED, State.IN_REVIEW, State.ADJUDICATION})
DECIDED = frozenset({State.CHANGES_REQUESTED, State.APPROVED, State.REJECTED})


class TransitionForbidden(Exception):
    """A move the workflow does not allow; a bug or a stale page, never a person's typo."""

    def __init__(self, from_state: str, to_state: str):
        self.from_state = from_state
        self.to_state = to_state
        super().__init__(
            f"A round cannot go from {state_label(from_state)} to {state_label(to_state)}."
        )


def can_transition(from_state: str, to_state: str) -> bool:
    return to_state in TRANSITIONS.get(from_state, frozenset())


def check_transition(from_state: str, to_state: str) -> None:
    if not can_transition(from_state, to_state):
        raise TransitionForbidden(from_state, to_state)


def state_label(state: str) -> str:
    if state == DRAFT:
        return DRAFT_LABEL
    if state == APPROVAL_REVOKED:
        return APPROVAL_REVOKED_LABEL
    try:
        return State(state).label
    except ValueError:
        return state or "none"


def decided_state(decision: str) -> str:
    return DECISION_STATES[Decision(decision)]
