"""Writes of credentials: issue one on approval, revoke one."""

import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from common.lookups import same_text
from credentials import badges, signing
from credentials.models import IssuedCredential
from credentials.validators import validate_revoke_reason
from onboarding import audit
from onboarding.models import AuditEntry, Round
from onboarding.workflow import Decision
from portfolio.models import CredentialProof
from profiles.models import User
from profiles.permissions import is_staff


def reviewed_domains(round: Round) -> list[str]:
    """The domains of the profile as it was frozen and reviewed, in its order."""
    profile = round.snapshot.get("profile") or {}
    return [str(domain) for domain in profile.get("domains", [])]


def frozen_verified_credentials(round: Round) -> list[dict]:
    """The credentials staff had verified when the round was submitted, as it froze them.
    credential_issue() signs only those still verified when it is approved."""
    frozen = round.snapshot.get("verified_credentials")
    if not isinstance(frozen, list):
        return []
    return [
        {"text": str(entry["text"]), "verified_on": str(entry["verified_on"])}
        for entry in frozen
        if isinstance(entry, dict) and entry.get("text") and entry.get("verified_on")
    ]


def _still_verified(frozen: list[dict], owner_id: int) -> list[dict]:
    """A verification staff took back (declined, or a proof replaced and waiting) since the
    submission is not signed as evidence. One query, however many credentials were frozen."""
    if not frozen:
        return []
    # Found as the database compares a credential's texts (the proofs' constraint): the
    # credential may have been written again in other letters since, its proof renamed.
    found = CredentialProof.objects.filter(
        owner_id=owner_id, state=CredentialProof.State.VERIFIED
    ).aggregate(
        **{
            f"entry_{number}": Count("pk", filter=same_text("credential", entry["text"].strip()))
            for number, entry in enumerate(frozen)
        }
    )
    return [entry for number, entry in enumerate(frozen) if found[f"entry_{number}"]]


@transaction.atomic
def credential_issue(*, round: Round) -> IssuedCredential:
    """Sign and store the credential of an approved round (once)."""
    if round.decision != Decision.APPROVE or round.decided_at is None:
        raise ValidationError("Only an approved round earns a credential.", code="not_approved")
    owner = User.objects.select_related("profile").get(pk=round.submission.owner_id)
    profile = getattr(owner, "profile", None)
    credential_id = uuid.uuid4()
    payload = badges.approval_credential(
        credential_id=credential_id,
        expert_name=round.expert_name or owner.get_full_name(),
        approved_at=round.decided_at,
        domains=reviewed_domains(round),
        site_url=settings.SITE_URL,
        # The public profile names the expert only while it is public.
        expert_url=settings.SITE_URL + reverse("public_profile", args=[profile.slug])
        if profile is not None and profile.is_public
        else None,
        verified_credentials=_still_verified(frozen_verified_credentials(round), owner.pk),
    )
    return IssuedCredential.objects.create(
        id=credential_id,
        round=round,
        expert=owner,
        issued_at=round.decided_at,
        payload=payload,
        token=signing.sign_credential(payload),
    )


def credential_issue_on_approval(sender, *, round: Round, **kwargs) -> None:
    """onboarding's round_decided: an approval earns its credential in the same transaction."""
    if round.decision == Decision.APPROVE:
        credential_issue(round=round)


@transaction.atomic
def credential_revoke(
    *, actor: User, credential: IssuedCredential, reason: str
) -> IssuedCredential:
    """Staff withdraw an approval's credential, saying why; the round's audit log records it
    and /verify/ says it is revoked from now on."""
    credential = (
        IssuedCredential.objects.select_for_update().select_related("round").get(pk=credential.pk)
    )
    if not is_staff(actor):
        raise PermissionDenied("Only staff revoke approvals.")
    if credential.expert_id == actor.pk:
        raise PermissionDenied("You cannot revoke your own approval.")
    if credential.is_revoked:
        raise ValidationError(
            f"This approval was already revoked on {credential.revoked_at:%-d %B %Y}.",
            code="revoked_already",
        )
    validate_revoke_reason(reason)
    credential.revoked_at = timezone.now()
    credential.revoke_reason = reason.strip()
    credential.revoked_by = actor
    credential.save(update_fields=["revoked_at", "revoke_reason", "revoked_by"])
    audit.record(
        credential.round,
        actor=actor,
        action=AuditEntry.Action.APPROVAL_REVOKED,
        note=credential.revoke_reason,
    )
    return credential
