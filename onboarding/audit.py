"""The audit log of rounds: every change of state, claim and decision, with who and when.

Services change a round's state only through move(), which asks the workflow first, so a
state change without its audit entry cannot happen.
"""

from django.db import transaction
from django.utils import timezone

from onboarding.models import AuditEntry, Round
from onboarding.queries.queue_choices import forget_queue_filter_choices
from onboarding.workflow import OPEN_FOR_REVIEW, State, check_transition
from profiles.models import User


def record(
    round: Round,
    *,
    actor: User | None,
    action: str,
    note: str = "",
    to_state: str = "",
    from_state: str = "",
) -> AuditEntry:
    """An entry for something that happened to the round (its state stays, unless given;
    it was in its state before, unless given)."""
    return AuditEntry.objects.create(
        round=round,
        actor=actor,
        action=action,
        from_state=from_state or round.state,
        to_state=to_state or round.state,
        note=note,
        at=timezone.now(),
    )


def move(round: Round, to_state: str, *, actor: User | None, action: str, note: str = "") -> None:
    """Change the round's state (raises TransitionForbidden if the workflow does not allow it)
    and record the move. The caller holds the round's row lock."""
    check_transition(round.state, to_state)
    record(round, actor=actor, action=action, note=note, to_state=to_state)
    # The queue's site-wide counts (kept a minute) count open rounds, and its choices those
    # not withdrawn: a round entering or leaving either has them counted again.
    if (round.state in OPEN_FOR_REVIEW) != (to_state in OPEN_FOR_REVIEW) or (
        to_state == State.WITHDRAWN
    ):
        transaction.on_commit(forget_queue_filter_choices)
    round.state = to_state
    round.save(update_fields=["state"])
