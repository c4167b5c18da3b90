"""Issuing a credential with the approval, and revoking it."""

import jwt
import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError

from account.services import account_delete
from credentials import keys
from credentials.models import IssuedCredential
from credentials.services import credential_issue, credential_revoke
from onboarding.models import AuditEntry, Review, Round
from onboarding.services.reviews import round_adjudicate
from onboarding.workflow import Decision, State
from profiles.models import Profile
from tests.credentials.approval import approved_round
from tests.credentials.conftest import SITE
from tests.factories import UserFactory
from tests.onboarding.review_setup import review_form, reviewed, submitted_round

pytestmark = pytest.mark.django_db


def pyjwt_claims(token: str) -> dict:
    """The credential as PyJWT, a library independent of the signing one, reads it."""
    jwk = keys.public_jwks()["keys"][0]
    public = jwt.PyJWK(jwk).key
    return jwt.decode(token, public, algorithms=["EdDSA"], options={"verify_aud": False})


def test_approval_issues_a_credential_pyjwt_verifies(alice, rita, staff):
    review_form(staff)
    round = submitted_round(alice)
    Profile.objects.filter(user=alice).update(visibility="public")
    reviewed(round, rita, Decision.APPROVE)
    credential = IssuedCredential.objects.get()
    assert (credential.round, credential.expert, credential.issued_at) == (
        round,
        alice,
        round.decided_at,
    )
    assert credential.revoked_at is None and credential.domains == ["finance", "statistics"]
    claims = pyjwt_claims(credential.token)
    assert {name: claims.pop(name) for name in ("iss", "jti", "sub")} == {
        "iss": SITE,
        "jti": f"{SITE}/verify/{credential.pk}/",
        "sub": f"{SITE}/p/{alice.profile.slug}/",
    }
    assert claims.pop("nbf") == claims.pop("iat") == int(round.decided_at.timestamp())
    assert claims == credential.payload
    assert claims["id"] == f"{SITE}/verify/{credential.pk}/"
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    subject = claims["credentialSubject"]
    assert subject["name"] == "Alice Expert"
    assert subject["id"] == f"{SITE}/p/{alice.profile.slug}/"
    assert subject["achievement"]["tag"] == ["finance", "statistics"]
    assert jwt.get_unverified_header(credential.token)["typ"] == "vc+jwt"


def test_a_private_profile_is_not_named_in_the_credential(alice, rita, staff):
    approved_round(alice, rita, staff)
    assert "id" not in IssuedCredential.objects.get().payload["credentialSubject"]


@pytest.mark.parametrize("decision", [Decision.REQUEST_CHANGES, Decision.REJECT])
def test_other_decisions_issue_nothing(alice, rita, staff, decision):
    review_form(staff)
    reviewed(submitted_round(alice), rita, decision)
    assert not IssuedCredential.objects.exists()


def test_adjudicated_approval_issues_a_credential(alice, rita, staff, settings):
    settings.REVIEWS_REQUIRED = 2
    review_form(staff)
    round = submitted_round(alice)
    reviewed(round, rita, Decision.APPROVE)
    reviewed(round, UserFactory(reviewer=True), Decision.REJECT, score=4)
    assert not IssuedCredential.objects.exists()
    round_adjudicate(actor=staff, round=round, decision=Decision.APPROVE, note="Sound.")
    assert IssuedCredential.objects.get().round == round


def test_a_credential_that_cannot_be_signed_undoes_the_decision(alice, rita, staff, settings):
    review_form(staff)
    round = submitted_round(alice)
    settings.SIGNING_KEY = "not a key"
    with pytest.raises(ImproperlyConfigured):
        reviewed(round, rita, Decision.APPROVE)
    round = Round.objects.get(pk=round.pk)
    assert (round.state, round.decision) == (State.IN_REVIEW, "")
    assert not Review.objects.filter(state=Review.State.SUBMITTED).exists()
    assert not IssuedCredential.objects.exists()


def test_only_an_approved_round_earns_a_credential(alice, staff):
    review_form(staff)
    with pytest.raises(ValidationError, match="Only an approved round"):
        credential_issue(round=submitted_round(alice))


def test_staff_revoke_with_a_reason_audited(alice, rita, staff):
    round = approved_round(alice, rita, staff)
    credential = IssuedCredential.objects.get()
    credential_revoke(actor=staff, credential=credential, reason="  Plagiarised benchmark. ")
    credential.refresh_from_db()
    assert credential.revoke_reason == "Plagiarised benchmark."
    assert credential.revoked_by == staff and credential.revoked_at is not None
    entry = AuditEntry.objects.filter(round=round).last()
    assert (entry.action, entry.actor, entry.note) == (
        "approval_revoked",
        staff,
        "Plagiarised benchmark.",
    )
    assert (entry.from_state, entry.to_state) == (State.APPROVED, State.APPROVED)
    with pytest.raises(ValidationError, match="already revoked"):
        credential_revoke(actor=staff, credential=credential, reason="Again.")


def test_revoke_refusals(alice, rita, staff):
    approved_round(alice, rita, staff)
    credential = IssuedCredential.objects.get()
    for person in (alice, rita):
        with pytest.raises(PermissionDenied):
            credential_revoke(actor=person, credential=credential, reason="No.")
    with pytest.raises(ValidationError) as caught:
        credential_revoke(actor=staff, credential=credential, reason="   ")
    assert "Say why" in caught.value.message_dict["reason"][0]
    credential.refresh_from_db()
    assert credential.revoked_at is None
    assert not AuditEntry.objects.filter(action="approval_revoked").exists()


def test_closing_the_account_removes_the_credential(alice, rita, staff):
    approved_round(alice, rita, staff)
    account_delete(actor=alice)
    assert not IssuedCredential.objects.exists()
