"""/review/credentials/: staff's list of proofs waiting, and the page to verify or decline one."""

import pytest
from django.core import mail
from django.urls import reverse

from common.versions import VersionConflict
from onboarding.models import AuditEntry
from onboarding.services.proofs import proof_decide
from portfolio.models import CredentialProof
from portfolio.services.proofs import proof_attach
from tests.factories import UserFactory, make_profile

pytestmark = pytest.mark.django_db

LIST = "/review/credentials/"
REGISTER = "https://register.example.org/cfa/123"


@pytest.fixture
def proof(alice):
    make_profile(alice, credentials=["CFA Level II"])
    return proof_attach(actor=alice, credential="CFA Level II", link=REGISTER)


def experts_with_proofs(count: int, start: int = 0) -> None:
    for number in range(start, start + count):
        user = UserFactory(email=f"expert{number}@example.com", name=f"Expert {number}")
        make_profile(user, credentials=["CFA"])
        proof_attach(actor=user, credential="CFA", link=REGISTER)


def test_staff_list_shows_waiting_proofs_oldest_first(client, staff, proof, bob):
    make_profile(bob, credentials=["PMP", "Gone"])
    proof_attach(actor=bob, credential="PMP", link=REGISTER)
    proof_attach(actor=bob, credential="Gone", link=REGISTER)
    make_profile(bob, credentials=["PMP"])  # a proof of a removed credential waits for nothing
    client.force_login(staff)
    response = client.get(LIST)
    rows = list(response.context["page"].object_list)
    assert [(p.owner.email, p.credential) for p in rows] == [
        ("alice@example.com", "CFA Level II"),
        ("bob@example.com", "PMP"),
    ]
    html = response.content.decode()
    assert reverse("proof_review", args=[proof.pk]) in html and "Alice Expert" in html


def test_staff_list_query_count_is_flat_and_paginated(client, staff, django_assert_max_num_queries):
    experts_with_proofs(3)
    client.force_login(staff)
    client.get(LIST)
    with django_assert_max_num_queries(6):
        client.get(LIST)
    experts_with_proofs(30, start=3)
    with django_assert_max_num_queries(6):
        response = client.get(LIST)
    page = response.context["page"]
    assert (len(page.object_list), page.paginator.count, page.paginator.num_pages) == (25, 33, 2)
    assert "Page 1 of 2" in response.content.decode()
    assert len(client.get(LIST + "?page=2").context["page"].object_list) == 8


def decided_again_and_again(proof, staff, start: int, stop: int) -> None:
    """Staff decline the proof (Decision <start> to Decision <stop - 1>), the expert attaching
    it again after each."""
    for number in range(start, stop):
        proof = proof_decide(
            actor=staff,
            proof=proof,
            verify=False,
            note=f"Decision {number:02}.",
            expected_version=proof.version,
            notify=False,
        )
        proof = proof_attach(
            actor=proof.owner,
            credential=proof.credential,
            link=REGISTER,
            expected_version=proof.version,
        )


def test_staff_proof_page_shows_its_decisions_a_page_at_a_time(
    client, staff, proof, django_assert_max_num_queries
):
    decided_again_and_again(proof, staff, 0, 3)
    url = reverse("proof_review", args=[proof.pk])
    client.force_login(staff)
    with django_assert_max_num_queries(6) as few:
        response = client.get(url)
    assert [entry.note for entry in response.context["history"]] == [
        f"CFA Level II. Note: Decision {number:02}." for number in range(3)
    ]
    decided_again_and_again(CredentialProof.objects.get(), staff, 3, 33)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    history = response.context["history"]
    assert (len(history.object_list), history.paginator.count) == (25, 33)
    html = response.content.decode()
    assert "Decision 24." in html and "Decision 25." not in html
    assert 'href="?history_page=2#history-heading"' in html
    response = client.get(url + "?history_page=2")
    assert [entry.note for entry in response.context["history"]] == [
        f"CFA Level II. Note: Decision {number}." for number in range(25, 33)
    ]
    html = response.content.decode()
    assert "Decision 32." in html and "Decision 24." not in html and "Page 2 of 2" in html


