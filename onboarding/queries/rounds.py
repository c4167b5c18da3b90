"""The expert's rounds, and a round's page: its reviews as one person may see them, the
audit log for staff, and what that person may do there (the frozen copy is frozen.py's)."""

import functools
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.paginator import Page
from django.db.models import Q, QuerySet, Subquery

from onboarding.checklist import resubmit_after_rejection
from onboarding.models import Review, Round
from onboarding.permissions import (
    OWNER,
    STAFF,
    can_adjudicate,
    can_assign_round,
    can_claim_round,
    can_score_round,
)
from onboarding.queries.audit import audit_log_page
from onboarding.queries.feedback import (
    YOU,
    Marks,
    ReviewFeedback,
    ScoreComparison,
    compare_scores,
    marks_of,
    review_feedback,
    reviews_of,
    round_outcome,
    scores_and_flags,
)
from onboarding.queries.round_before import PreviousRound, previous_round
from onboarding.snapshots import snapshot_intact
from onboarding.validators import ReviewMarks
from onboarding.workflow import DECIDED, Decision, State, state_label
from profiles.models import User


def rounds_of(user: User) -> QuerySet[Round]:
    """The expert's rounds, latest first, without the frozen copies only a round's page reads
    (with their submission, whose owner the permissions ask, and whether an approval was
    revoked)."""
    return (
        Round.objects.filter(submission__owner=user)
        .select_related("submission", "issued_credential")
        .defer(
            "snapshot",
            "checklists",
            "instrument",
            "issued_credential__payload",
            "issued_credential__token",
        )
        .order_by("-number")
    )


@functools.cache
def _latest_rounds() -> QuerySet[Round]:
    # Built once a process and never run: first() reads a copy with the person's filter.
    return (
        Round.objects.select_related("issued_credential")
        # What the dashboard never shows: the frozen copy, the queue's and the integrity
        # checks' copies, and the credential's signed token.
        .defer(
            "snapshot",
            "checklists",
            "queue_credentials",
            "confirmations",
            "personal_data",
            "identity_flags",
            "issued_credential__payload",
            "issued_credential__token",
        )
        .order_by("-number")
    )


def latest_round_of(user: User) -> Round | None:
    """The expert's latest round with the instrument its feedback is read against, and the
    credential an approval issued (the dashboard shows it)."""
    return _latest_rounds().filter(submission__owner=user).first()


@dataclass(frozen=True)
class RoundReviews:
    """The reviews of a round as one person may see them."""

    all: list[Review]  # claimed and submitted (not read for the expert's own round)
    mine: Review | None
    shown: list[ReviewFeedback]  # submitted reviews this person may read
    claimed_by: list[User]  # reviewers working on it now (none for the expert, never told)
    taken: int  # how many reviewers took a seat: claimed and submitted
    # Scores and flags by review id: of the reviews shown, the user's own, and `also`'s.
    marks: dict[int, Marks] = field(default_factory=dict)

    def marks_of(self, review: Review) -> Marks:
        return self.marks.get(review.pk, ([], []))


def round_reviews(
    round: Round, user: User, audience: str, *, reviews: list[Review] | None = None, also=()
) -> RoundReviews:
    """Reviewers score independently: another reviewer's scores show once the reviewer has
    submitted their own (when the round needs several), or after the decision. The expert
    reads submitted reviews, unnamed, once the round is decided; staff read every submitted
    review. Nobody but its author sees a draft. `reviews`: the round's (reviews_of()), when
    read already; `also`: other reviews whose scores the page shows, read with these.
    The expert's round read with its reviews counted (get_own_round_for()) shows that count,
    and the submitted reviews once it is decided (round_outcome(), one query)."""
    taken = getattr(round, "review_count", None)
    if reviews is None and audience == OWNER and taken is not None:
        return RoundReviews(
            all=[], mine=None, shown=round_outcome(round), claimed_by=[], taken=taken
        )
    if reviews is None:  # the expert's page names no reviewer: their rows are not read
        reviews = reviews_of(round, reviewers=audience != OWNER)
    mine = next((review for review in reviews if review.reviewer_id == user.pk), None)
    submitted = [review for review in reviews if review.is_submitted]
    if audience == OWNER:
        readable = submitted if round.is_decided else []
    elif audience == STAFF or round.is_decided or reads_other_reviews(round, mine):
        readable = submitted
    else:
        readable = []
    # Scores and flags of what this page shows: the readable reviews, and the user's own
    # (a draft for the scoring form, or their submitted review).
    marks = marks_of([*(r for r in reviews if r in readable or r is mine), *also])
    if audience == OWNER:
        shown = [
            review_feedback(review, round.instrument, f"Reviewer {number}", marks=marks[review.pk])
            for number, review in enumerate(readable, start=1)
        ]
    else:
        shown = [
            review_feedback(
                review,
                round.instrument,
                YOU if review is mine else review.reviewer.get_full_name(),
                marks=marks[review.pk],
            )
            for review in readable
        ]
    return RoundReviews(
        all=reviews,
        mine=mine,
        shown=shown,
        claimed_by=[]
        if audience == OWNER
        else [review.reviewer for review in reviews if not review.is_submitted],
        taken=len(reviews),
        marks=marks,
    )


