"""Where an expert's credentials stand, read from their proofs, for every page that shows them."""

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone

from common.lookups import same_text
from portfolio.models import CredentialProof
from profiles.claims import CredentialStanding, Standings, credential_key, standing_of
from profiles.models import Credential


def standing_of_proof(proof: CredentialProof) -> CredentialStanding:
    decided_on = timezone.localdate(proof.decided_at) if proof.decided_at else None
    return CredentialStanding(proof.state, decided_on, proof.note if proof.is_declined else "")


def listed_credentials() -> QuerySet:
    """For a proof (OuterRef): its owner's credential of the same text in any case, as the
    database lowers both (as the proofs' constraint does); one at most, as the profile's
    constraint allows, so in no order."""
    return Credential.objects.filter(
        same_text("text", OuterRef("credential")), profile__user=OuterRef("owner")
    ).order_by()


def on_profile() -> Exists:
    """Whether a proof's credential is still on its owner's profile."""
    return Exists(listed_credentials())


def with_listed_text(proofs: QuerySet) -> QuerySet:
    """Proofs, each with `listed`: the text of the credential on the profile the database
    matched it with, or None."""
    return proofs.annotate(listed=Subquery(listed_credentials().values("text")))


def credential_standings(owner_id: int) -> Standings:
    """Every proof of the owner's credentials and where it stands (one query). A proof
    carries its credential's text as the profile spells it (proofs_follow_spelling()), so
    the pages find it by that text."""
    fields = ("credential", "state", "decided_at", "note")
    proofs = CredentialProof.objects.filter(owner_id=owner_id).only(*fields)
    return {credential_key(proof.credential): standing_of_proof(proof) for proof in proofs}


def saved_credential_claims(owner_id: int) -> list[tuple[str, CredentialStanding]]:
    """The owner's saved credentials, in order, each with where it stands (two queries)."""
    texts = Credential.objects.filter(profile__user_id=owner_id).order_by("position")
    standings = credential_standings(owner_id)
    return [(text, standing_of(text, standings)) for text in texts.values_list("text", flat=True)]


def proof_is_of_a_listed_credential(proof: CredentialProof) -> bool:
    return CredentialProof.objects.filter(on_profile(), pk=proof.pk).exists()


def verified_credentials(texts: Iterable[str], standings: Standings) -> list[dict]:
    """What a submission freezes: the credentials staff had verified, in the profile's order."""
    frozen = []
    for text in texts:
        standing = standings.get(credential_key(text))
        if standing is not None and standing.is_verified:
            frozen.append({"text": text, "verified_on": standing.decided_on.isoformat()})
    return frozen
