"""Writes that decide who reviews what: claims expiring, staff assigning a round or asking
for more reviews, a resubmission's first offer, conflicts of interest declared and
withdrawn (a conflict that arises releases the claims it leaves unusable). Each is audited;
asking an expert to redact their name (blind review) is in redaction."""

from datetime import datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from common.lookups import same_text
from onboarding import audit
from onboarding.checklist import approval_revoked
from onboarding.conflicts import conflict_parties_lock, in_conflict, naming
from onboarding.models import AuditEntry, ConflictOfInterest, Review, Round
from onboarding.permissions import can_assign_round
from onboarding.services.reviews import review_release
from onboarding.workflow import OPEN_FOR_REVIEW, State, state_label
from profiles.models import User
from profiles.permissions import REVIEWER_GROUP, is_reviewer, is_staff

MAX_MORE_REVIEWS = 5


def claim_deadline(claimed_at: datetime) -> datetime:
    return claimed_at + timedelta(days=settings.CLAIM_DAYS)


def locked_round(round_id: int) -> Round:
    """The round, its row locked until the transaction ends, with its expert read."""
    return (
        Round.objects.select_for_update(of=("self",))
        .select_related("submission__owner")
        .get(pk=round_id)
    )


def claims_expire(*, now: datetime | None = None) -> int:
    """Drop every claim older than settings.CLAIM_DAYS that was not submitted; a round left
    with no reviewer waits in the queue again. Called when the queue or a round is read and
    by `manage.py expire_claims`; returns how many claims expired."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.CLAIM_DAYS)
    stale = list(
        Review.objects.filter(state=Review.State.CLAIMED, claimed_at__lt=cutoff)
        .order_by()  # the default order joins the rounds; review_claimed_at answers alone
        .values_list("pk", "round_id")
    )
    for review_id, round_id in stale:
        _expire_one(review_id, round_id, cutoff)
    return len(stale)


# The queue is read many times a minute by many reviewers; claims last days, so a claim
# that lapsed less than a minute ago may show as claimed that much longer.
CLAIMS_CHECKED_KEY = "claims-expire-checked"
CLAIMS_CHECK_SECONDS = 60


def claims_expire_lately() -> None:
    """claims_expire(), at most once a minute across servers (the shared cache remembers)."""
    if cache.add(CLAIMS_CHECKED_KEY, True, CLAIMS_CHECK_SECONDS):
        claims_expire()


@transaction.atomic
def _expire_one(review_id: int, round_id: int, cutoff: datetime) -> None:
    round = locked_round(round_id)
    review = (
        Review.objects.select_for_update()
        .select_related("reviewer")
        .filter(pk=review_id, state=Review.State.CLAIMED, claimed_at__lt=cutoff)
        .first()
    )
    if review is None:  # submitted or released meanwhile
        return
    note = (
        f"{review.reviewer.get_full_name()} held it more than {settings.CLAIM_DAYS} days "
        "without submitting; the draft is dropped."
    )
    review.delete()
    action = AuditEntry.Action.CLAIM_EXPIRED
    if round.state == State.IN_REVIEW and not round.reviews.exists():
        audit.move(round, State.SUBMITTED, actor=None, action=action, note=note)
    else:
        audit.record(round, actor=None, action=action, note=note)


def _require_assignable(actor: User, round: Round) -> None:
    """Staff (never the expert) hand out seats of a round while it waits for review; a round
    that moved on since the page was opened is refused in words the page shows."""
    if not is_staff(actor) or round.submission.owner_id == actor.pk:
        raise PermissionDenied("Only staff assign rounds and ask for reviews, never their own.")
    if not can_assign_round(actor, round):
        raise ValidationError(
            f"This round is no longer waiting for review: it is {state_label(round.state).lower()} "
            "now.",
            code="round_not_open",
        )


class Seats(NamedTuple):
    """A round's seats as a page showed them: reviews taken, reviews required (None: not
    known, which matches no round)."""

    taken: int | None
    required: int | None


def _seats_message(round: Round, taken: int) -> str:
    required = round.reviews_required
    names = [review.reviewer.get_full_name() for review in round.reviews.select_related("reviewer")]
    holders = f" ({', '.join(names)})" if names else ""
    return (
        f"This round changed since you opened it: it now has {taken} of {required} "
        f"reviewer{'s' if required != 1 else ''}{holders}. Nothing was assigned; choose again "
        "below."
    )


@transaction.atomic
def round_assign(*, actor: User, round: Round, reviewer: User, seen: Seats) -> Review:
    """Staff give a seat on an open round to a reviewer, as if the reviewer had claimed it
    (the claim expires the same way). Conflicts of interest and the expert themself are
    refused; a full round takes one more seat, as the page says when it shows the round full.
    `seen`: the seats the page showed; if they changed since (someone assigned or claimed, a
    claim expired, more reviews asked for), nothing is written, so an old page never adds a
    seat nobody chose to add."""
    # The two people before the round, as review_claim() and conflict_declare() lock them.
    people = conflict_parties_lock(reviewer.pk, round.submission.owner_id)
    round = locked_round(round.pk)
    _require_assignable(actor, round)
    if not is_reviewer(reviewer) or reviewer.pk == round.submission.owner_id:
        raise ValidationError("Choose a reviewer other than the expert.", code="not_a_reviewer")
    if in_conflict(people[reviewer.pk], round.submission.owner):
        raise ValidationError(
            f"{reviewer.get_full_name()} has a conflict of interest with this expert.",
            code="conflict",
        )
    if round.reviews.filter(reviewer=reviewer).exists():
        raise ValidationError(
            f"{reviewer.get_full_name()} already has this round.", code="claimed_already"
        )
    taken = round.reviews.count()
    if Seats(taken, round.reviews_required) != seen:
        raise ValidationError(_seats_message(round, taken), code="stale")
    if taken >= round.reviews_required:
        round.reviews_required = taken + 1
        round.save(update_fields=["reviews_required"])
    review = Review.objects.create(round=round, reviewer=reviewer, claimed_at=timezone.now())
    note = f"Assigned to {reviewer.get_full_name()}."
    if round.state == State.SUBMITTED:
        audit.move(
            round, State.IN_REVIEW, actor=actor, action=AuditEntry.Action.ASSIGNED, note=note
        )
    else:
        audit.record(round, actor=actor, action=AuditEntry.Action.ASSIGNED, note=note)
    return review


@transaction.atomic
def round_reviews_add(
    *, actor: User, round: Round, count: int, required_seen: int | None = None
) -> Round:
    """Staff ask for `count` more reviews of an open round. `required_seen`: the reviews the
    round needed on the page that asked (None: whatever it needs now); if more were asked for
    since (a second click, another tab, other staff), nothing is written, so the same request
    sent twice asks once."""
    round = locked_round(round.pk)
    _require_assignable(actor, round)
    if not 1 <= count <= MAX_MORE_REVIEWS:
        raise ValidationError(
            f"Ask for between 1 and {MAX_MORE_REVIEWS} more reviews.", code="count"
        )
    if required_seen is not None and required_seen != round.reviews_required:
        required = round.reviews_required
        raise ValidationError(
            f"This round changed since you opened it: it now needs {required} "
            f"review{'s' if required != 1 else ''}. Nothing more was asked for; ask again "
            "below if it needs more still.",
            code="stale",
        )
    round.reviews_required += count
    round.save(update_fields=["reviews_required"])
    audit.record(
        round,
        actor=actor,
        action=AuditEntry.Action.REVIEWS_ADDED,
        note=f"{count} more review{'s' if count != 1 else ''}: {round.reviews_required} in all.",
    )
    return round


@transaction.atomic
def conflict_declare(*, actor: User, other_email: str, reason: str = "") -> ConflictOfInterest:
    """The actor will not review, or be reviewed by, the person with this email. A claim
    either holds on the other's open rounds is released (conflicted_claims_release()); the
    conflict's `claims_released` says how many."""
    other_email = User.objects.normalize_email(other_email)
    if not other_email or other_email == actor.email:
        raise ValidationError("Give someone else's email address.", code="email")
    # The two people first, as review_claim() locks them: a claim between them made at the
    # same moment is either committed, and released below, or waits and then sees this.
    other = User.objects.filter(same_text("email", other_email))
    conflict_parties_lock(actor.pk, *other.values_list("pk", flat=True))
    if ConflictOfInterest.objects.filter(naming(other_email), declared_by=actor).exists():
        raise ValidationError(
            "You have already declared a conflict with this address.", code="declared"
        )
    conflict = ConflictOfInterest.objects.create(
        declared_by=actor, other_email=other_email, reason=reason.strip()
    )
    AuditEntry.objects.create(
        round=None,
        actor=actor,
        action=AuditEntry.Action.CONFLICT_DECLARED,
        note=f"With {other_email}." + (f" Reason: {conflict.reason}" if conflict.reason else ""),
    )
    conflict.claims_released = conflicted_claims_release(
        person=actor, actor=actor, why=f"declared by {actor.get_full_name()}"
    )
    return conflict