class ReviewsRead(NamedTuple):
    """A round's reviews, and the round before it with its submitted reviews."""

    reviews: list[Review]  # as reviews_of() reads them
    previous: Round | None
    previous_reviews: list[Review]  # submitted, without their scores


# What the round page reads of the round before: its number, state, dates and decision (with
# how many reviews it needed: who decided), and the instrument its reviews were scored with;
# its snapshot only for a frozen copy to build.
ROUND_BEFORE_FIELDS = (
    "submission_id",
    "number",
    "state",
    "submitted_at",
    "decision",
    "decided_at",
    "decision_note",
    "reviews_required",
    "instrument",
)


# Built once a process and never run: each request filters a copy by the round.
@functools.cache
def _reviews_with_rounds() -> QuerySet[Review]:
    # Of the reviewer, what the page names them by; of the review's round, what it shows of
    # the round before (this round's own reviews come with it too, and leave it unread).
    return (
        Review.objects.select_related("round", "reviewer")
        .only(
            *("round", "reviewer", "state", "decision", "comment", "version"),
            *("claimed_at", "updated", "submitted_at"),
            *(f"round__{name}" for name in ROUND_BEFORE_FIELDS),
            *("reviewer__name", "reviewer__email"),
        )
        .order_by("submitted_at", "claimed_at", "pk")
    )


def reviews_read(round: Round, *, previous: bool = True, snapshot: bool = True) -> ReviewsRead:
    """The round's reviews with their reviewers and, with `previous` (for reviewers and
    staff), the round before with its submitted reviews: one query (the reviews with their
    rounds), two when that round has no submitted review or with `snapshot`: the round
    before's snapshot, which a frozen copy to be built compares with, in a query of its own
    (in the join it would come with every review, this round's too, and may be large)."""
    if not previous or round.number <= 1:
        return ReviewsRead(reviews_of(round), None, [])
    # The round before as a scalar subquery: both kinds of review come from the index on round.
    before = Round.objects.filter(submission_id=round.submission_id, number=round.number - 1)
    rows = _reviews_with_rounds().filter(
        Q(round=round)
        | Q(round=Subquery(before.order_by().values("pk")), state=Review.State.SUBMITTED)
    )
    reviews, previous_reviews = [], []
    for review in rows:
        (reviews if review.round_id == round.pk else previous_reviews).append(review)
    for review in reviews:
        review.round = round
    if not previous_reviews:
        fields = (*ROUND_BEFORE_FIELDS, "snapshot") if snapshot else ROUND_BEFORE_FIELDS
        return ReviewsRead(reviews, before.only(*fields).first(), [])
    before_read = previous_reviews[0].round
    for review in previous_reviews:  # one round object for all, as reviews_of() reads them
        review.round = before_read
    if snapshot:
        before_read.refresh_from_db(fields=["snapshot"])
    return ReviewsRead(reviews, before_read, previous_reviews)


def reads_other_reviews(round: Round, mine: Review | None) -> bool:
    """A reviewer of a round that needs several reviews reads the others after submitting."""
    return round.reviews_required > 1 and mine is not None and mine.is_submitted


