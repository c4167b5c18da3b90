"""Every page that shows a credential says where it stands, and a submission freezes it."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.dateformat import format as date_format

from credentials.models import IssuedCredential
from onboarding.confirmations import CONFIRMATIONS
from onboarding.services.proofs import proof_decide
from onboarding.services.submissions import submission_submit
from onboarding.workflow import Decision
from portfolio.models import CredentialProof
from portfolio.services.proofs import proof_attach
from profiles.models import Profile
from tests.common.test_lookups import PAIRS as LETTER_PAIRS
from tests.factories import UserFactory, make_profile
from tests.onboarding.review_setup import ready_portfolio, review_form, reviewed
from tests.portfolio.upload_examples import PDF, upload

pytestmark = pytest.mark.django_db

REGISTER = "https://register.example.org/cfa/123"


def verified_words() -> str:
    return f"verified by Expertfolio staff on {date_format(timezone.localdate(), 'j F Y')}"


@pytest.fixture
def claims(alice, staff):
    """Alice: CFA verified, PMP pending, FRM declined, CPA self-declared; profile public."""
    ready_portfolio(alice, credentials=("CFA", "PMP", "FRM", "CPA"))
    Profile.objects.filter(user=alice).update(visibility="public")
    cfa = proof_attach(actor=alice, credential="CFA", link=REGISTER)
    proof_decide(actor=staff, proof=cfa, verify=True, note="", expected_version=1)
    proof_attach(actor=alice, credential="PMP", upload=upload("pmp.pdf", PDF))
    frm = proof_attach(actor=alice, credential="FRM", link=REGISTER)
    proof_decide(actor=staff, proof=frm, verify=False, note="Expired in 2021.", expected_version=1)
    return alice


def standings_in(html: str) -> dict[str, str]:
    """credential text -> the words of its standing, as the page lists them."""
    found = {}
    for text in ("CFA", "PMP", "FRM", "CPA"):
        match = re.search(rf">{text}\s*<span class=\"badge[^>]*>([^<]*)<", html)
        found[text] = match[1] if match else None
    return found


def test_owner_profile_shows_every_standing_and_the_decline_note(client, claims):
    client.force_login(claims)
    html = client.get("/profile/").content.decode()
    assert standings_in(html) == {
        "CFA": verified_words(),
        "PMP": "proof pending review",
        "FRM": "proof declined",
        "CPA": "self-declared",
    }
    proofs_page = client.get("/profile/credentials/").content.decode()
    assert "Expired in 2021." in proofs_page
    # As the public sees it: only verified or self-declared.
    public_view = client.get("/profile/?view=public").content.decode()
    assert set(standings_in(public_view).values()) == {verified_words(), "self-declared"}


def test_public_profile_shows_verified_and_self_declared_only(client, claims, staff):
    html = client.get(f"/p/{claims.profile.slug}/").content.decode()
    assert standings_in(html) == {
        "CFA": verified_words(),
        "PMP": "self-declared",
        "FRM": "self-declared",
        "CPA": "self-declared",
    }
    assert "Expired in 2021." not in html
    # A verification shows at once, though the profile itself did not change.
    pmp = CredentialProof.objects.get(credential="PMP")
    proof_decide(actor=staff, proof=pmp, verify=True, note="", expected_version=pmp.version)
    html = client.get(f"/p/{claims.profile.slug}/").content.decode()
    assert standings_in(html)["PMP"] == verified_words()


def test_profile_editor_lists_the_saved_standings(client, claims):
    client.force_login(claims)
    html = client.get("/profile/edit/").content.decode()
    aside = html[html.index('class="editor-claims') :]
    assert standings_in(aside)["CFA"] == verified_words()
    assert standings_in(aside)["FRM"] == "proof declined"
    assert 'href="/profile/credentials/"' in aside


def test_round_page_shows_the_standings_frozen_at_submission(client, claims, rita, staff):
    round = submission_submit(actor=claims, confirmed=CONFIRMATIONS)
    assert round.snapshot["verified_credentials"] == [
        {"text": "CFA", "verified_on": timezone.localdate().isoformat()}
    ]
    pmp = CredentialProof.objects.get(credential="PMP")
    proof_decide(actor=staff, proof=pmp, verify=True, note="", expected_version=pmp.version)
    client.force_login(rita)
    html = client.get(f"/review/rounds/{round.pk}/").content.decode()
    frozen = html[html.index("frozen-profile") :]
    assert standings_in(frozen) == {
        "CFA": verified_words(),
        "PMP": "self-declared",  # verified after the round was submitted
        "FRM": "self-declared",
        "CPA": "self-declared",
    }


def test_credential_standings_are_in_the_lists_html(client, claims):
    client.force_login(claims)
    assert None not in standings_in(client.get("/profile/").content.decode()).values()


def test_approval_credential_lists_only_verified_credentials_as_evidence(
    client, claims, rita, staff
):
    review_form(staff)
    round = submission_submit(actor=claims, confirmed=CONFIRMATIONS)
    reviewed(round, rita, Decision.APPROVE)
    payload = IssuedCredential.objects.get(round=round).payload
    assert payload["evidence"] == [
        {
            "type": ["Evidence"],
            "name": "CFA",
            "description": f"Verified by Expertfolio staff on {timezone.localdate().isoformat()}.",
            "genre": "Professional credential, verified by Expertfolio staff",
        }
    ]
    credential = IssuedCredential.objects.get(round=round)
    html = client.get(f"/verify/{credential.pk}/").content.decode()
    assert "CFA: <span" in html and "Verified by Expertfolio staff on" in html


def test_proof_files_reach_the_owner_and_staff_only(client, claims, staff):
    """A proof is in no round: reviewers read where a credential stands, never the proof,
    not even of an expert whose round they may read."""
    stored = CredentialProof.objects.get(credential="PMP").file
    url = f"/files/{stored.pk}/"
    rita = UserFactory(email="rita@example.com", reviewer=True)
    bob = UserFactory(email="bob@example.com")
    assert client.get(url)["Location"].startswith("/accounts/login/")
    expected = {claims: 200, staff: 200, bob: 404, rita: 404}
    for person, status in expected.items():
        client.force_login(person)
        assert client.get(url).status_code == status, person
    submission_submit(actor=claims, confirmed=CONFIRMATIONS)
    for person in (rita, bob):
        client.force_login(person)
        assert client.get(url).status_code == 404, person


def test_exports_stay_the_experts_own_statements(client, claims):
    """A verification is staff's: the skill-profile and JSON Resume exports carry none, so
    they import again unchanged and nobody can import a "verified"."""
    client.force_login(claims)
    document = client.get("/profile/export.json").json()
    assert document["credentials"] == ["CFA", "PMP", "FRM", "CPA"]
    assert "verified" not in client.get("/profile/export.json").content.decode()
    resume = client.get("/profile/export.resume.json").content.decode()
    assert "CFA" in resume and "verified" not in resume.lower()


def test_a_credential_reworded_to_another_spelling_is_self_declared_again(client, alice, staff):
    make_profile(alice, credentials=["Staatsexamen Straße"])
    proof = proof_attach(actor=alice, credential="Staatsexamen Straße", link=REGISTER)
    proof_decide(actor=staff, proof=proof, verify=True, note="", expected_version=proof.version)
    client.force_login(alice)
    assert 'data-standing="verified"' in client.get("/profile/").content.decode()
    make_profile(alice, credentials=["STAATSEXAMEN STRASSE"])
    assert 'data-standing="verified"' not in client.get("/profile/").content.decode()


def test_approval_credential_leaves_out_a_verification_taken_back_after_submission(
    claims, rita, staff
):
    review_form(staff)
    round = submission_submit(actor=claims, confirmed=CONFIRMATIONS)
    cfa = CredentialProof.objects.get(credential="CFA")
    proof_decide(
        actor=staff,
        proof=cfa,
        verify=False,
        note="Revoked by the issuer.",
        expected_version=cfa.version,
    )
    reviewed(round, rita, Decision.APPROVE)
    assert "evidence" not in IssuedCredential.objects.get(round=round).payload


def test_approval_credential_keeps_a_verification_whose_credential_left_the_profile(
    claims, rita, staff
):
    """Staff took nothing back: the proof still stands as verified, though the expert took
    the credential off the profile after submitting (the reviewers read it as submitted)."""
    review_form(staff)
    round = submission_submit(actor=claims, confirmed=CONFIRMATIONS)
    make_profile(claims, credentials=["PMP"])
    reviewed(round, rita, Decision.APPROVE)
    evidence = IssuedCredential.objects.get(round=round).payload["evidence"]
    assert [entry["name"] for entry in evidence] == ["CFA"]


@pytest.mark.parametrize(("first", "second"), LETTER_PAIRS)
def test_approval_credential_keeps_a_verification_whose_credential_was_written_again(
    alice, rita, staff, first, second
):
    """In other letters after submitting: the proof, renamed with it where the database
    counts the two as one text, or kept apart where it does not, still stands verified."""
    review_form(staff)
    ready_portfolio(alice, credentials=(first,))
    proof = proof_attach(actor=alice, credential=first, link=REGISTER)
    proof_decide(actor=staff, proof=proof, verify=True, note="", expected_version=1)
    round = submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    make_profile(alice, credentials=[second])
    reviewed(round, rita, Decision.APPROVE)
    evidence = IssuedCredential.objects.get(round=round).payload["evidence"]
    assert [entry["name"] for entry in evidence] == [first]


def test_approval_checks_every_frozen_verification_in_one_query(alice, rita, staff):
    """Four credentials frozen as verified, one taken back since: the approval reads the
    verified proofs once for all four, and signs the three that still stand."""
    review_form(staff)
    texts = ("CFA", "PMP", "FRM", "CPA")
    ready_portfolio(alice, credentials=texts)
    for text in texts:
        proof = proof_attach(actor=alice, credential=text, link=REGISTER)
        proof_decide(actor=staff, proof=proof, verify=True, note="", expected_version=1)
    round = submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    pmp = CredentialProof.objects.get(credential="PMP")
    proof_decide(actor=staff, proof=pmp, verify=False, note="Lapsed.", expected_version=pmp.version)
    with CaptureQueriesContext(connection) as queries:
        reviewed(round, rita, Decision.APPROVE)
    proof_reads = [q for q in queries if 'FROM "portfolio_credentialproof"' in q["sql"]]
    assert len(proof_reads) == 1
    evidence = IssuedCredential.objects.get(round=round).payload["evidence"]
    assert [entry["name"] for entry in evidence] == ["CFA", "FRM", "CPA"]