@transaction.atomic
def conflicted_claims_release(*, person: User, actor: User | None, why: str) -> int:
    """Release every claim, not yet submitted, that pairs `person` with someone they are now
    in conflict with, whichever of the two holds it: the reviewer could no longer open the
    round to score or release it, and the seat would stay taken. Each is released as the
    reviewer would release it (audited, with `why`; the round waits again when nobody else
    holds it). A submitted review stays: it is history, and a decision may rest on it. A
    first offer between them ends too. Returns how many claims were released."""
    held = Review.objects.filter(
        Q(reviewer=person) | Q(round__submission__owner=person),
        state=Review.State.CLAIMED,
        round__state__in=sorted(OPEN_FOR_REVIEW),
    )
    # Every round this touches is locked first, in key order, as account_delete does.
    rounds = Round.objects.filter(pk__in=held.values("round_id")).select_for_update(of=("self",))
    list(rounds.order_by("pk").values_list("pk", flat=True))
    released = 0
    for review in held.select_related("reviewer", "round__submission__owner").order_by(
        "round_id", "pk"
    ):
        reviewer = review.reviewer
        if in_conflict(reviewer, review.round.submission.owner):
            note = (
                f"{reviewer.get_full_name()} has a conflict of interest with the expert "
                f"({why}); the draft is dropped."
            )
            review_release(actor=actor, round=review.round, reviewer=reviewer, note=note)
            released += 1
    _conflicted_offers_end(person)
    return released


