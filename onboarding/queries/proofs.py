"""Reads for the proofs of credentials: the expert's page and staff's list."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Lower

from onboarding.models import AuditEntry
from portfolio.claims import standing_of_proof
from portfolio.models import CredentialProof
from profiles.claims import SELF_DECLARED_STANDING, CredentialStanding, credential_key
from profiles.models import Credential, User


@dataclass(frozen=True)
class ClaimRow:
    """A credential on the expert's page, with its proof if there is one."""

    text: str
    proof: CredentialProof | None
    standing: CredentialStanding


def claims_of(user: User) -> tuple[list[ClaimRow], list[CredentialProof]]:
    """The user's credentials in the profile's order, each with its proof and standing; and
    the proofs of credentials no longer on the profile (they count for nothing). Two queries."""
    texts = list(
        Credential.objects.filter(profile__user=user)
        .order_by("position")
        .values_list("text", flat=True)
    )
    proofs = {
        credential_key(proof.credential): proof
        for proof in CredentialProof.objects.filter(owner=user).select_related("file")
    }
    rows = []
    for text in texts:
        proof = proofs.pop(credential_key(text), None)
        standing = standing_of_proof(proof) if proof else SELF_DECLARED_STANDING
        rows.append(ClaimRow(text, proof, standing))
    return rows, list(proofs.values())


def proofs_waiting() -> QuerySet:
    """Proofs waiting for staff, oldest first, of credentials still on the expert's profile."""
    on_profile = Credential.objects.annotate(key=Lower("text")).filter(
        profile__user=OuterRef("owner"), key=Lower(OuterRef("credential"))
    )
    return (
        CredentialProof.objects.filter(state=CredentialProof.State.PENDING)
        .filter(Exists(on_profile))
        .select_related("owner", "file")
        .order_by("attached_at", "pk")
    )


def proof_history(proof: CredentialProof) -> list[AuditEntry]:
    """Staff's decisions on this proof, oldest first."""
    return list(proof.audit_entries.select_related("actor").order_by("at", "pk"))
