"""Staff verify or decline the proof of an expert's credential: audited, and the expert is told
by email."""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from common.versions import VersionConflict, version_raise
from onboarding.models import AuditEntry
from onboarding.validators import validate_decision_note
from portfolio.models import CredentialProof
from profiles.models import User
from profiles.permissions import is_staff

logger = logging.getLogger(__name__)

ACTIONS = {
    CredentialProof.State.VERIFIED: AuditEntry.Action.CREDENTIAL_VERIFIED,
    CredentialProof.State.DECLINED: AuditEntry.Action.CREDENTIAL_DECLINED,
}


def proof_decide(
    *,
    actor: User,
    proof: CredentialProof,
    verify: bool,
    note: str,
    expected_version: int | None,
    notify: bool = True,
) -> CredentialProof:
    """Verify the proof, or decline it with a note the expert reads. Refused for a proof that
    changed since the page showed it (VersionConflict), for anyone but staff, and for staff's
    own credentials. `notify=False` leaves out the email (demo data, which nobody reads)."""
    note = note.strip()
    validate_decision_note(verify=verify, note=note)
    with transaction.atomic():
        proof = CredentialProof.objects.select_for_update().filter(pk=proof.pk).first()
        if proof is None:
            # Removed by its expert since the page showed it: as stale as a replaced one.
            raise VersionConflict(expected_version=expected_version, current_version=0)
        if not is_staff(actor) or proof.owner_id == actor.pk:
            raise PermissionDenied("Only staff decide, and never on their own credentials.")
        version_raise(proof, expected_version=expected_version)
        proof.state = CredentialProof.State.VERIFIED if verify else CredentialProof.State.DECLINED
        proof.decided_at, proof.decided_by, proof.note = timezone.now(), actor, note
        proof.save(update_fields=["state", "decided_at", "decided_by", "note"])
        AuditEntry.objects.create(
            round=None,
            credential_proof=proof,
            actor=actor,
            action=ACTIONS[proof.state],
            note=f"{proof.credential}." + (f" Note: {note}" if note else ""),
        )
    if notify:
        _tell_the_expert(proof)
    return proof


def _tell_the_expert(proof: CredentialProof) -> None:
    owner = proof.owner
    context = {
        "proof": proof,
        "name": owner.get_short_name(),
        "url": settings.SITE_URL + reverse("proofs"),
    }
    subject = render_to_string("onboarding/emails/proof_decided_subject.txt", context)
    try:
        send_mail(
            " ".join(subject.split()),
            render_to_string("onboarding/emails/proof_decided_body.txt", context),
            None,
            [owner.email],
        )
    except Exception:
        logger.exception("The email on credential proof %s could not be sent", proof.pk)
