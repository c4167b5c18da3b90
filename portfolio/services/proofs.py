"""The expert's proofs of their credentials: attach (or replace) one, remove one.

Staff's decisions are onboarding's (onboarding.services.proofs), where the audit log is.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Subquery
from django.utils import timezone

from common.lookups import same_text
from common.versions import VersionConflict, version_raise
from portfolio.claims import listed_credentials, on_profile
from portfolio.models import CredentialProof
from portfolio.services.files import (
    blob_discarded_on_error,
    stored_file_create,
    stored_file_release,
)
from portfolio.validators import validate_link_url
from profiles.models import Credential, Profile, User


def _credential_text(actor: User, credential: str) -> str:
    """The credential as the actor's profile spells it now; refused when it is not there."""
    text = (
        Credential.objects.filter(same_text("text", credential.strip()), profile__user=actor)
        .values_list("text", flat=True)
        .first()
    )
    if text is None:
        raise ValidationError(
            "This credential is not on your profile (any more): add it in the profile editor "
            "first.",
            code="no_credential",
        )
    return text


def _check_link_or_file(link: str, upload: File | None) -> None:
    if link and upload is not None:
        raise ValidationError("Give either a link or a file, not both.", code="link_or_file")
    if not link and upload is None:
        raise ValidationError("Give a link, or choose a file to upload.", code="link_or_file")
    if link:
        validate_link_url(link)


@transaction.atomic
def proof_attach(
    *,
    actor: User,
    credential: str,
    link: str = "",
    upload: File | None = None,
    expected_version: int | None = None,
) -> CredentialProof:
    """Attach a proof to one of the actor's credentials: a link to the issuer's public
    register or a file (through the upload allow-list). A proof that is there already is
    replaced, and a replaced proof waits for staff again, whatever they decided before.

    `expected_version` is the proof's version the page showed (0: none); a proof changed since
    raises VersionConflict and nothing is written.
    """
    _check_link_or_file(link, upload)
    # One proof per credential: two first attaches at once wait for each other here. And
    # the profile's row, as a save locks it: the text read below is the spelling a save
    # renames proofs to (proofs_follow_spelling()), so the two never cross.
    User.objects.select_for_update().only("pk").get(pk=actor.pk)
    Profile.objects.select_for_update().filter(user=actor).only("pk").first()
    text = _credential_text(actor, credential)
    proof = CredentialProof.objects.filter(same_text("credential", text), owner=actor).first()
    if proof is None:
        if expected_version:
            raise VersionConflict(expected_version=expected_version, current_version=0)
        proof = CredentialProof(owner=actor)
    else:
        version_raise(proof, expected_version=expected_version)  # before a file is stored
    previous_file = proof.file if proof.file_id else None
    proof.credential, proof.link = text, link
    proof.file = stored_file_create(actor=actor, upload=upload) if upload is not None else None
    proof.state, proof.attached_at = CredentialProof.State.PENDING, timezone.now()
    proof.decided_at, proof.decided_by, proof.note = None, None, ""
    with blob_discarded_on_error(proof.file.storage_name if proof.file else None):
        proof.save()
        if previous_file is not None:
            stored_file_release(stored_file=previous_file)
    return proof


@transaction.atomic
def proof_remove(
    *, actor: User, proof: CredentialProof, expected_version: int | None = None
) -> None:
    """Take a proof away: the credential is self-declared again. Staff's decisions stay in the
    audit log."""
    if proof.owner_id != actor.pk:
        raise PermissionDenied("Only the expert removes a proof of their credential.")
    version_raise(proof, expected_version=expected_version)
    stored_file = proof.file if proof.file_id else None
    proof.delete()
    if stored_file is not None:
        stored_file_release(stored_file=stored_file)


def proofs_follow_spelling(owner_id: int) -> int:
    """Give each of the owner's proofs its credential's text as the profile now spells it,
    where the database counts the two as one text (a credential written again in other
    letters): every page then finds the proof by that exact text. One query, after every
    write of the profile; says how many proofs it renamed."""
    listed = Subquery(listed_credentials().values("text"))
    proofs = CredentialProof.objects.filter(on_profile(), owner_id=owner_id)
    return proofs.exclude(credential=listed).update(credential=listed)
