"""Deleting an account: everything the person made goes, other people's data stays, and a
reviewer's submitted reviews are kept under a closed, anonymised account."""

from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from account.services import FORMER_REVIEWER_NAME, account_delete
from onboarding.confirmations import CONFIRMATIONS
from onboarding.models import AuditEntry, Review, Round, RoundFile, Submission
from onboarding.queries.frozen import frozen_copy_key
from onboarding.services.proofs import proof_decide
from onboarding.services.reviews import review_claim
from onboarding.services.submissions import submission_submit
from onboarding.workflow import Decision, State
from portfolio.models import (
    AdversarialTestPlan,
    Benchmark,
    BenchmarkItem,
    CredentialProof,
    StoredFile,
    WorkSample,
)
from portfolio.previews import preview_key
from portfolio.services.proofs import proof_attach
from profiles.models import Profile
from profiles.permissions import is_reviewer
from rubrics.models import Rubric
from tests.factories import AdversarialTestPlanFactory, RubricFactory, UserFactory, make_profile
from tests.onboarding.review_setup import review_form, reviewed, submitted_round
from tests.portfolio.upload_examples import PDF, files_on_disk, stored_file, upload

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def world(alice, bob, rita, staff):
    """Alice and Bob each submitted a portfolio; Rita reviewed both and asked for changes."""
    review_form(staff)
    alice_round = submitted_round(alice)
    AdversarialTestPlanFactory(owner=alice)
    stored_file(alice, "report.pdf")  # an upload no artifact uses any more
    bob_round = submitted_round(bob, domains=("medicine", "law"))
    reviewed(alice_round, rita, Decision.REQUEST_CHANGES)
    reviewed(bob_round, rita, Decision.APPROVE)
    return {"alice_round": alice_round, "bob_round": bob_round}


def on_disk() -> set[str]:
    """Storage names of every file in the private upload root."""
    root = Path(settings.PRIVATE_UPLOAD_ROOT)
    return {path.relative_to(root).as_posix() for path in files_on_disk()}


def owned_counts(user) -> dict:
    return {
        "profiles": Profile.objects.filter(user=user).count(),
        "rubrics": Rubric.objects.filter(owner=user).count(),
        "benchmarks": Benchmark.objects.filter(owner=user).count(),
        "test_plans": AdversarialTestPlan.objects.filter(owner=user).count(),
        "work_samples": WorkSample.objects.filter(owner=user).count(),
        "files": StoredFile.objects.filter(owner=user).count(),
        "rounds": Round.objects.filter(submission__owner=user).count(),
    }


def test_account_delete_of_an_expert_removes_everything_they_made(
    client, alice, bob, rita, world, django_capture_on_commit_callbacks
):
    alice_files = set(StoredFile.objects.filter(owner=alice).values_list("storage_name", flat=True))
    bob_before = owned_counts(bob)
    disk_before = on_disk()
    assert len(alice_files) == 2 and alice_files <= disk_before

    alice_round = world["alice_round"]
    alice_file = alice_round.files.get().file
    cached = [frozen_copy_key(alice_round), preview_key(alice_file)]
    client.force_login(rita)
    assert "The model refused" in client.get(f"/review/rounds/{alice_round.pk}/").content.decode()
    assert all(cache.get(key) is not None for key in cached)

    with django_capture_on_commit_callbacks(execute=True):
        closed = account_delete(actor=alice)

    assert (closed.deleted, closed.kept_reviews, closed.removed_files) == (True, 0, 2)
    # What the round page kept of her round and file went too.
    assert [cache.get(key) for key in cached] == [None, None]
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not Submission.objects.filter(owner_id=alice.pk).exists()
    assert not Round.objects.filter(pk=world["alice_round"].pk).exists()
    # Rita's review of Alice's round went with the round; her other review stays.
    assert list(Review.objects.values_list("round_id", flat=True)) == [world["bob_round"].pk]
    assert not BenchmarkItem.objects.filter(benchmark__owner_id=alice.pk).exists()
    # The bytes left the storage; Bob's are untouched.
    assert on_disk() == disk_before - alice_files
    assert owned_counts(bob) == bob_before
    assert User.objects.filter(pk=rita.pk, is_active=True).exists()
    world["bob_round"].refresh_from_db()
    assert world["bob_round"].state == State.APPROVED


