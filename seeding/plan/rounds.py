"""What happened to a planned expert's portfolio: their rounds, each moved the way the
workflow moves one, with its reviews, their levels and the audit entries in order."""

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from onboarding.models import AuditEntry
from onboarding.services.reviews import disagreement_note, recommendation_note
from onboarding.workflow import DRAFT, Decision, State, decided_state
from profiles.models import User
from seeding import words
from seeding.plan.experts import RESUBMITTED, SUBMITTED_WITHIN_DAYS, ExpertPlan


@dataclass
class ReviewPlan:
    reviewer: User
    claimed_at: datetime
    decision: str = ""
    comment: str = ""
    submitted_at: datetime | None = None
    scores: list[tuple[int, int, str]] = field(default_factory=list)  # position, level, comment
    flags: list[tuple[int, int]] = field(default_factory=list)  # rubric, behaviour position


@dataclass
class RoundPlan:
    state: str
    submitted_at: datetime
    reviews_required: int
    earlier: bool = False  # round 1 of a resubmission: before the expert's last changes
    reviews: list[ReviewPlan] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)  # (action, actor, from, to, note, at)
    decision: str = ""
    decided_at: datetime | None = None
    adjudicated: bool = False
    note: str = ""

    def log(
        self, action: str, actor: User, from_state: str, to_state: str, at: datetime, note=""
    ) -> None:
        self.events.append((action, actor, from_state, to_state, note, at))


def _later(rng: random.Random, start: datetime, now: datetime, *, days: float) -> datetime:
    """A moment after `start`, within `days` and before `now`."""
    end = min(now, start + timedelta(days=days))
    return start + (end - start) * rng.uniform(0.05, 0.6)


def _decision_for(state: str) -> str:
    return next(value for value in Decision.values if decided_state(value) == state)


# The share of the scale a reviewer's levels fall in, by their decision.
QUALITY = {
    Decision.APPROVE: (0.7, 1.0),
    Decision.REQUEST_CHANGES: (0.35, 0.7),
    Decision.REJECT: (0.0, 0.35),
}


def _score(rng: random.Random, review: ReviewPlan, instrument: dict, *, draft: bool) -> None:
    """A level per rubric of the instrument, high for approval and low for rejection, and
    now and then a disallowed behaviour on a rejection; a draft has some levels or none."""
    quality = rng.uniform(*QUALITY.get(review.decision, (0.2, 0.9)))
    for position, entry in enumerate(instrument.get("rubrics", [])):
        if draft and rng.random() < 0.6:
            continue
        levels = sorted(level["score"] for level in entry["rubric"]["scale"])
        index = round(quality * (len(levels) - 1)) + rng.choice((-1, 0, 0, 0, 1))
        comment = "" if rng.random() < 0.7 else "See the overall comment."
        review.scores.append((position, levels[min(max(index, 0), len(levels) - 1)], comment))
        flagged = review.decision == Decision.REJECT and entry["rubric"].get("disallow")
        if flagged and rng.random() < 0.3:
            review.flags.append((position, 0))


def _submit(
    rng: random.Random,
    plan: RoundPlan,
    review: ReviewPlan,
    decision: str,
    at: datetime,
    instrument: dict,
) -> None:
    review.decision, review.submitted_at = decision, at
    review.comment = rng.choice(words.REVIEW_COMMENTS[decision])
    _score(rng, review, instrument, draft=False)
    note = recommendation_note(decision)
    plan.log(
        AuditEntry.Action.REVIEW_SUBMITTED,
        review.reviewer,
        State.IN_REVIEW,
        State.IN_REVIEW,
        at,
        note,
    )


def plan_round(
    rng: random.Random,
    *,
    state: str,
    submitted_at: datetime,
    now: datetime,
    reviewers: Sequence[User],
    staff: User,
    expert: User,
    instrument: dict,
) -> RoundPlan:
    """A round that reached `state` the way the workflow moves it, with its audit entries."""
    two = state == State.ADJUDICATION or (state != State.WITHDRAWN and rng.random() < 0.3)
    plan = RoundPlan(state=state, submitted_at=submitted_at, reviews_required=2 if two else 1)
    plan.log(AuditEntry.Action.SUBMITTED, expert, DRAFT, State.SUBMITTED, submitted_at)
    if state == State.SUBMITTED:
        return plan
    if state == State.WITHDRAWN:
        at = _later(rng, submitted_at, now, days=3)
        plan.log(AuditEntry.Action.WITHDRAWN, expert, State.SUBMITTED, State.WITHDRAWN, at)
        return plan
    first, second = rng.sample(list(reviewers), 2)
    at = _later(rng, submitted_at, now, days=5)
    plan.reviews.append(ReviewPlan(first, at))
    plan.log(AuditEntry.Action.CLAIMED, first, State.SUBMITTED, State.IN_REVIEW, at)
    if state == State.IN_REVIEW:
        _review_underway(rng, plan, second=second, at=at, now=now, instrument=instrument)
    else:
        at = _reviews_decide(rng, plan, second=second, at=at, now=now, instrument=instrument)
        if plan.adjudicated:
            _adjudication(rng, plan, sent_at=at, now=now, staff=staff)
    return plan


