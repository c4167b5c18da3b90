"""Who may see and change portfolio things. Every view calls one of these first.

Anything a person may not see answers 404, so nobody learns that it exists.
"""

from django.db.models import Prefetch
from django.http import Http404

from portfolio.models import (
    AdversarialTestPlan,
    Benchmark,
    BenchmarkItem,
    CredentialProof,
    Evidence,
    WorkSample,
)
from profiles.permissions import remember_reviewer, with_reviewer_flag


def is_owner(user, obj) -> bool:
    return bool(user.is_authenticated and user.is_active and obj.owner_id == user.pk)


# Artifacts are private to their owner while they are being written; reviewers read the
# submitted snapshot, never the live artifact.


def can_view_artifact(user, artifact) -> bool:
    return is_owner(user, artifact)


def can_edit_artifact(user, artifact) -> bool:
    return is_owner(user, artifact)


def _get_artifact_for(queryset, user, pk: int, *, write: bool):
    artifact = None
    if user.is_authenticated:
        # With whether the person reviews, which the navigation asks: one query for both.
        artifact = with_reviewer_flag(queryset.filter(pk=pk), user).first()
        if artifact is not None:
            remember_reviewer(user, artifact)
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


def get_own_proof_for(user, pk: int) -> CredentialProof:
    """A proof of one of the user's credentials; anyone else's answers 404."""
    proof = CredentialProof.objects.filter(pk=pk).first() if user.is_authenticated else None
    if proof is None or not is_owner(user, proof):
        raise Http404("No such proof.")
    return proof


def get_evidence_for(user, pk: int) -> Evidence:
    """One of the user's own evidence links; anyone else's is 404."""
    evidence = Evidence.objects.filter(pk=pk).first() if user.is_authenticated else None
    if evidence is None or not is_owner(user, evidence):
        raise Http404("No such evidence.")
    return evidence
