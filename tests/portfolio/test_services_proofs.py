import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from common.lookups import same_text
from common.versions import VersionConflict
from portfolio.claims import credential_standings, verified_credentials
from portfolio.models import CredentialProof, StoredFile
from portfolio.services.proofs import proof_attach, proof_remove
from profiles.claims import VERIFIED, standing_of
from profiles.models import Credential
from tests.common.test_lookups import PAIRS as LETTER_PAIRS
from tests.factories import make_profile
from tests.portfolio.upload_examples import PDF, files_on_disk, upload

pytestmark = pytest.mark.django_db

REGISTER = "https://register.example.org/cfa/123"


@pytest.fixture
def alice_cfa(alice):
    make_profile(alice, credentials=["CFA Level II", "PMP"])
    return alice


def _verify(proof: CredentialProof) -> CredentialProof:
    CredentialProof.objects.filter(pk=proof.pk).update(
        state=VERIFIED, decided_at=timezone.now(), version=proof.version + 1
    )
    proof.refresh_from_db()
    return proof


def test_proof_attach_link_waits_for_staff(alice_cfa):
    proof = proof_attach(actor=alice_cfa, credential="cfa level ii", link=REGISTER)
    proof.refresh_from_db()
    # Spelled as the profile spells it, whatever case the form sent.
    assert (proof.credential, proof.link, proof.file, proof.state) == (
        "CFA Level II",
        REGISTER,
        None,
        CredentialProof.State.PENDING,
    )
    assert standing_of("CFA Level II", credential_standings(alice_cfa.pk)).is_pending


def test_proof_attach_file_goes_through_the_allow_list(alice_cfa):
    proof = proof_attach(actor=alice_cfa, credential="PMP", upload=upload("pmp.pdf", PDF))
    assert proof.file.original_name == "pmp.pdf" and proof.link == ""
    assert len(files_on_disk()) == 1
    with pytest.raises(ValidationError, match="not accepted"):
        proof_attach(actor=alice_cfa, credential="CFA Level II", upload=upload("x.exe", b"MZ"))
    assert CredentialProof.objects.count() == 1 and StoredFile.objects.count() == 1


@pytest.mark.parametrize(
    ("link", "upload_file", "message"),
    [
        ("", None, "Give a link"),
        (REGISTER, upload("pmp.pdf", PDF), "not both"),
        ("ftp://register.example.org/", None, "http"),
        ("javascript:alert(1)", None, "http"),
    ],
)
def test_proof_attach_refuses_bad_input_and_saves_nothing(alice_cfa, link, upload_file, message):
    with pytest.raises(ValidationError, match=message):
        proof_attach(actor=alice_cfa, credential="PMP", link=link, upload=upload_file)
    assert not CredentialProof.objects.exists()
    assert files_on_disk() == []


def test_proof_attach_refuses_a_credential_not_on_the_profile(alice_cfa, bob):
    with pytest.raises(ValidationError, match="not on your profile"):
        proof_attach(actor=alice_cfa, credential="MD", link=REGISTER)
    make_profile(bob, credentials=["MD"])
    # Bob's credential is not Alice's.
    with pytest.raises(ValidationError, match="not on your profile"):
        proof_attach(actor=alice_cfa, credential="MD", link=REGISTER)
    assert not CredentialProof.objects.exists()


def test_proof_replaced_after_a_decision_waits_again_and_releases_the_old_file(
    alice_cfa, django_capture_on_commit_callbacks
):
    proof = proof_attach(actor=alice_cfa, credential="PMP", upload=upload("pmp.pdf", PDF))
    proof = _verify(proof)
    CredentialProof.objects.filter(pk=proof.pk).update(note="Looks right")
    with django_capture_on_commit_callbacks(execute=True):
        replaced = proof_attach(
            actor=alice_cfa, credential="PMP", link=REGISTER, expected_version=proof.version
        )
    replaced.refresh_from_db()
    assert replaced.pk == proof.pk
    assert (replaced.state, replaced.decided_at, replaced.note) == ("pending", None, "")
    assert replaced.version == proof.version + 1
    assert not StoredFile.objects.exists() and files_on_disk() == []


