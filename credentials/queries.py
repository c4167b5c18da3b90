"""Checking credentials against what was issued: the verification pages' one read."""

import uuid

from credentials.models import IssuedCredential
from credentials.signing import Revocation, Verdict, Verification, verify_credential


def verify_token(token: str) -> tuple[Verification, IssuedCredential | None]:
    """Check a VC-JWT (pasted, or one we stored) and find its record. A token signed with our
    key whose record is gone (the expert closed their account) is not current."""
    found: dict[str, IssuedCredential | None] = {}

    def revocation_of(credential_id: str) -> Revocation | None:
        record = issued_credential(credential_id)
        found["record"] = record
        if record is None or not record.is_revoked:
            return None
        return Revocation(record.revoked_at.date(), record.revoke_reason)

    verification = verify_credential(token, revocation_of=revocation_of)
    record = found.get("record")
    if verification.credential_id is not None and record is None:
        verification = Verification(
            Verdict.UNKNOWN,
            "Not current: Expertfolio signed this credential, but no longer has it on record "
            "(its expert closed their account, or it was withdrawn). Do not rely on it.",
        )
    return verification, record


def no_credential_at_address() -> Verification:
    """The verdict for /verify/<id>/ when no credential has that id (any more)."""
    return Verification(
        Verdict.UNKNOWN,
        "Expertfolio has no credential at this address: none was issued here, or it was "
        "withdrawn when its expert closed their account. Do not rely on a credential that "
        "points here.",
    )


def issued_credential(credential_id: str | uuid.UUID) -> IssuedCredential | None:
    try:
        key = uuid.UUID(str(credential_id))
    except ValueError:
        return None
    return IssuedCredential.objects.select_related("round").filter(pk=key).first()
