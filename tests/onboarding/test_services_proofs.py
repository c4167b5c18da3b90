import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from common.versions import VersionConflict
from onboarding.models import AuditEntry
from onboarding.services.proofs import proof_decide
from portfolio.models import CredentialProof
from portfolio.services.proofs import proof_attach
from tests.factories import make_profile

pytestmark = pytest.mark.django_db

REGISTER = "https://register.example.org/cfa/123"


@pytest.fixture
def proof(alice):
    make_profile(alice, credentials=["CFA Level II"])
    return proof_attach(actor=alice, credential="CFA Level II", link=REGISTER)


def test_proof_decide_verify_is_audited_and_emailed(proof, staff):
    decided = proof_decide(actor=staff, proof=proof, verify=True, note="", expected_version=1)
    decided.refresh_from_db()
    assert (decided.state, decided.decided_by, decided.version) == ("verified", staff, 2)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.credential_proof, entry.round) == (
        AuditEntry.Action.CREDENTIAL_VERIFIED,
        staff,
        decided,
        None,
    )
    assert entry.note == "CFA Level II."
    (email,) = mail.outbox
    assert email.to == ["alice@example.com"]
    assert email.subject == "Your credential is verified: CFA Level II"
    assert "verified by Expertfolio staff on" in email.body
    assert "/profile/credentials/" in email.body


def test_proof_decide_decline_needs_a_note_the_expert_reads(proof, staff):
    with pytest.raises(ValidationError, match="Say why"):
        proof_decide(actor=staff, proof=proof, verify=False, note="  ", expected_version=1)
    assert CredentialProof.objects.get().state == "pending" and not AuditEntry.objects.exists()
    proof_decide(
        actor=staff,
        proof=proof,
        verify=False,
        note="Register shows no such number.",
        expected_version=1,
    )
    proof.refresh_from_db()
    assert (proof.state, proof.note) == ("declined", "Register shows no such number.")
    entry = AuditEntry.objects.get()
    assert entry.action == AuditEntry.Action.CREDENTIAL_DECLINED
    assert entry.note == "CFA Level II. Note: Register shows no such number."
    assert "Register shows no such number." in mail.outbox[0].body


def test_proof_decide_on_a_replaced_proof_is_refused(proof, alice, staff):
    proof_attach(actor=alice, credential="CFA Level II", link=REGISTER + "?new", expected_version=1)
    with pytest.raises(VersionConflict):
        proof_decide(actor=staff, proof=proof, verify=True, note="", expected_version=1)
    assert CredentialProof.objects.get().state == "pending"
    assert not AuditEntry.objects.exists() and not mail.outbox


def test_proof_decide_only_by_staff_and_never_on_their_own(proof, rita, alice, staff):
    for actor in (rita, alice):
        with pytest.raises(PermissionDenied):
            proof_decide(actor=actor, proof=proof, verify=True, note="", expected_version=1)
    make_profile(staff, credentials=["CPA"])
    own = proof_attach(actor=staff, credential="CPA", link=REGISTER)
    with pytest.raises(PermissionDenied):
        proof_decide(actor=staff, proof=own, verify=True, note="", expected_version=1)
    assert not AuditEntry.objects.exists()