@dataclass(frozen=True)
class RoundPage:
    """Everything /review/rounds/<id>/ shows one person, and what they may do there, but the
    frozen copy (frozen_copy())."""

    audience: str
    for_owner: bool  # the expert reading their own round
    state_label: str
    decided: bool
    snapshot_intact: bool  # the stored hash still matches the stored snapshot
    reviews: RoundReviews
    comparison: ScoreComparison | None
    my_feedback: ReviewFeedback | None
    audit: Page | list  # a page of the audit log, for staff; [] for everyone else
    can_claim: bool
    can_release: bool
    can_score: bool
    can_adjudicate: bool
    can_assign: bool
    reads_others: bool  # a reviewer reading the other reviews after submitting their own
    decisions_agree: bool | None  # None: fewer than two submitted reviews shown
    # For reviewers and staff of a resubmission; None too when its section was found kept.
    previous_round: PreviousRound | None
    round_before: Round | None  # the same round, read for them whether decided or not

    def context(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def round_page(
    round: Round,
    user: User,
    audience: str,
    *,
    read: ReviewsRead | None = None,
    previous_snapshot: bool = True,
    round_before_kept: bool = False,
    audit_page=None,
) -> RoundPage:
    """`read`: the round's reviews and the round before (reviews_read()), when the caller
    has read them already; `previous_snapshot`: whether the frozen copy is to be built;
    `round_before_kept`: whether the section of the round before was found kept (under
    round_before_key()), so that it is not built again (previous_round None); `audit_page`:
    the page of the audit log staff read (audit_log_page())."""
    if read is None and audience != OWNER:
        read = reviews_read(round, snapshot=previous_snapshot)
    reviews, previous, previous_reviews = read or (None, None, [])
    if previous is None or not previous.is_decided or round_before_kept:
        previous_reviews = []  # not shown, or shown as kept: their scores are not read
    reviews = round_reviews(round, user, audience, reviews=reviews, also=previous_reviews)
    mine = reviews.mine
    unfinished = can_score_round(user, round, mine) and not mine.is_submitted
    return RoundPage(
        audience=audience,
        for_owner=audience == OWNER,
        state_label=state_label(round.state),
        decided=round.state in DECIDED,
        snapshot_intact=snapshot_intact(round),
        reviews=reviews,
        comparison=compare_scores(reviews.shown),
        my_feedback=review_feedback(
            mine, round.instrument, "Your review", marks=reviews.marks_of(mine)
        )
        if mine is not None and mine.is_submitted
        else None,
        audit=audit_log_page(round, audit_page) if audience == STAFF else [],
        can_claim=audience != OWNER and can_claim_round(user, round, reviews.all),
        can_release=unfinished,
        can_score=unfinished and round.state == State.IN_REVIEW,
        can_adjudicate=can_adjudicate(user, round),
        can_assign=can_assign_round(user, round),
        previous_round=None
        if round_before_kept
        else previous_round(previous, previous_reviews, reviews.marks),
        round_before=previous,
        decisions_agree=(
            len({item.review.decision for item in reviews.shown}) == 1
            if len(reviews.shown) >= 2
            else None
        ),
        reads_others=audience != STAFF
        and not round.is_decided
        and reads_other_reviews(round, mine),
    )


def review_marks(round: Round) -> list[ReviewMarks]:
    """The levels and ticked behaviours of the round's submitted reviews (two queries)."""
    # In the reviews' own order, which within one round needs no join with it.
    submitted = (
        round.reviews.filter(state=Review.State.SUBMITTED)
        .order_by("claimed_at", "pk")
        .prefetch_related(*scores_and_flags())
    )
    marks = []
    for review in submitted:
        flags: dict[int, set[int]] = {}
        for flag in review.flags.all():
            flags.setdefault(flag.rubric_position, set()).add(flag.behaviour_position)
        scores = {score.rubric_position: score.score for score in review.scores.all()}
        marks.append(ReviewMarks(scores=scores, flags=flags))
    return marks


def decision_consequences(round: Round, decision: str, *, reviewer: User | None) -> list[str]:
    """What confirming `decision` will do, in the words of the confirmation page: for a
    reviewer's review (`reviewer`) or for staff's adjudication (reviewer None)."""
    if reviewer is not None:
        others = [
            review.decision
            for review in round.reviews.filter(state=Review.State.SUBMITTED)
            if review.reviewer_id != reviewer.pk
        ]
        final = ["Your review becomes final: you cannot change it afterwards."]
        waiting = round.reviews_required - len(others) - 1
        if waiting > 0:
            return [
                *final,
                f"The round waits for {waiting} more review{'s' if waiting > 1 else ''}; "
                "the decision is made when they are in.",
            ]
        if any(other != decision for other in others):
            return [*final, "The reviews disagree, so staff will decide; the expert is told then."]
        return final + _decided_consequences(decision)
    return _decided_consequences(decision)


def _decided_consequences(decision: str) -> list[str]:
    told = "The expert is told by email, with a link to the round, where they read the reviews."
    if decision == Decision.APPROVE:
        return [
            "The round is closed as approved; approval is final.",
            told,
            "A credential is issued: the expert can download it, and anyone can check it on "
            "its verification page.",
        ]
    if decision == Decision.REJECT:
        days = resubmit_after_rejection().days
        return [
            "The round is closed as rejected; the decision is final.",
            told,
            f"The expert may submit again after {days} day{'s' if days != 1 else ''}.",
        ]
    return [
        "The round is closed; the expert revises the portfolio and submits the next round.",
        told,
    ]
