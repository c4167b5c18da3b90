"""Reads for the proofs of credentials: the expert's page and staff's list."""

from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Lower

from common.pagination import counted_page
from portfolio.claims import standing_of_proof
from portfolio.models import CredentialProof
from profiles.claims import SELF_DECLARED_STANDING, CredentialStanding
from profiles.models import Credential, User


@dataclass(frozen=True)
class ClaimRow:
    """A credential on the expert's page, with its proof if there is one."""

    text: str
    proof: CredentialProof | None
    standing: CredentialStanding


# Proofs of credentials no longer on the profile, and staff's decisions on one proof, a page
# at a time: credentials come and go, and a replaced proof is decided on again, without end.
ORPHANS_PER_PAGE = 25
HISTORY_PER_PAGE = 25


def _profile_credentials() -> QuerySet:
    """The owner's credentials of the same text as a proof's, in any case as the database
    lowers them (as the proofs' constraint does): one at most, by the profile's."""
    return Credential.objects.annotate(key=Lower("text")).filter(
        profile__user=OuterRef("owner"), key=Lower(OuterRef("credential"))
    )


def _on_profile() -> Exists:
    """Whether a proof's credential is still on its owner's profile."""
    return Exists(_profile_credentials())


def claims_of(user: User, *, orphans_page=1) -> tuple[list[ClaimRow], Page]:
    """The user's credentials in the profile's order, each with its proof and standing; and
    page `orphans_page` of the proofs of credentials no longer on the profile (they count for
    nothing), oldest first. Three queries."""
    texts = list(
        Credential.objects.filter(profile__user=user)
        .order_by("position")
        .values_list("text", flat=True)
    )
    mine = CredentialProof.objects.filter(owner=user)
    # Each proof by the text of the credential the database matched it with, so that a proof
    # it counts as on the profile has its row, whatever letters Python lowers otherwise.
    on_profile = mine.annotate(listed=Subquery(_profile_credentials().values("text")[:1]))
    proofs = {
        proof.listed: proof
        for proof in on_profile.filter(listed__isnull=False).select_related("file")
    }
    rows = []
    for text in texts:
        proof = proofs.get(text)
        standing = standing_of_proof(proof) if proof else SELF_DECLARED_STANDING
        rows.append(ClaimRow(text, proof, standing))
    orphans = mine.exclude(_on_profile()).order_by("attached_at", "pk")
    return rows, counted_page(orphans, orphans_page, ORPHANS_PER_PAGE)


def proofs_waiting() -> QuerySet:
    """Proofs waiting for staff, oldest first, of credentials still on the expert's profile."""
    return (
        CredentialProof.objects.filter(state=CredentialProof.State.PENDING)
        .filter(_on_profile())
        .select_related("owner", "file")
        .order_by("attached_at", "pk")
    )


def proof_history_page(proof: CredentialProof, number) -> Page:
    """Page `number` of staff's decisions on this proof, oldest first, with who made each.
    One query."""
    entries = proof.audit_entries.select_related("actor").order_by("at", "pk")
    return counted_page(entries, number, HISTORY_PER_PAGE)
