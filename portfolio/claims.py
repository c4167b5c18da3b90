"""Where an expert's credentials stand, read from their proofs, for every page that shows them."""

from collections.abc import Iterable

from django.utils import timezone

from portfolio.models import CredentialProof
from profiles.claims import CredentialStanding, Standings, credential_key, standing_of
from profiles.models import Credential


def standing_of_proof(proof: CredentialProof) -> CredentialStanding:
    decided_on = timezone.localdate(proof.decided_at) if proof.decided_at else None
    return CredentialStanding(proof.state, decided_on, proof.note if proof.is_declined else "")


def standings_of(proofs: Iterable[CredentialProof]) -> Standings:
    return {credential_key(proof.credential): standing_of_proof(proof) for proof in proofs}


def credential_standings(owner_id: int) -> Standings:
    """Every proof of the owner's credentials and where it stands (one query)."""
    fields = ("credential", "state", "decided_at", "note")
    return standings_of(CredentialProof.objects.filter(owner_id=owner_id).only(*fields))


def saved_credential_claims(owner_id: int) -> list[tuple[str, CredentialStanding]]:
    """The owner's saved credentials, in order, each with where it stands (two queries)."""
    texts = Credential.objects.filter(profile__user_id=owner_id).order_by("position")
    standings = credential_standings(owner_id)
    return [(text, standing_of(text, standings)) for text in texts.values_list("text", flat=True)]


def proof_is_of_a_listed_credential(proof: CredentialProof) -> bool:
    texts = Credential.objects.filter(profile__user_id=proof.owner_id).values_list(
        "text", flat=True
    )
    return credential_key(proof.credential) in {credential_key(text) for text in texts}


def verified_credentials(texts: Iterable[str], standings: Standings) -> list[dict]:
    """What a submission freezes: the credentials staff had verified, in the profile's order."""
    frozen = []
    for text in texts:
        standing = standings.get(credential_key(text))
        if standing is not None and standing.is_verified:
            frozen.append({"text": text, "verified_on": standing.decided_on.isoformat()})
    return frozen
