"""/profile/credentials/: the expert attaches, replaces and removes proofs of credentials."""

import re

import pytest
from django.urls import reverse

from common.lookups import same_text
from portfolio.claims import saved_credential_claims
from portfolio.models import CredentialProof, StoredFile
from portfolio.services.proofs import proof_attach
from profiles.models import Credential
from tests.factories import make_profile
from tests.portfolio.upload_examples import PDF, files_on_disk, upload

pytestmark = pytest.mark.django_db

PAGE = "/profile/credentials/"
ATTACH = "/profile/credentials/attach/"
REGISTER = "https://register.example.org/cfa/123"


@pytest.fixture
def alice_cfa(alice):
    make_profile(alice, credentials=["CFA Level II", "PMP"])
    return alice


def link_form(credential="PMP", link=REGISTER, version=0) -> dict:
    return {"credential": credential, "source": "link", "link": link, "version": version}


def test_proofs_page_lists_each_credential_as_self_declared(client, alice_cfa):
    client.force_login(alice_cfa)
    response = client.get(PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert [row.text for row, _ in response.context["claims"]] == ["CFA Level II", "PMP"]
    assert html.count('data-standing="self_declared"') == 2
    # One form per credential, each with ids of its own.
    assert 'id="proof-0-link"' in html and 'id="proof-1-link"' in html
    # Who may download a proof, as onboarding.permissions.can_download_file has it.
    assert "only you and Expertfolio staff can download them" in html
    assert "reviewers of your portfolio can download" not in html


def test_proof_attach_link_redirects_and_shows_pending(client, alice_cfa):
    client.force_login(alice_cfa)
    response = client.post(ATTACH, link_form())
    assert response.status_code == 302 and response["Location"] == PAGE
    proof = CredentialProof.objects.get()
    assert (proof.owner, proof.credential, proof.link, proof.state) == (
        alice_cfa,
        "PMP",
        REGISTER,
        "pending",
    )
    html = client.get(PAGE).content.decode()
    assert "proof pending review" in html and REGISTER in html


def test_proof_attach_file_is_kept_private(client, alice_cfa, bob):
    client.force_login(alice_cfa)
    data = {**link_form(), "source": "file", "link": "", "file": upload("pmp.pdf", PDF)}
    assert client.post(ATTACH, data).status_code == 302
    stored = CredentialProof.objects.get().file
    assert stored.original_name == "pmp.pdf"
    assert client.get(f"/files/{stored.pk}/").status_code == 200
    client.force_login(bob)
    assert client.get(f"/files/{stored.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (link_form(link="ftp://register.example.org/x"), "link", "http"),
        (link_form(link=""), "link", "Give the link"),
        ({**link_form(), "source": "file", "link": ""}, "file", "Choose a file"),
        (
            {**link_form(), "source": "file", "file": upload("cert.exe", b"MZ")},
            "file",
            "not accepted",
        ),
        (
            {**link_form(), "source": "file", "file": upload("cert.pdf", b"not a pdf")},
            "file",
            "is not a PDF",
        ),
    ],
)
def test_proof_attach_bad_input_shows_at_the_field_and_saves_nothing(
    client, alice_cfa, data, field, message
):
    client.force_login(alice_cfa)
    response = client.post(ATTACH, data)
    assert response.status_code == 200
    row, form = response.context["claims"][1]
    assert row.text == "PMP" and message in " ".join(form.errors[field])
    assert not CredentialProof.objects.exists() and not StoredFile.objects.exists()
    assert files_on_disk() == []
    # The message is at the field in PMP's form, and the field names it for screen readers.
    html = response.content.decode()
    tag = re.search(rf'<input [^>]*id="proof-1-{field}"[^>]*>', html).group(0)
    assert re.search(rf'aria-describedby="[^"]*\bproof-1-{field}_error\b', tag)
    assert f'<div id="proof-1-{field}_error" class="invalid-feedback">' in html


