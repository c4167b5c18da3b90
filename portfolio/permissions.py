"""Who may see and change portfolio things. Every view calls one of these first.

Anything a person may not see answers 404, so nobody learns that it exists.
"""

from uuid import UUID

from django.db.models import Prefetch
from django.http import Http404

from portfolio.models import (
    AdversarialTestPlan,
    Benchmark,
    BenchmarkItem,
    Review,
    Round,
    RoundFile,
    StoredFile,
    WorkSample,
)
from portfolio.workflow import OPEN_FOR_REVIEW, State
from profiles.permissions import is_reviewer, is_staff
from rubrics.models import Rubric


def _is_owner(user, obj) -> bool:
    return bool(user.is_authenticated and user.is_active and obj.owner_id == user.pk)


def can_download_file(user, stored_file: StoredFile) -> bool:
    """The owner, staff, and reviewers of a submitted round whose snapshot holds the file
    (whatever the expert did to the work sample since)."""
    if _is_owner(user, stored_file) or is_staff(user):
        return True
    if not is_reviewer(user):
        return False
    return (
        RoundFile.objects.filter(file=stored_file)
        .exclude(round__state=State.WITHDRAWN)
        .exclude(round__submission__owner=user)
        .exists()
    )


def get_stored_file_for(user, file_id: UUID) -> StoredFile:
    stored_file = StoredFile.objects.filter(pk=file_id).first()
    if stored_file is None or not can_download_file(user, stored_file):
        raise Http404("No such file.")
    return stored_file


# Artifacts are private to their owner while they are being written; reviewers read the
# submitted snapshot, never the live artifact.


def can_view_artifact(user, artifact) -> bool:
    return _is_owner(user, artifact)


def can_edit_artifact(user, artifact) -> bool:
    return _is_owner(user, artifact)


def _get_artifact_for(queryset, user, pk: int, *, write: bool):
    artifact = queryset.filter(pk=pk).first() if user.is_authenticated else None
    allowed = can_edit_artifact if write else can_view_artifact
    if artifact is None or not allowed(user, artifact):
        raise Http404("No such artifact.")
    return artifact


def get_work_sample_for(user, pk: int, *, write: bool = False) -> WorkSample:
    return _get_artifact_for(WorkSample.objects.select_related("file"), user, pk, write=write)


def get_test_plan_for(user, pk: int, *, write: bool = False) -> AdversarialTestPlan:
    return _get_artifact_for(
        AdversarialTestPlan.objects.prefetch_related("cases"), user, pk, write=write
    )


def get_benchmark_for(user, pk: int, *, write: bool = False) -> Benchmark:
    """The benchmark with its items in order, if it is the user's."""
    items = Prefetch("items", queryset=BenchmarkItem.objects.order_by("position"))
    return _get_artifact_for(Benchmark.objects.prefetch_related(items), user, pk, write=write)


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
    if is_reviewer(user) and round.state != State.WITHDRAWN:
        return REVIEWER
    return None


def _round(pk: int) -> Round | None:
    return Round.objects.select_related("submission__owner", "decided_by").filter(pk=pk).first()


def get_round_for(user, pk: int) -> tuple[Round, str]:
    """The round at the review address, with the audience; Http404 for anyone else."""
    round = _round(pk) if user.is_authenticated else None
    audience = round_audience(user, round) if round else None
    if audience is None or (audience == OWNER and is_reviewer(user) and not is_staff(user)):
        raise Http404("No such round.")
    return round, audience


def get_own_round_for(user, pk: int) -> Round:
    round = _round(pk) if user.is_authenticated else None
    if round is None or round_audience(user, round) != OWNER:
        raise Http404("No such round.")
    return round


def can_claim_round(user, round: Round, reviews: list[Review]) -> bool:
    """`reviews`: every review of the round (claimed or submitted)."""
    return (
        is_reviewer(user)
        and round.submission.owner_id != user.pk
        and round.state in OPEN_FOR_REVIEW
        and all(review.reviewer_id != user.pk for review in reviews)
        and len(reviews) < round.reviews_required
    )


def can_adjudicate(user, round: Round) -> bool:
    return (
        is_staff(user)
        and round.submission.owner_id != user.pk
        and round.state == State.ADJUDICATION
    )


# --- Accounts ---------------------------------------------------------------------------------
# Deleting an account removes everything its owner made. Staff accounts, and accounts that own
# review rubrics (the instrument every reviewer scores with), are closed by staff in the admin.


def can_delete_account(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff or user.is_superuser:
        return False
    return not Rubric.objects.filter(owner=user, kind=Rubric.Kind.REVIEW).exists()
