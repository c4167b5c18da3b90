"""Writes of the reviewers' and staff's side: claim, release, score, decide, adjudicate.

Every function locks the round's row first, so two reviewers acting at once are applied one
after the other, and every change of state goes through audit.move().
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from common.versions import version_raise
from onboarding import audit
from onboarding.checklist import resubmit_after_rejection
from onboarding.conflicts import conflict_parties_lock, in_conflict
from onboarding.models import AuditEntry, Review, ReviewFlag, ReviewForm, ReviewScore, Round
from onboarding.permissions import is_offered_to_another
from onboarding.queries.rounds import review_marks
from onboarding.signals import round_decided
from onboarding.validators import validate_adjudication, validate_review
from onboarding.workflow import OPEN_FOR_REVIEW, Decision, State, decided_state, state_label
from profiles.models import User
from profiles.permissions import is_reviewer, is_staff

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReviewInput:
    """What a reviewer entered, by the position of each rubric in the round's instrument."""

    scores: dict[int, int | None] = field(default_factory=dict)
    rubric_comments: dict[int, str] = field(default_factory=dict)
    flags: dict[int, set[int]] = field(default_factory=dict)
    decision: str = ""
    comment: str = ""


def claim_expired(review: Review, *, now: datetime | None = None) -> bool:
    """Whether claims_expire() would drop this review now: a claim held more than
    settings.CLAIM_DAYS without submitting, which is no seat any more."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.CLAIM_DAYS)
    return review.state == Review.State.CLAIMED and review.claimed_at < cutoff


def _locked(round: Round) -> Round:
    return (
        Round.objects.select_for_update(of=("self",))
        .select_related("submission__owner")
        .get(pk=round.pk)
    )


def _not_open(round: Round) -> ValidationError:
    return ValidationError(
        f"This round is no longer waiting for review (it is {state_label(round.state).lower()}).",
        code="round_not_open",
    )


@transaction.atomic
def review_claim(*, actor: User, round: Round) -> Review:
    """Take a seat on the round; the first claim moves it into review."""
    # The reviewer and the expert before the round: a conflict declared between them at the
    # same moment is either seen below or finds this claim to release (an expert never
    # changes rounds, so the owner is known before the round is locked).
    people = conflict_parties_lock(actor.pk, round.submission.owner_id)
    round = _locked(round)
    if not is_reviewer(actor):
        raise PermissionDenied("Only reviewers can claim rounds.")
    if round.submission.owner_id == actor.pk:
        raise PermissionDenied("You cannot review your own portfolio.")
    if in_conflict(people[actor.pk], round.submission.owner):
        raise PermissionDenied("You have a conflict of interest with this expert.")
    if round.state not in OPEN_FOR_REVIEW:
        raise _not_open(round)
    if is_offered_to_another(actor, round):
        raise ValidationError(
            "This resubmission is offered first to the reviewer of the previous round, "
            f"until {round.offered_until:%-d %B %Y, %H:%M}.",
            code="offered_to_another",
        )
    reviewers = list(round.reviews.values_list("reviewer_id", flat=True))
    if actor.pk in reviewers:
        raise ValidationError("You have already claimed this round.", code="claimed_already")
    if len(reviewers) >= round.reviews_required:
        raise ValidationError(
            "This round already has all the reviewers it needs.", code="round_full"
        )
    review = Review.objects.create(round=round, reviewer=actor, claimed_at=timezone.now())
    if round.state == State.SUBMITTED:
        audit.move(round, State.IN_REVIEW, actor=actor, action=AuditEntry.Action.CLAIMED)
    else:
        audit.record(round, actor=actor, action=AuditEntry.Action.CLAIMED)
    return review


@transaction.atomic
def review_release(
    *, actor: User, round: Round, reviewer: User | None = None, note: str = ""
) -> Round:
    """Give the seat back, dropping the draft; with no reviewer left the round waits again.
    The actor releases their own claim, unless `reviewer` names whose claim is released for
    them (a conflict of interest that arose since they claimed: `note` says so)."""
    round = _locked(round)
    reviewer = reviewer or actor
    review = round.reviews.filter(reviewer=reviewer, state=Review.State.CLAIMED).first()
    if review is None:
        raise ValidationError(
            "You have no unfinished review of this round to release.", code="not_claimed"
        )
    review.delete()
    action = AuditEntry.Action.RELEASED
    if round.state == State.IN_REVIEW and not round.reviews.exists():
        audit.move(round, State.SUBMITTED, actor=actor, action=action, note=note)
    else:
        audit.record(round, actor=actor, action=action, note=note)
    return round


def _write_scores(review: Review, instrument: dict, data: ReviewInput) -> None:
    review.scores.all().delete()
    review.flags.all().delete()
    scores, flags = [], []
    for position, entry in enumerate(instrument.get("rubrics", [])):
        score = data.scores.get(position)
        comment = data.rubric_comments.get(position, "").strip()
        if score is not None or comment:
            scores.append(
                ReviewScore(
                    review=review,
                    rubric_position=position,
                    rubric_key=entry.get("id"),
                    rubric_title=entry["title"][:200],
                    score=score,
                    comment=comment,
                )
            )
        behaviours = entry["rubric"].get("disallow", [])
        flags += [
            ReviewFlag(
                review=review,
                rubric_position=position,
                behaviour_position=index,
                text=behaviours[index][:500],
            )
            for index in sorted(data.flags.get(position, set()))
        ]
    ReviewScore.objects.bulk_create(scores)
    ReviewFlag.objects.bulk_create(flags)


@transaction.atomic
def review_save(
    *,
    actor: User,
    review: Review,
    data: ReviewInput,
    submit: bool,
    expected_version: int | None = None,
) -> Review:
    """Store the reviewer's scores as a draft, or submit them (complete, and final). With
    `expected_version` (the version the scoring form was opened at) a review saved since, in
    another tab, raises VersionConflict and nothing is written.

    A submitted review may decide the round: when the required number of reviews is in and
    they agree, the round takes their decision; when they disagree, staff adjudicate.
    """
    round = _locked(review.round)
    review = Review.objects.select_for_update().filter(pk=review.pk).first()
    if review is None:  # released or expired since the form was opened
        raise ValidationError("You no longer hold a seat on this round.", code="not_claimed")
    if review.reviewer_id != actor.pk:
        raise PermissionDenied("Only the reviewer who claimed this round can score it.")
    if review.is_submitted:
        raise ValidationError("You have already submitted this review.", code="submitted")
    if claim_expired(review):  # due, though claims_expire() has not dropped it yet
        raise ValidationError(
            f"Your claim expired ({settings.CLAIM_DAYS} days without submitting).",
            code="claim_expired",
        )
    if round.state != State.IN_REVIEW:
        raise _not_open(round)
    validate_review(
        round.instrument,
        scores=data.scores,
        flags=data.flags,
        decision=data.decision,
        comment=data.comment,
        rubric_comments=data.rubric_comments,
        final=submit,
    )
    version_raise(review, expected_version=expected_version)
    _write_scores(review, round.instrument, data)
    review.decision = data.decision
    review.comment = data.comment.strip()
    if submit:
        review.state = Review.State.SUBMITTED
        review.submitted_at = timezone.now()
    review.save()
    if submit:
        audit.record(
            round,
            actor=actor,
            action=AuditEntry.Action.REVIEW_SUBMITTED,
            note=recommendation_note(review.decision),
        )
        _conclude(round, actor=actor)
    return review


def recommendation_note(decision: str) -> str:
    """The audit note of a submitted review."""
    return f"Recommends: {Decision(decision).label.lower()}."


def disagreement_note(decisions: list[str]) -> str:
    """The audit note of a round whose reviews disagree, with the tally of decisions."""
    tally = "; ".join(
        f"{Decision(value).label.lower()}: {decisions.count(value)}"
        for value in Decision.values
        if value in decisions
    )
    return f"The reviews disagree ({tally})."


def _conclude(round: Round, *, actor: User) -> None:
    submitted = list(round.reviews.filter(state=Review.State.SUBMITTED))
    if len(submitted) < round.reviews_required:
        return
    decisions = [review.decision for review in submitted]
    if len(set(decisions)) == 1:
        _decide(round, decisions[0], actor=actor, action=AuditEntry.Action.DECIDED)
        return
    audit.move(
        round,
        State.ADJUDICATION,
        actor=actor,
        action=AuditEntry.Action.SENT_TO_ADJUDICATION,
        note=disagreement_note(decisions),
    )


def _decide(
    round: Round,
    decision: str,
    *,
    actor: User,
    action: str,
    note: str = "",
    decided_by: User | None = None,
) -> None:
    audit.move(round, decided_state(decision), actor=actor, action=action, note=note)
    round.decision = decision
    round.decision_note = note
    round.decided_by = decided_by
    round.decided_at = timezone.now()
    round.save(update_fields=["decision", "decision_note", "decided_by", "decided_at"])
    round_decided.send(sender=Round, round=round, actor=actor)
    round_id = round.pk
    transaction.on_commit(lambda: decision_email_send(round_id=round_id))


@transaction.atomic
def round_adjudicate(*, actor: User, round: Round, decision: str, note: str) -> Round:
    """Staff settle a round whose reviewers disagreed."""
    round = _locked(round)
    if not is_staff(actor):
        raise PermissionDenied("Only staff adjudicate.")
    if round.submission.owner_id == actor.pk:
        raise PermissionDenied("You cannot decide on your own portfolio.")
    if round.state != State.ADJUDICATION:
        raise ValidationError(
            "This round is not waiting for adjudication.", code="not_in_adjudication"
        )
    validate_adjudication(
        decision=decision, note=note, instrument=round.instrument, reviews=review_marks(round)
    )
    _decide(
        round,
        decision,
        actor=actor,
        action=AuditEntry.Action.ADJUDICATED,
        note=note.strip(),
        decided_by=actor,
    )
    return round


def decision_email_send(*, round_id: int) -> None:
    """Tell the expert the decision, with a link to the round. A failure to send is logged;
    the decision stands and the dashboard shows it."""
    round = Round.objects.select_related("submission__owner").get(pk=round_id)
    owner = round.submission.owner
    context = {
        "round": round,
        "name": owner.get_short_name(),
        "decision": round.decision_outcome,
        "url": settings.SITE_URL + round.owner_url,
        "submit_url": settings.SITE_URL + reverse("submit"),
        "resubmit_from": (round.decided_at + resubmit_after_rejection())
        if round.decision == Decision.REJECT
        else None,
        "verify_url": _verify_url(round),
    }
    subject = render_to_string("onboarding/emails/decision_subject.txt", context)
    body = render_to_string("onboarding/emails/decision_body.txt", context)
    try:
        send_mail(" ".join(subject.split()), body, None, [owner.email])
    except Exception:
        logger.exception("The decision email for round %s could not be sent", round_id)


def _verify_url(round: Round) -> str:
    """The address that checks the approval's credential, issued in the decision's
    transaction by the app above this one (read through the round); "" without one."""
    credential = getattr(round, "issued_credential", None)
    if credential is None:
        return ""
    return settings.SITE_URL + reverse("credential_verify", args=[credential.pk])


@transaction.atomic
def review_form_activate(*, form: ReviewForm) -> ReviewForm:
    """Make `form` the one active review form; new rounds freeze its rubrics."""
    ReviewForm.objects.select_for_update().filter(is_active=True).exclude(pk=form.pk).update(
        is_active=False
    )
    ReviewForm.objects.filter(pk=form.pk).update(is_active=True)
    form.refresh_from_db()
    return form