def _conflicted_offers_end(person: User) -> None:
    """A resubmission offered first to a reviewer in conflict with its expert would wait for
    someone who may not have it: it goes to every reviewer at once (first_offer() makes no
    such offer)."""
    offered = Round.objects.filter(
        Q(offered_to=person) | Q(submission__owner=person),
        offered_to__isnull=False,
        offered_until__gt=timezone.now(),
    ).select_related("offered_to", "submission__owner")
    ended = [round.pk for round in offered if in_conflict(round.offered_to, round.submission.owner)]
    Round.objects.filter(pk__in=ended).update(offered_to=None, offered_until=None)


@transaction.atomic
def conflict_withdraw(*, actor: User, conflict: ConflictOfInterest) -> None:
    if conflict.declared_by_id != actor.pk:
        raise PermissionDenied("Only who declared a conflict can withdraw it.")
    AuditEntry.objects.create(
        round=None,
        actor=actor,
        action=AuditEntry.Action.CONFLICT_WITHDRAWN,
        note=f"With {conflict.other_email}.",
    )
    conflict.delete()


def first_offer(previous: Round | None, *, now: datetime | None = None) -> dict:
    """The new round's offered_to and offered_until: a resubmission after a decision waits
    settings.FIRST_OFFER_HOURS for the reviewer who made it (the first whose review asked for
    what was decided), while they are still a reviewer. An approval staff revoked is no
    decision to follow up: its round goes to every reviewer at once."""
    if previous is None or not previous.is_decided or not settings.FIRST_OFFER_HOURS:
        return {}
    if approval_revoked(previous):
        return {}
    review = (
        previous.reviews.filter(state=Review.State.SUBMITTED, decision=previous.decision)
        .select_related("reviewer")
        .order_by("submitted_at", "pk")
        .first()
    )
    if (
        review is None
        or not is_reviewer(review.reviewer)
        or in_conflict(review.reviewer, previous.submission.owner)
    ):
        return {}
    until = (now or timezone.now()) + timedelta(hours=settings.FIRST_OFFER_HOURS)
    return {"offered_to": review.reviewer, "offered_until": until}


def first_offers_lapse(*, now: datetime | None = None) -> int:
    """End every first offer still running to someone who no longer reviews (taken out of
    the Reviewers group, or their account closed): the resubmission goes to every reviewer
    at once, in the queue and for claims alike, which both read offered_to and offered_until.
    Returns how many offers ended."""
    reviewers = User.objects.filter(groups__name=REVIEWER_GROUP, is_active=True).values("pk")
    return (
        Round.objects.filter(offered_to__isnull=False, offered_until__gt=now or timezone.now())
        .exclude(offered_to__in=reviewers)
        .update(offered_to=None, offered_until=None)
    )


@transaction.atomic
def former_reviewers_claims_release(people: list[int] | None = None) -> int:
    """Release the claims, not yet submitted, held by someone who no longer reviews (taken
    out of the Reviewers group, or their account deactivated): they could no longer open the
    round to score or release it, and its seat would stay taken until the claim expired.
    `people`: the accounts that changed, when known. Returns how many claims were released."""
    reviewers = User.objects.filter(groups__name=REVIEWER_GROUP, is_active=True).values("pk")
    held = Review.objects.filter(
        state=Review.State.CLAIMED, round__state__in=sorted(OPEN_FOR_REVIEW)
    ).exclude(reviewer__in=reviewers)
    if people is not None:
        held = held.filter(reviewer__in=people)
    # Every round this touches is locked first, in key order, as conflicted_claims_release().
    rounds = Round.objects.filter(pk__in=held.values("round_id")).select_for_update(of=("self",))
    list(rounds.order_by("pk").values_list("pk", flat=True))
    released = 0
    for review in held.select_related("reviewer", "round").order_by("round_id", "pk"):
        note = f"{review.reviewer.get_full_name()} no longer reviews; the draft is dropped."
        review_release(actor=None, round=review.round, reviewer=review.reviewer, note=note)
        released += 1
    return released


def first_offer_note(round: Round) -> str:
    if round.offered_to is None:
        return ""
    return (
        f"Offered first to {round.offered_to.get_full_name()}, who decided round "
        f"{round.number - 1}, until {round.offered_until:%-d %B %Y, %H:%M} UTC."
    )
