"""A review or a decision sent from a round page that the round no longer takes: the seat
was released or expired, the review submitted, or the round decided, in another tab or by
someone else. Nothing is written; the round page says why and shows what was entered."""

from dataclasses import dataclass

from django.conf import settings

from onboarding.models import Review, Round
from onboarding.workflow import DECIDED, OPEN_FOR_REVIEW, State, state_label

# What the services refuse for a round or a seat that moved on since the page was opened.
MOVED_ON = frozenset(
    {"not_claimed", "claim_expired", "submitted", "round_not_open", "not_in_adjudication"}
)


@dataclass(frozen=True)
class NotSaved:
    """Why a form sent from the round page was not saved, and what it held, by label: the
    form is not shown again (the round does not take it), so the input is shown to copy."""

    what: str  # "review" or "decision"
    reason: str
    entered: list[tuple[str, str]]


def scoring_closed(round: Round, review: Review | None) -> str:
    """Why this reviewer's scores are taken no more; empty while they are."""
    if review is not None and review.is_submitted:
        return "You have already submitted your review of this round, in another tab or window."
    if round.state not in OPEN_FOR_REVIEW:
        label = state_label(round.state).lower()
        return f"This round is no longer waiting for review: it is {label} now."
    if review is None:
        return (
            "You hold no seat on this round: claim it first. If you had claimed it, the claim "
            "was released (in another tab or window) or it expired "
            f"({settings.CLAIM_DAYS} days without submitting)."
        )
    return ""


def adjudication_closed(round: Round) -> str:
    """Why staff's decision on the round is taken no more; empty while it is."""
    label = state_label(round.state).lower()
    if round.state in DECIDED:
        return f"This round is decided already: {label}, by other staff or by you in another tab."
    if round.state != State.ADJUDICATION:
        return f"This round is not waiting for adjudication: it is {label}."
    return ""
