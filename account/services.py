"""Closing an account: everything its owner made goes, in one transaction.

What goes: the profile, every rubric, benchmark, test plan and work sample, every uploaded
file (its bytes once the transaction commits), the submission with every round's frozen copy
and the reviews written about those rounds, and the 60–90 day plan; and what the review pages
keep of those rounds and files in the shared cache.

What stays: reviews the person submitted as a reviewer of other experts' portfolios, because
decisions and the reviewer-agreement figures rest on them. Such an account is closed instead
of deleted: it can no longer log in and its name and address are replaced, so the kept
reviews read "Former reviewer". Reviews claimed but not yet submitted are released first,
and resubmissions offered first to the person wait for them no more.
"""

from dataclasses import dataclass

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Q

from account.permissions import can_delete_account
from onboarding.models import DeepeningPlan, Review, Round, Submission
from onboarding.queries.frozen import frozen_copy_key
from onboarding.queries.queue_choices import forget_queue_filter_choices
from onboarding.services.assignment import first_offers_lapse
from onboarding.services.reviews import review_release
from portfolio.models import (
    AdversarialTestPlan,
    Benchmark,
    CredentialProof,
    StoredFile,
    WorkSample,
)
from portfolio.previews import preview_key
from profiles.models import Profile, User
from rubrics.models import Rubric

FORMER_REVIEWER_NAME = "Former reviewer"


@dataclass(frozen=True)
class AccountClosed:
    deleted: bool  # False: closed and anonymised, because submitted reviews are kept
    kept_reviews: int
    removed_files: int


def former_reviewer_email(user_pk: int) -> str:
    # .invalid is reserved (RFC 2606): the address can never receive mail or be signed up with.
    return f"former-reviewer-{user_pk}@deleted.invalid"


@transaction.atomic
def account_delete(*, actor: User) -> AccountClosed:
    """Delete the actor's account and everything they made (see the module for what stays)."""
    user = User.objects.select_for_update().get(pk=actor.pk)
    if not can_delete_account(user):
        raise PermissionDenied("Staff accounts are closed by another staff member in the admin.")
    # Every round this touches is locked first, in pk order, so a reviewer's write on one of
    # them waits here rather than meeting the deletion halfway.
    claimed = Review.objects.filter(reviewer=user, state=Review.State.CLAIMED).values("round_id")
    rounds = Round.objects.filter(Q(submission__owner=user) | Q(pk__in=claimed))
    list(rounds.select_for_update(of=("self",)).order_by("pk").values_list("pk", flat=True))
    for review in Review.objects.filter(reviewer=user, state=Review.State.CLAIMED).select_related(
        "round"
    ):
        review_release(actor=user, round=review.round)

    files = list(StoredFile.objects.filter(owner=user).values_list("storage_name", flat=True))
    # The round pages keep copies of the rounds and previews of the files in the shared
    # cache: those go too.
    own_rounds = Round.objects.filter(submission__owner=user).only("snapshot_sha256")
    cached = [
        frozen_copy_key(round, blind=blind) for round in own_rounds for blind in (False, True)
    ]
    cached += [preview_key(stored) for stored in StoredFile.objects.filter(owner=user)]
    # Rounds first: their files are kept for reviewers (RESTRICT) until the rounds are gone.
    Submission.objects.filter(owner=user).delete()
    # Proofs of credentials hold files too (RESTRICT), like work samples.
    owned = (WorkSample, CredentialProof, AdversarialTestPlan, Benchmark, DeepeningPlan, Rubric)
    for model in owned:
        model.objects.filter(owner=user).delete()
    Profile.objects.filter(user=user).delete()
    StoredFile.objects.filter(owner=user).delete()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=user.email).delete()

    kept = Review.objects.filter(reviewer=user).count()
    if kept:
        _anonymise(user)
    else:
        user.delete()
    # A resubmission offered first to them goes to every reviewer at once.
    first_offers_lapse()
    transaction.on_commit(lambda: _delete_bytes(files))
    transaction.on_commit(lambda: cache.delete_many(cached))
    transaction.on_commit(forget_queue_filter_choices)  # their rounds counted no more
    return AccountClosed(deleted=not kept, kept_reviews=kept, removed_files=len(files))


def _anonymise(user: User) -> None:
    user.email = former_reviewer_email(user.pk)
    user.name = FORMER_REVIEWER_NAME
    user.is_active = False
    user.set_unusable_password()  # also ends every other session of the account
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def _delete_bytes(storage_names: list[str]) -> None:
    storage = storages["default"]
    for name in storage_names:
        storage.delete(name)