def test_proof_attach_too_large_file_is_stopped_while_reading(client, alice_cfa, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    client.force_login(alice_cfa)
    data = {**link_form(), "source": "file", "link": "", "file": upload("n.txt", b"a" * 5000)}
    response = client.post(ATTACH, data)
    _, form = response.context["claims"][1]
    assert "larger than 1000" in " ".join(form.errors["file"])
    assert not CredentialProof.objects.exists() and files_on_disk() == []


def test_proof_attach_for_a_credential_not_on_the_profile_says_so(client, alice_cfa):
    client.force_login(alice_cfa)
    response = client.post(ATTACH, link_form(credential="MD"))
    assert response.status_code == 200
    assert "not on your profile" in response.content.decode()
    assert not CredentialProof.objects.exists()


def test_proof_attach_stale_page_is_refused_with_input_kept(client, alice_cfa):
    proof = proof_attach(actor=alice_cfa, credential="PMP", link=REGISTER)
    client.force_login(alice_cfa)
    response = client.post(ATTACH, link_form(link=REGISTER + "?mine", version=0))
    assert response.status_code == 409
    _, form = response.context["claims"][1]
    assert form["link"].value() == REGISTER + "?mine"
    assert form["version"].value() == str(proof.version)
    assert CredentialProof.objects.get().link == REGISTER
    # Sent again from the refreshed form, it replaces the proof knowingly.
    client.post(ATTACH, link_form(link=REGISTER + "?mine", version=proof.version))
    assert CredentialProof.objects.get().link == REGISTER + "?mine"


def test_proof_remove_makes_the_credential_self_declared(client, alice_cfa):
    proof = proof_attach(actor=alice_cfa, credential="PMP", link=REGISTER)
    client.force_login(alice_cfa)
    url = reverse("proof_remove", args=[proof.pk])
    response = client.post(url, {"version": 0})  # stale: refused
    assert response.status_code == 302 and CredentialProof.objects.exists()
    response = client.post(url, {"version": proof.version})
    assert response.status_code == 302 and not CredentialProof.objects.exists()


def test_proof_remove_of_someone_else_is_404(client, alice_cfa, bob):
    proof = proof_attach(actor=alice_cfa, credential="PMP", link=REGISTER)
    client.force_login(bob)
    response = client.post(reverse("proof_remove", args=[proof.pk]), {"version": 1})
    assert response.status_code == 404 and CredentialProof.objects.exists()


def test_proofs_pages_ask_anonymous_to_log_in_and_refuse_other_methods(client, alice_cfa):
    for url in (PAGE, ATTACH):
        assert client.get(url).status_code in (302, 405)
    assert client.get(PAGE)["Location"].startswith("/accounts/login/")
    client.force_login(alice_cfa)
    assert client.get(ATTACH).status_code == 405
    assert client.post(PAGE).status_code == 405


def test_proof_of_a_removed_credential_is_listed_apart(client, alice_cfa):
    proof_attach(actor=alice_cfa, credential="PMP", link=REGISTER)
    make_profile(alice_cfa, credentials=["CFA Level II"])
    client.force_login(alice_cfa)
    response = client.get(PAGE)
    assert [p.credential for p in response.context["orphans"]] == ["PMP"]
    assert "no longer on your profile" in response.content.decode()


@pytest.mark.parametrize("first, second", [("İnci Cert", "inci Cert"), ("Émile", "émile")])
def test_proof_of_a_credential_whose_letters_changed_shows_once(client, alice, first, second):
    """In the credential's row where the database counts the two texts as one (as the
    proofs' constraint does), else among the proofs of removed credentials; never nowhere,
    and the other pages agree."""
    make_profile(alice, credentials=[first])
    proof = proof_attach(actor=alice, credential=first, link=REGISTER)
    make_profile(alice, credentials=[second])
    one_text = Credential.objects.filter(same_text("text", first), profile__user=alice).exists()
    client.force_login(alice)
    response = client.get(PAGE)
    rows = [(row.text, row.proof) for row, _ in response.context["claims"]]
    orphans = list(response.context["orphans"])
    assert rows == [(second, proof if one_text else None)]
    assert orphans == ([] if one_text else [proof])
    # Every other page that shows the credential says the same of it.
    standing = response.context["claims"][0][0].standing
    assert standing.is_pending is one_text
    assert saved_credential_claims(alice.pk) == [(second, standing)]


def test_proofs_page_query_count_does_not_grow_with_credentials(
    client, alice, django_assert_max_num_queries
):
    make_profile(alice, credentials=["C0", "C1"])
    for text in ("C0", "C1"):
        proof_attach(actor=alice, credential=text, upload=upload(f"{text}.pdf", PDF))
    client.force_login(alice)
    with django_assert_max_num_queries(6) as few:
        client.get(PAGE)
    texts = [f"C{number}" for number in range(12)]
    make_profile(alice, credentials=texts)
    for text in texts[2:]:
        proof_attach(actor=alice, credential=text, link=REGISTER)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(PAGE)
    assert len(response.context["claims"]) == 12


def orphaned_proofs(user, start: int, stop: int) -> None:
    """Proofs of credentials Orphan<start> to Orphan<stop - 1>, which then leave the profile
    (a profile lists at most 20 credentials at a time)."""
    for first in range(start, stop, 20):
        texts = [f"Orphan{number:02}" for number in range(first, min(first + 20, stop))]
        make_profile(user, credentials=texts)
        for text in texts:
            proof_attach(actor=user, credential=text, link=REGISTER)
    make_profile(user, credentials=["PMP"])


def test_proofs_page_shows_proofs_of_removed_credentials_a_page_at_a_time(
    client, alice, django_assert_max_num_queries
):
    orphaned_proofs(alice, 0, 3)
    client.force_login(alice)
    with django_assert_max_num_queries(6) as few:
        response = client.get(PAGE)
    assert [p.credential for p in response.context["orphans"]] == [
        "Orphan00",
        "Orphan01",
        "Orphan02",
    ]
    orphaned_proofs(alice, 3, 33)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(PAGE)
    orphans = response.context["orphans"]
    assert (len(orphans.object_list), orphans.paginator.count) == (25, 33)
    html = response.content.decode()
    assert "Orphan24" in html and "Orphan25" not in html
    assert 'href="/profile/credentials/?orphans_page=2#orphans-heading"' in html
    response = client.get(PAGE + "?orphans_page=2")
    assert [p.credential for p in response.context["orphans"]] == [
        f"Orphan{number}" for number in range(25, 33)
    ]
    html = response.content.decode()
    assert "Orphan32" in html and "Orphan24" not in html and "Page 2 of 2" in html


def test_proofs_page_refused_at_the_attach_address_pages_orphans_at_its_own(client, alice):
    orphaned_proofs(alice, 0, 26)
    client.force_login(alice)
    response = client.post(ATTACH, link_form(link=""))
    assert response.status_code == 200 and "Give the link" in response.content.decode()
    assert 'href="/profile/credentials/?orphans_page=2#orphans-heading"' in (
        response.content.decode()
    )


def test_proof_attach_refused_after_choosing_a_file_asks_for_it_again(client, alice_cfa, bob):
    proof_attach(actor=alice_cfa, credential="PMP", link=REGISTER)
    client.force_login(alice_cfa)
    data = {**link_form(), "source": "file", "link": "", "file": upload("pmp.pdf", PDF)}
    response = client.post(ATTACH, data)  # based on "no proof yet": refused, an old version
    assert response.status_code == 409
    _, form = response.context["claims"][1]
    assert "Choose your file again" in " ".join(form["file"].errors)


def test_a_link_proof_is_not_refused_for_a_file_left_in_the_file_input(client, alice_cfa):
    """Without JavaScript the file input is sent whatever the choice: only a chosen file
    source checks the file."""
    client.force_login(alice_cfa)
    data = {**link_form(), "file": upload("cert.exe", b"MZ")}
    assert client.post(ATTACH, data).status_code == 302
    proof = CredentialProof.objects.get()
    assert proof.link == REGISTER and proof.file_id is None


def test_removing_a_proof_on_a_later_page_of_orphans_returns_to_that_page(client, alice):
    orphaned_proofs(alice, 0, 27)
    client.force_login(alice)
    page = client.get(PAGE + "?orphans_page=2").content.decode()
    assert 'name="orphans_page" value="2"' in page
    last = CredentialProof.objects.get(owner=alice, credential="Orphan26")
    response = client.post(
        reverse("proof_remove", args=[last.pk]), {"version": last.version, "orphans_page": "2"}
    )
    assert response["Location"] == PAGE + "?orphans_page=2#orphans-heading"
    response = client.get(response["Location"])
    assert [p.credential for p in response.context["orphans"]] == ["Orphan25"]
    # The only proof on its page removed: the list's last page is shown instead.
    only = CredentialProof.objects.get(owner=alice, credential="Orphan25")
    response = client.post(
        reverse("proof_remove", args=[only.pk]), {"version": only.version, "orphans_page": "2"}
    )
    response = client.get(response["Location"])
    assert response.context["orphans"].number == 1
    assert len(response.context["orphans"].object_list) == 25


def test_removing_a_proof_returns_to_the_page_itself_from_the_first_page_or_any_odd_value(
    client, alice_cfa
):
    client.force_login(alice_cfa)
    for sent in ("1", "", "x", "-3", None):
        proof = proof_attach(actor=alice_cfa, credential="CFA Level II", link=REGISTER)
        data = {"version": proof.version, **({"orphans_page": sent} if sent is not None else {})}
        response = client.post(reverse("proof_remove", args=[proof.pk]), data)
        assert response.status_code == 302 and response["Location"] == PAGE
        assert not CredentialProof.objects.filter(pk=proof.pk).exists()