def test_account_delete_of_a_reviewer_keeps_their_reviews_under_a_closed_account(
    alice, bob, rita, world, django_capture_on_commit_callbacks
):
    rita_round = submitted_round(rita, domains=("chemistry", "biology"))
    reviewed(rita_round, UserFactory(reviewer=True), Decision.APPROVE)
    rita_files = list(StoredFile.objects.filter(owner=rita).values_list("storage_name", flat=True))
    alice_before, bob_before = owned_counts(alice), owned_counts(bob)
    AccessAttempt.objects.create(
        username="rita@example.com", ip_address="127.0.0.1", user_agent="x", failures_since_start=1
    )

    with django_capture_on_commit_callbacks(execute=True):
        closed = account_delete(actor=rita)

    assert (closed.deleted, closed.kept_reviews, closed.removed_files) == (False, 2, 1)
    rita.refresh_from_db()
    assert rita.name == FORMER_REVIEWER_NAME
    assert rita.email == f"former-reviewer-{rita.pk}@deleted.invalid"
    assert not rita.is_active and not rita.has_usable_password()
    assert not is_reviewer(rita) and not rita.groups.exists()
    assert owned_counts(rita) == dict.fromkeys(owned_counts(rita), 0)
    assert not Round.objects.filter(pk=rita_round.pk).exists()
    assert not AccessAttempt.objects.filter(username="rita@example.com").exists()
    # Her decisions on other portfolios stand, still hers.
    kept = Review.objects.filter(reviewer=rita).order_by("round_id")
    assert [(r.round_id, r.decision) for r in kept] == [
        (world["alice_round"].pk, Decision.REQUEST_CHANGES),
        (world["bob_round"].pk, Decision.APPROVE),
    ]
    assert owned_counts(alice) == alice_before and owned_counts(bob) == bob_before
    assert rita_files and not set(rita_files) & on_disk()
    # The email address is free again.
    assert not User.objects.filter(email="rita@example.com").exists()


def test_account_delete_leaves_nothing_of_the_closed_account_but_reviews_and_audit(
    rita, world, staff
):
    submitted_round(rita, domains=("chemistry", "biology"))
    account_delete(actor=rita)
    # Every model that points at a user: only reviews and the audit log may still point here.
    allowed = {Review, AuditEntry}
    left = {
        relation.related_model.__name__
        for relation in User._meta.related_objects
        if relation.related_model not in allowed
        and relation.related_model._base_manager.filter(**{relation.field.name: rita}).exists()
    }
    assert left == set()


def test_account_delete_releases_unfinished_reviews_then_deletes_the_account(
    alice, staff, django_capture_on_commit_callbacks
):
    review_form(staff)
    round = submitted_round(alice)
    ravi = UserFactory(reviewer=True)
    review_claim(actor=ravi, round=round)
    round.refresh_from_db()
    assert round.state == State.IN_REVIEW

    with django_capture_on_commit_callbacks(execute=True):
        closed = account_delete(actor=ravi)

    assert closed.deleted and closed.kept_reviews == 0
    assert not User.objects.filter(pk=ravi.pk).exists()
    round.refresh_from_db()
    assert round.state == State.SUBMITTED
    assert not round.reviews.exists()
    assert RoundFile.objects.filter(round=round).count() == 1


def test_account_delete_ends_the_first_offer_of_a_resubmission_to_the_reviewer(
    client, alice, rita, world
):
    resubmitted = submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    assert resubmitted.offered_to == rita
    account_delete(actor=rita)
    resubmitted.refresh_from_db()
    assert (resubmitted.offered_to, resubmitted.offered_until) == (None, None)
    raj = UserFactory(reviewer=True)
    client.force_login(raj)
    assert [row["pk"] for row in client.get("/review/").context["rows"]] == [resubmitted.pk]
    review_claim(actor=raj, round=resubmitted)
    assert list(resubmitted.reviews.values_list("reviewer", flat=True)) == [raj.pk]


def test_account_delete_of_staff_is_refused_and_changes_nothing(staff):
    rubric = RubricFactory(owner=staff, kind="review")
    with pytest.raises(PermissionDenied):
        account_delete(actor=staff)
    assert User.objects.filter(pk=staff.pk, is_active=True).exists()
    assert Rubric.objects.filter(pk=rubric.pk).exists()


def test_account_delete_of_an_owner_of_review_rubrics_is_refused(alice):
    RubricFactory(owner=alice, kind="review")
    with pytest.raises(PermissionDenied):
        account_delete(actor=alice)
    assert Rubric.objects.filter(owner=alice).count() == 1


def test_account_delete_removes_proofs_of_credentials_and_their_files(
    alice, staff, django_capture_on_commit_callbacks
):
    make_profile(alice, credentials=["CFA"])
    proof = proof_attach(actor=alice, credential="CFA", upload=upload("cfa.pdf", PDF))
    proof_decide(actor=staff, proof=proof, verify=True, note="", expected_version=1)
    with django_capture_on_commit_callbacks(execute=True):
        closed = account_delete(actor=alice)
    assert closed.removed_files == 1
    assert not CredentialProof.objects.exists() and not StoredFile.objects.exists()
    assert files_on_disk() == []
    # Staff's decision stays in the audit log, without the proof.
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CREDENTIAL_VERIFIED)
    assert entry.credential_proof is None and entry.note == "CFA."