# The helpers below draw from `rng` in a fixed order: the same seed must keep giving the same
# rounds.


def _review_underway(
    rng: random.Random,
    plan: RoundPlan,
    *,
    second: User,
    at: datetime,
    now: datetime,
    instrument: dict,
) -> None:
    """In review: with two seats, perhaps one review in and the second reviewer started;
    every unfinished review is a draft with some levels or none."""
    if plan.reviews_required == 2 and rng.random() < 0.6:
        at = _later(rng, at, now, days=4)
        _submit(rng, plan, plan.reviews[0], rng.choice(Decision.values), at, instrument)
        if rng.random() < 0.5:
            at = _later(rng, at, now, days=4)
            plan.reviews.append(ReviewPlan(second, at))
            plan.log(AuditEntry.Action.CLAIMED, second, State.IN_REVIEW, State.IN_REVIEW, at)
    for review in plan.reviews:
        if review.submitted_at is None:
            _score(rng, review, instrument, draft=True)


def _reviews_decide(
    rng: random.Random,
    plan: RoundPlan,
    *,
    second: User,
    at: datetime,
    now: datetime,
    instrument: dict,
) -> datetime:
    """Every seat's review submitted: agreeing ones decide the round; disagreeing ones (a
    round awaiting adjudication, and now and then a decided one) go to staff. Returns when
    the last review came in."""
    state, two = plan.state, plan.reviews_required == 2
    final = "" if state == State.ADJUDICATION else _decision_for(state)
    plan.adjudicated = two and (state == State.ADJUDICATION or rng.random() < 0.3)
    decisions = [final] * plan.reviews_required
    if plan.adjudicated:
        agreed = final or rng.choice(Decision.values)
        decisions = [agreed, rng.choice([d for d in Decision.values if d != agreed])]
        rng.shuffle(decisions)
    if two:
        at = _later(rng, at, now, days=3)
        plan.reviews.append(ReviewPlan(second, at))
        plan.log(AuditEntry.Action.CLAIMED, second, State.IN_REVIEW, State.IN_REVIEW, at)
    for review, decision in zip(plan.reviews, decisions, strict=True):
        at = _later(rng, at, now, days=4)
        _submit(rng, plan, review, decision, at, instrument)
    last = plan.reviews[-1].reviewer
    if plan.adjudicated:
        note = disagreement_note(decisions)
        plan.log(
            AuditEntry.Action.SENT_TO_ADJUDICATION,
            last,
            State.IN_REVIEW,
            State.ADJUDICATION,
            at,
            note,
        )
    else:
        plan.log(AuditEntry.Action.DECIDED, last, State.IN_REVIEW, state, at)
        plan.decision, plan.decided_at = final, at
    return at


def _adjudication(
    rng: random.Random, plan: RoundPlan, *, sent_at: datetime, now: datetime, staff: User
) -> None:
    """Staff decide a round sent to them, unless it is still waiting for them."""
    if plan.state == State.ADJUDICATION:
        return
    plan.note = rng.choice(words.ADJUDICATION_NOTES)
    plan.decision, plan.decided_at = _decision_for(plan.state), _later(rng, sent_at, now, days=5)
    plan.log(
        AuditEntry.Action.ADJUDICATED,
        staff,
        State.ADJUDICATION,
        plan.state,
        plan.decided_at,
        plan.note,
    )


def plan_rounds(
    plan: ExpertPlan,
    *,
    now: datetime,
    reviewers: Sequence[User],
    staff: User,
    instrument: dict,
) -> list[RoundPlan]:
    """The expert's rounds by their story, submitted within the last SUBMITTED_WITHIN_DAYS."""
    rng, story = plan.rng, plan.story
    context = {
        "now": now,
        "reviewers": reviewers,
        "staff": staff,
        "expert": plan.user,
        "instrument": instrument,
    }
    if story == DRAFT:
        return []
    if story == RESUBMITTED:
        start = now - timedelta(days=rng.uniform(25, SUBMITTED_WITHIN_DAYS))
        first = plan_round(rng, state=State.CHANGES_REQUESTED, submitted_at=start, **context)
        first.earlier = True
        again = _later(rng, first.decided_at, now, days=10)
        state = rng.choice((State.SUBMITTED, State.IN_REVIEW))
        return [first, plan_round(rng, state=state, submitted_at=again, **context)]
    youngest = 0.05 if story in (State.SUBMITTED, State.WITHDRAWN) else 2
    start = now - timedelta(days=rng.uniform(youngest, SUBMITTED_WITHIN_DAYS))
    return [plan_round(rng, state=story, submitted_at=start, **context)]