def test_proof_attach_based_on_an_old_version_is_refused(alice_cfa):
    proof = proof_attach(actor=alice_cfa, credential="PMP", link=REGISTER)
    proof = _verify(proof)
    with pytest.raises(VersionConflict):
        proof_attach(actor=alice_cfa, credential="PMP", link=REGISTER + "?2", expected_version=1)
    with pytest.raises(VersionConflict):
        # The page showed no proof (0) but there is one now; and a stale page for a new one.
        proof_attach(actor=alice_cfa, credential="PMP", link=REGISTER + "?2", expected_version=0)
    proof.refresh_from_db()
    assert (proof.link, proof.state) == (REGISTER, VERIFIED)
    with pytest.raises(VersionConflict):
        proof_attach(actor=alice_cfa, credential="CFA Level II", link=REGISTER, expected_version=3)


def test_a_credential_reworded_after_verification_is_self_declared(alice_cfa):
    _verify(proof_attach(actor=alice_cfa, credential="PMP", link=REGISTER))
    assert credential_standings(alice_cfa.pk)["PMP"].is_verified
    # The editor writes the list afresh; the same text in other case keeps its standing,
    # its proof renamed with it.
    make_profile(alice_cfa, credentials=["pmp", "CFA Level II"])
    assert standing_of("pmp", credential_standings(alice_cfa.pk)).is_verified
    assert CredentialProof.objects.get(owner=alice_cfa).credential == "pmp"
    make_profile(alice_cfa, credentials=["PMP (2024)", "CFA Level II"])
    standing = standing_of("PMP (2024)", credential_standings(alice_cfa.pk))
    assert standing.state == "self_declared" and standing.words == "self-declared"
    assert verified_credentials(["PMP (2024)"], credential_standings(alice_cfa.pk)) == []


def test_proof_remove_is_the_owners_and_releases_the_file(
    alice_cfa, bob, django_capture_on_commit_callbacks
):
    proof = proof_attach(actor=alice_cfa, credential="PMP", upload=upload("pmp.pdf", PDF))
    with pytest.raises(PermissionDenied):
        proof_remove(actor=bob, proof=proof, expected_version=proof.version)
    with pytest.raises(VersionConflict):
        proof_remove(actor=alice_cfa, proof=proof, expected_version=0)
    with django_capture_on_commit_callbacks(execute=True):
        proof_remove(actor=alice_cfa, proof=proof, expected_version=proof.version)
    assert not CredentialProof.objects.exists() and not StoredFile.objects.exists()
    assert files_on_disk() == []


def test_credential_proof_constraints(alice_cfa, alice):
    proof = proof_attach(actor=alice_cfa, credential="PMP", link=REGISTER)
    with pytest.raises(IntegrityError), transaction.atomic():
        CredentialProof.objects.create(owner=alice, credential="pmp", link=REGISTER)
    with pytest.raises(IntegrityError), transaction.atomic():
        CredentialProof.objects.create(owner=alice, credential="Other", link="")
    with pytest.raises(IntegrityError), transaction.atomic():
        CredentialProof.objects.filter(pk=proof.pk).update(state=VERIFIED)  # without a date
    with pytest.raises(IntegrityError), transaction.atomic():
        CredentialProof.objects.filter(pk=proof.pk).update(state="approved")


def test_verified_credentials_freeze_in_the_profiles_order(alice_cfa):
    for text in ("PMP", "CFA Level II"):
        _verify(proof_attach(actor=alice_cfa, credential=text, link=REGISTER))
    today = timezone.localdate().isoformat()
    assert verified_credentials(
        ["CFA Level II", "PMP", "MD"], credential_standings(alice_cfa.pk)
    ) == [
        {"text": "CFA Level II", "verified_on": today},
        {"text": "PMP", "verified_on": today},
    ]


@pytest.mark.parametrize(("first", "second"), LETTER_PAIRS)
def test_a_proof_is_attached_again_after_the_credential_s_letters_change(alice, first, second):
    """The proof of a credential whose letters changed is the one the constraint allows: the
    same proof where the database counts the two as one text, a second where it does not."""
    make_profile(alice, credentials=[first])
    proof_attach(actor=alice, credential=first, link="https://register.example.org/1")
    Credential.objects.filter(profile__user=alice).update(text=second)
    proof_attach(actor=alice, credential=second, link="https://register.example.org/2")
    one_text = Credential.objects.filter(same_text("text", first), profile__user=alice).exists()
    proofs = CredentialProof.objects.filter(owner=alice).order_by("pk")
    assert list(proofs.values_list("credential", "link")) == (
        [(second, "https://register.example.org/2")]
        if one_text
        else [(first, "https://register.example.org/1"), (second, "https://register.example.org/2")]
    )