def test_staff_pages_are_404_for_everyone_else(client, proof, alice, bob, rita):
    url = reverse("proof_review", args=[proof.pk])
    assert client.get(LIST)["Location"].startswith("/accounts/login/")
    assert client.get(url)["Location"].startswith("/accounts/login/")
    for person in (alice, bob, rita):
        client.force_login(person)
        assert client.get(LIST).status_code == 404
        assert client.get(url).status_code == 404
        response = client.post(url, {"decision": "verify", "version": 1})
        assert response.status_code == 404
    assert CredentialProof.objects.get().state == "pending"


def test_staff_verify_redirects_and_the_expert_sees_it(client, staff, proof, alice):
    client.force_login(staff)
    url = reverse("proof_review", args=[proof.pk])
    page = client.get(url)
    assert REGISTER in page.content.decode()
    response = client.post(
        url, {"decision": "verify", "note": "", "version": page.context["form"]["version"].value()}
    )
    assert response.status_code == 302 and response["Location"] == LIST
    proof.refresh_from_db()
    assert proof.state == "verified" and proof.decided_by == staff
    assert AuditEntry.objects.get().action == AuditEntry.Action.CREDENTIAL_VERIFIED
    assert len(mail.outbox) == 1
    # The decided proof has left the list; its page keeps the history.
    assert list(client.get(LIST).context["page"].object_list) == []
    assert "Credential verified by staff by Stan Staff" in client.get(url).content.decode()


def test_staff_decline_without_a_note_is_refused_at_the_field(client, staff, proof):
    client.force_login(staff)
    url = reverse("proof_review", args=[proof.pk])
    response = client.post(url, {"decision": "decline", "note": "", "version": 1})
    assert response.status_code == 200
    assert "Say why" in " ".join(response.context["form"].errors["note"])
    assert CredentialProof.objects.get().state == "pending" and not AuditEntry.objects.exists()


def test_staff_stale_decision_is_refused_with_the_note_kept(client, staff, proof, alice):
    client.force_login(staff)
    url = reverse("proof_review", args=[proof.pk])
    proof_attach(actor=alice, credential="CFA Level II", link=REGISTER + "?new", expected_version=1)
    note = "The number on the register differs."
    response = client.post(url, {"decision": "decline", "note": note, "version": 1})
    assert response.status_code == 409
    form = response.context["form"]
    assert form["note"].value() == note and form["version"].value() == "2"
    html = response.content.decode()
    assert "changed while you had it open" in html and REGISTER + "?new" in html
    assert CredentialProof.objects.get().state == "pending" and not AuditEntry.objects.exists()
    client.post(url, {"decision": "decline", "note": note, "version": 2})
    assert CredentialProof.objects.get().state == "declined"


def test_staff_cannot_decide_their_own(client, staff):
    make_profile(staff, credentials=["CPA"])
    own = proof_attach(actor=staff, credential="CPA", link=REGISTER)
    client.force_login(staff)
    url = reverse("proof_review", args=[own.pk])
    assert "other staff decide" in client.get(url).content.decode()
    assert client.post(url, {"decision": "verify", "version": 1}).status_code == 403
    assert list(client.get(LIST).context["page"].object_list) == []


def test_staff_dashboard_links_to_the_list(client, staff):
    client.force_login(staff)
    assert f'href="{LIST}"' in client.get("/dashboard/").content.decode()


def test_staff_cannot_open_a_proof_of_a_credential_no_longer_listed(client, staff, proof, alice):
    make_profile(alice, credentials=["PMP"])
    client.force_login(staff)
    assert client.get(reverse("proof_review", args=[proof.pk])).status_code == 404


def test_a_decision_on_a_proof_removed_meanwhile_is_a_conflict(staff, proof):
    CredentialProof.objects.filter(pk=proof.pk).delete()
    with pytest.raises(VersionConflict):
        proof_decide(actor=staff, proof=proof, verify=True, note="", expected_version=proof.version)
