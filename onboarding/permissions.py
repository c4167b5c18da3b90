"""Who may see which round and file, and do what with them. Every view calls one of these
first; anything a person may not see answers 404.
"""

import functools
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from onboarding.conflicts import conflicted_people, in_conflict, with_conflict_flag
from onboarding.models import Review, Round, RoundFile, reviews_counted
from onboarding.workflow import OPEN_FOR_REVIEW, State
from portfolio.claims import proof_is_of_a_listed_credential
from portfolio.models import CredentialProof, StoredFile
from portfolio.permissions import is_owner
from profiles.permissions import (
    is_reviewer,
    is_staff,
    remember_reviewer,
    reviewer_flag_of,
    with_reviewer_flag,
)


def can_download_file(user, stored_file: StoredFile) -> bool:
    """The owner, staff, and reviewers of a submitted round whose snapshot holds the file
    (whatever the expert did to the work sample since). A credential's proof is in no round:
    only its owner and staff, who verify it, read it; reviewers see where it stands."""
    if is_owner(user, stored_file) or is_staff(user):
        return True
    if not is_reviewer(user):
        return False
    return (
        RoundFile.objects.filter(file=stored_file)
        .exclude(round__state=State.WITHDRAWN)
        .exclude(round__submission__owner=user)
        .exclude(round__submission__owner__in=conflicted_people(user))
        .exists()
    )


def get_stored_file_for(user, file_id: UUID) -> StoredFile:
    stored_file = StoredFile.objects.filter(pk=file_id).first()
    if stored_file is None or not can_download_file(user, stored_file):
        raise Http404("No such file.")
    return stored_file


# --- Submission rounds ---------------------------------------------------------------------
# A round is seen by its expert, by staff, and by reviewers other than the expert (never a
# withdrawn one). The review address belongs to reviewing: a reviewer never opens their own
# submission there, not even read-only; every expert reads their own rounds at
# /submit/rounds/<id>/.

OWNER, REVIEWER, STAFF = "owner", "reviewer", "staff"


def round_audience(user, round: Round) -> str | None:
    """As whom the user sees the round: OWNER, STAFF, REVIEWER, or None (not at all)."""
    if not user.is_authenticated or not user.is_active:
        return None
    if round.submission.owner_id == user.pk:
        return OWNER
    if is_staff(user):
        return STAFF
    if (
        is_reviewer(user)
        and round.state != State.WITHDRAWN
        and not in_conflict(
            user, round.submission.owner, declared=getattr(round, "conflict_declared", None)
        )
    ):
        return REVIEWER
    return None


def _round(pk: int, user) -> Round | None:
    """The round with what its permission checks ask of the user, read with it: whether they
    review, and whether they and the expert declared a conflict."""
    # The owner's id is on the submission; whoever decided is named nowhere on the page.
    rounds = Round.objects.select_related("submission__owner").filter(pk=pk)
    round = _one(with_conflict_flag(with_reviewer_flag(rounds, user), user))
    if round is not None:
        remember_reviewer(user, round)
    return round


def _one(rounds) -> Round | None:
    """The one round a query by primary key finds, or None: get(), which needs no order."""
    try:
        return rounds.get()
    except Round.DoesNotExist:
        return None


def get_round_for(user, pk: int) -> tuple[Round, str]:
    """The round at the review address, with the audience; Http404 for anyone else."""
    round = _round(pk, user) if user.is_authenticated else None
    audience = round_audience(user, round) if round else None
    if audience is None or (audience == OWNER and is_reviewer(user) and not is_staff(user)):
        raise Http404("No such round.")
    return round, audience


# Built once a process and never run: each request filters a copy by the round's id.
@functools.cache
def _own_rounds() -> QuerySet[Round]:
    # With the credential an approval issued (the page shows it), not its signed token; the
    # reviews counted, which is all the page shows of them until the decision; and whether
    # the owner reviews, which the navigation asks of the person asking: the owner here.
    return (
        Round.objects.select_related("submission", "issued_credential")
        .defer("issued_credential__token")
        .annotate(
            review_count=reviews_counted(),
            in_reviewer_group=reviewer_flag_of("submission__owner"),
        )
    )


def get_own_round_for(user, pk: int) -> Round:
    """The expert's own round, with its reviews counted (`review_count`)."""
    round = _one(_own_rounds().filter(pk=pk)) if user.is_authenticated else None
    if round is not None and round.submission.owner_id == user.pk:
        # The owner's flag and row are the person asking's: their own row is read already.
        remember_reviewer(user, round)
        round.submission.owner = user
    if round is None or round_audience(user, round) != OWNER:
        raise Http404("No such round.")
    return round


def is_offered_to_another(user, round: Round, *, now=None) -> bool:
    """A resubmission waits first for the reviewer who decided the previous round."""
    return (
        round.offered_until is not None
        and round.offered_until > (now or timezone.now())
        and round.offered_to_id not in (None, user.pk)
    )


def can_claim_round(user, round: Round, reviews: list[Review]) -> bool:
    """`reviews`: every review of the round (claimed or submitted). Conflicts of interest
    are round_audience's part: a reviewer in conflict never reaches the round."""
    return (
        is_reviewer(user)
        and round.submission.owner_id != user.pk
        and not is_offered_to_another(user, round)
        and round_has_seat_for(
            state=round.state,
            reviews_required=round.reviews_required,
            reviews_taken=len(reviews),
            has_reviewed=any(review.reviewer_id == user.pk for review in reviews),
        )
    )


def round_has_seat_for(
    *, state: str, reviews_required: int, reviews_taken: int, has_reviewed: bool
) -> bool:
    """An open round takes reviewers until its seats are taken, each reviewer once. Who may
    claim at all (a reviewer, not the expert) is can_claim_round's part."""
    return state in OPEN_FOR_REVIEW and not has_reviewed and reviews_taken < reviews_required


def can_score_round(user, round: Round, review: Review | None) -> bool:
    """Scoring is for the reviewer who holds `review`, a seat on someone else's round;
    whether the review is still open to scoring is the service's part."""
    return (
        review is not None
        and user.is_authenticated
        and review.reviewer_id == user.pk
        and round.submission.owner_id != user.pk
    )


def can_withdraw(user, round: Round) -> bool:
    """The expert takes a round back while it waits for its first reviewer."""
    return user.is_authenticated and round.submission.owner_id == user.pk and round.is_submitted


def can_assign_round(user, round: Round) -> bool:
    """Staff hand an open round to a reviewer, or ask for more reviews of it."""
    return (
        is_staff(user) and round.submission.owner_id != user.pk and round.state in OPEN_FOR_REVIEW
    )


def can_adjudicate(user, round: Round) -> bool:
    return (
        is_staff(user)
        and round.submission.owner_id != user.pk
        and round.state == State.ADJUDICATION
    )


# --- Proofs of credentials ----------------------------------------------------------------


def can_decide_proof(user, proof: CredentialProof) -> bool:
    """Staff verify or decline proofs, never of their own credentials."""
    return is_staff(user) and proof.owner_id != user.pk


def get_proof_to_decide_for(user, pk: int) -> CredentialProof:
    """The proof, with its expert and file, for staff; 404 for everyone else."""
    if not is_staff(user):
        raise Http404("No such proof.")
    proof = CredentialProof.objects.select_related("owner", "file").filter(pk=pk).first()
    # A proof of a credential no longer on the profile waits for nobody (the list leaves it
    # out): deciding it would count again if the credential came back.
    if proof is None or not proof_is_of_a_listed_credential(proof):
        raise Http404("No such proof.")
    return proof
