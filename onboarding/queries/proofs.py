"""Reads for the proofs of credentials: the expert's page and staff's list."""

from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import QuerySet

from common.pagination import counted_page
from portfolio.claims import on_profile, standing_of_proof, with_listed_text
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
    listed = with_listed_text(mine.order_by()).filter(on_profile()).select_related("file")
    proofs = {proof.listed: proof for proof in listed}
    rows = []
    for text in texts:
        proof = proofs.get(text)
        standing = standing_of_proof(proof) if proof else SELF_DECLARED_STANDING
        rows.append(ClaimRow(text, proof, standing))
    orphans = mine.exclude(on_profile()).order_by("attached_at", "pk")
    return rows, counted_page(orphans, orphans_page, ORPHANS_PER_PAGE)


def proofs_waiting() -> QuerySet:
    """Proofs waiting for staff, oldest first, of credentials still on the expert's profile."""
    return (
        CredentialProof.objects.filter(state=CredentialProof.State.PENDING)
        .filter(on_profile())
        .select_related("owner", "file")
        .order_by("attached_at", "pk")
    )


def proof_history_page(proof: CredentialProof, number) -> Page:
    """Page `number` of staff's decisions on this proof, oldest first, with who made each.
    One query."""
    entries = proof.audit_entries.select_related("actor").order_by("at", "pk")
    return counted_page(entries, number, HISTORY_PER_PAGE)
