"""The credential pages: download, verification (stored and pasted), the key set, revoking;
and what the round page and the dashboard show of them."""

import json
from datetime import datetime

import jwt
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import localtime
from joserfc.jwk import OKPKey

from credentials import signing
from credentials.models import IssuedCredential
from credentials.services import credential_revoke
from onboarding.models import AuditEntry
from onboarding.workflow import Decision
from profiles.models import Profile
from tests.credentials.approval import approved_round
from tests.credentials.conftest import SITE
from tests.credentials.test_signing import b64, largest_credential, unb64
from tests.factories import UserFactory
from tests.onboarding.review_setup import review_form, reviewed, submitted_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def credential(alice, rita, staff) -> IssuedCredential:
    approved_round(alice, rita, staff)
    return IssuedCredential.objects.select_related("round").get()


def paste(client, token: str):
    return client.post("/verify/", {"token": token})


def verdict(response) -> str:
    return response.context["verification"].verdict


# --- Download -----------------------------------------------------------------------------


def test_download_gives_the_owner_the_signed_credential(client, alice, credential):
    client.force_login(alice)
    response = client.get(f"/credentials/{credential.pk}.jwt")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    assert response["Content-Disposition"] == (
        f'attachment; filename="expertfolio-credential-{credential.pk}.jwt"'
    )
    assert response.content.decode() == credential.token


@pytest.mark.parametrize("who", ["bob", "rita", "staff"])
def test_download_by_anyone_else_is_404(client, credential, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/credentials/{credential.pk}.jwt").status_code == 404


def test_download_anonymous_and_wrong_method(client, alice, credential):
    url = f"/credentials/{credential.pk}.jwt"
    assert client.get(url)["Location"] == f"/accounts/login/?next={url}"
    client.force_login(alice)
    assert client.post(url).status_code == 405


# --- Verification ---------------------------------------------------------------------------


def test_verify_page_says_genuine_and_current(client, credential):
    response = client.get(f"/verify/{credential.pk}/")
    html = response.content.decode()
    assert response.status_code == 200 and verdict(response) == signing.Verdict.GENUINE
    assert "Genuine and current: Expertfolio issued this credential to Alice Expert" in html
    assert "finance, statistics" in html
    # Its title names whose it is; its issue date reads as the sentence above writes it.
    assert "<title>Alice Expert's credential · Expertfolio</title>" in html
    issued = response.context["verification"].credential["validFrom"]
    moment = datetime.fromisoformat(issued)
    day = f"{moment.day} {moment:%B %Y}"
    assert f'<time datetime="{issued}">{day}</time> by Expertfolio' in html
    assert f"on {day}, and it has not been revoked" in html
    assert client.post(f"/verify/{credential.pk}/").status_code == 405


def test_verify_page_of_an_unknown_id_says_there_is_no_such_credential(client, credential):
    response = client.get("/verify/00000000-0000-4000-8000-000000000000/")
    assert response.status_code == 404
    assert verdict(response) == signing.Verdict.UNKNOWN
    assert "Expertfolio has no credential at this address" in response.content.decode()
    assert "not yours to see" not in response.content.decode()
    assert "checked the signature" not in response.content.decode()


def test_verify_page_of_a_credential_no_longer_on_record(client, credential):
    # Its expert closed their account: the address in the credential still answers plainly.
    url = f"/verify/{credential.pk}/"
    credential.delete()
    response = client.get(url)
    assert response.status_code == 404 and verdict(response) == signing.Verdict.UNKNOWN
    assert "Do not rely on" in response.content.decode()


def test_verify_page_after_revoking_says_revoked_with_the_date(client, credential, staff):
    credential_revoke(actor=staff, credential=credential, reason="Plagiarised benchmark")
    credential.refresh_from_db()
    response = client.get(f"/verify/{credential.pk}/")
    assert verdict(response) == signing.Verdict.REVOKED
    day = credential.revoked_at.date()
    assert (
        f"Issued by Expertfolio, but revoked on {day.day} {day:%B %Y}: Plagiarised benchmark."
        in response.content.decode()
    )
    assert verdict(paste(client, credential.token)) == signing.Verdict.REVOKED


def test_verify_page_of_a_revoked_credential_shows_no_more_than_which_one_it_was(
    client, alice, rita, staff
):
    # What the credential vouched for (domains, the public profile) is no longer vouched for:
    # the page says whose credential it was, when issued, when and why revoked, and no more.
    review_form(staff)
    round = submitted_round(alice)
    Profile.objects.filter(user=alice).update(visibility="public")
    reviewed(round, rita, Decision.APPROVE)
    credential = IssuedCredential.objects.get()
    genuine = client.get(f"/verify/{credential.pk}/").content.decode()
    assert "finance, statistics" in genuine and "Criteria" in genuine
    assert f'href="{SITE}/p/{alice.profile.slug}/"' in genuine
    issued = credential.issued_at
    assert f"{issued.day} {issued:%B %Y}</time> by Expertfolio" in genuine
    credential_revoke(actor=staff, credential=credential, reason="Plagiarised benchmark")
    for response in (client.get(f"/verify/{credential.pk}/"), paste(client, credential.token)):
        html = response.content.decode()
        assert verdict(response) == signing.Verdict.REVOKED
        assert "Plagiarised benchmark" in html
        assert "Alice Expert" in html
        assert f'datetime="{credential.payload["validFrom"]}">{issued.day} {issued:%B %Y}<' in html
        assert "finance" not in html and "Criteria" not in html and "/p/" not in html


def test_pasting_a_genuine_credential_wrapped_over_lines(client, credential):
    wrapped = "\n".join(credential.token[i : i + 60] for i in range(0, len(credential.token), 60))
    response = paste(client, wrapped)
    assert verdict(response) == signing.Verdict.GENUINE
    assert f'href="/verify/{credential.pk}/"' in response.content.decode()


def test_pasting_a_tampered_credential(client, credential):
    header, payload, signature = credential.token.split(".")
    changed = json.loads(unb64(payload))
    changed["credentialSubject"]["name"] = "Mallory"
    response = paste(client, ".".join([header, b64(json.dumps(changed).encode()), signature]))
    assert verdict(response) == signing.Verdict.TAMPERED
    assert "Not genuine: its content does not match" in response.content.decode()
    assert "Mallory" not in response.content.decode()


def test_pasting_a_credential_signed_with_another_key(client, credential):
    forged = signing.sign_credential(
        credential.payload, key=OKPKey.generate_key("Ed25519", private=True)
    )
    response = paste(client, forged)
    assert verdict(response) == signing.Verdict.WRONGLY_SIGNED
    assert "is not signed with Expertfolio&#x27;s key" in response.content.decode()


def test_pasting_a_credential_no_longer_on_record(client, credential):
    token = credential.token
    credential.delete()
    response = paste(client, token)
    assert verdict(response) == signing.Verdict.UNKNOWN
    assert "no longer has it on record" in response.content.decode()


def test_pasting_the_largest_credential_a_profile_can_earn(client):
    response = paste(client, signing.sign_credential(largest_credential()))
    assert response.context["form"].errors == {}
    assert verdict(response) == signing.Verdict.UNKNOWN  # genuine, but not on record here


@pytest.mark.parametrize("text", ["hello", "a.b.c", "x" * 70_000])
def test_pasting_something_else_is_refused_with_a_message(client, text):
    response = paste(client, text)
    html = response.content.decode()
    if len(text) > signing.MAX_TOKEN_LENGTH:
        assert "far longer than any credential" in html
    else:
        assert verdict(response) == signing.Verdict.MALFORMED
        assert "This is not a credential Expertfolio can read" in html
    assert text[:50] in html  # the input is kept


def test_pasting_nothing_asks_for_a_credential(client):
    response = paste(client, "  ")
    assert response.context["verification"] is None
    assert "Paste a credential to check." in response.content.decode()
    assert client.get("/verify/").status_code == 200
    assert client.put("/verify/").status_code == 405


def test_jwks_publishes_the_public_key_pyjwt_checks_with(client, credential):
    response = client.get("/.well-known/jwks.json")
    assert response["Content-Type"] == "application/jwk-set+json"
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    document = response.json()
    assert [set(key) for key in document["keys"]] == [{"kty", "crv", "x", "kid", "use", "alg"}]
    public = jwt.PyJWKSet.from_dict(document)[document["keys"][0]["kid"]].key
    claims = jwt.decode(credential.token, public, algorithms=["EdDSA"])
    assert claims["id"].endswith(f"/verify/{credential.pk}/")
    assert client.post("/.well-known/jwks.json").status_code == 405


# --- Revoking --------------------------------------------------------------------------------


def test_staff_revoke_from_the_round_page(client, credential, staff, alice):
    client.force_login(staff)
    round_page = client.get(credential.round.get_absolute_url()).content.decode()
    assert f'href="/credentials/{credential.pk}/revoke/"' in round_page
    url = f"/credentials/{credential.pk}/revoke/"
    assert "Revoke the approval" in client.get(url).content.decode()

    refused = client.post(url, {"reason": " "})
    assert refused.status_code == 200
    assert "Say why" in " ".join(refused.context["form"].errors["reason"])
    credential.refresh_from_db()
    assert credential.revoked_at is None

    response = client.post(url, {"reason": "Plagiarised benchmark"})
    assert response["Location"] == credential.round.get_absolute_url()
    credential.refresh_from_db()
    assert (credential.revoke_reason, credential.revoked_by) == ("Plagiarised benchmark", staff)
    page = client.get(credential.round.get_absolute_url()).content.decode()
    assert "Approval revoked" in page and "Plagiarised benchmark" in page
    assert f'href="/credentials/{credential.pk}/revoke/"' not in page
    assert AuditEntry.objects.filter(action="approval_revoked").count() == 1

    client.force_login(alice)
    dashboard = client.get("/dashboard/").content.decode()
    assert "Your approval was revoked" in dashboard and "Plagiarised benchmark" in dashboard


def revocation(credential) -> tuple:
    credential.refresh_from_db()
    return credential.revoked_at, credential.revoke_reason, credential.revoked_by


def revoked_already_shown(response, credential) -> str:
    """The page of a refused second revoke: 409, and when, by whom and why it was revoked."""
    assert response.status_code == 409
    html = response.content.decode()
    day = f"{localtime(credential.revoked_at):%-d %B %Y}"
    assert "<strong>This approval was already revoked</strong> on" in html
    assert f"{day}</time> by {credential.revoked_by.get_full_name()}: Plagiarised benchmark" in html
    assert "Nothing was changed" in html
    assert 'name="reason"' not in html  # no form to send a third time
    name = credential.round.expert_name
    assert f"<title>Error: {name}'s approval is revoked · Expertfolio</title>" in html
    return html


@pytest.mark.parametrize("reason", ["Twice", ""])
def test_revoke_twice_is_a_conflict_that_changes_nothing(client, credential, staff, reason):
    # A second tab, or a second click, sends the form again once the first revoke went through.
    client.force_login(staff)
    url = f"/credentials/{credential.pk}/revoke/"
    client.post(url, {"reason": "Plagiarised benchmark"})
    first = revocation(credential)

    html = revoked_already_shown(client.post(url, {"reason": reason}), credential)

    assert "Twice" not in html
    assert revocation(credential) == first
    assert AuditEntry.objects.filter(action="approval_revoked").count() == 1
    # Opening the page again says the same, without offering the form.
    again = client.get(url)
    assert again.status_code == 200
    assert "This approval was already revoked" in again.content.decode()


def test_revoke_refused_when_another_revoke_lands_between_reading_and_writing(
    client, credential, staff
):
    """Two staff send the form at once: the one whose write comes second is refused by the
    service (the row is locked and read again), and told so like any second revoke."""
    colleague = UserFactory(is_staff=True, name="Sam Colleague")
    steps = []

    def colleague_revokes_after_the_page_read(execute, sql, params, many, context):
        # This request has read the credential; the colleague's revoke is written before
        # its own write begins (the service's transaction: a savepoint here, within the
        # test's transaction).
        if not steps and 'FROM "credentials_issuedcredential"' in sql:
            steps.append("read")
        elif steps == ["read"] and sql.startswith("SAVEPOINT"):
            steps.append("colleague")
            credential_revoke(
                actor=colleague, credential=credential, reason="Plagiarised benchmark"
            )
        return execute(sql, params, many, context)

    client.force_login(staff)
    with connection.execute_wrapper(colleague_revokes_after_the_page_read):
        response = client.post(f"/credentials/{credential.pk}/revoke/", {"reason": "Twice"})

    assert steps == ["read", "colleague"]
    assert revocation(credential)[1:] == ("Plagiarised benchmark", colleague)
    assert "by Sam Colleague: Plagiarised benchmark" in revoked_already_shown(response, credential)
    assert AuditEntry.objects.filter(action="approval_revoked").count() == 1


@pytest.mark.parametrize("who", ["alice", "bob", "rita"])
def test_revoke_by_anyone_but_staff_is_refused(client, credential, request, who):
    client.force_login(request.getfixturevalue(who))
    url = f"/credentials/{credential.pk}/revoke/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "No"}).status_code == 403
    credential.refresh_from_db()
    assert credential.revoked_at is None


def test_revoke_anonymous_and_unknown(client, credential, staff):
    url = f"/credentials/{credential.pk}/revoke/"
    assert client.get(url)["Location"] == f"/accounts/login/?next={url}"
    client.force_login(staff)
    unknown = "/credentials/00000000-0000-4000-8000-000000000000/revoke/"
    assert client.get(unknown).status_code == 404
    assert client.put(url).status_code == 405


# --- The expert's pages after approval ----------------------------------------------------------


def test_dashboard_after_approval_says_what_and_what_next(client, alice, credential):
    client.force_login(alice)
    html = client.get("/dashboard/").content.decode()
    assert "Your portfolio is reviewed and approved" in html
    assert f"{localtime(credential.issued_at):%-d %B %Y}</time>, in finance" in html
    assert "in finance and statistics (round 1)" in html
    assert f'href="/credentials/{credential.pk}.jwt"' in html
    assert f'href="/verify/{credential.pk}/"' in html
    assert "make your profile public" in html
    assert "Set your 60–90 day plan" in html


DOMAINS_READ = [
    (("finance",), "finance"),
    (("finance", "law"), "finance and law"),
    (("finance", "law", "medicine"), "finance, law and medicine"),
]


@pytest.mark.parametrize(("domains", "read"), DOMAINS_READ)
def test_dashboard_after_approval_names_the_domains_as_a_sentence(
    client, alice, rita, staff, domains, read
):
    round = approved_round(alice, rita, staff, domains=domains)
    client.force_login(alice)
    html = client.get("/dashboard/").content.decode()
    assert f"</time>, in {read} (round {round.number}).</p>" in html


@pytest.mark.parametrize(("domains", "read"), DOMAINS_READ)
def test_round_page_names_the_credential_domains_as_a_sentence(
    client, alice, rita, staff, domains, read
):
    round = approved_round(alice, rita, staff, domains=domains)
    for person, address in ((alice, round.owner_url), (staff, round.get_absolute_url())):
        client.force_login(person)
        html = client.get(address).content.decode()
        assert f"</time> for {read}: an Open Badges credential anyone can check." in html


def test_dashboard_after_approval_links_a_public_page(client, alice, credential):
    alice.profile.visibility = "public"
    alice.profile.save()
    client.force_login(alice)
    html = client.get("/dashboard/").content.decode()
    assert f'href="/p/{alice.profile.slug}/"' in html


def test_owner_round_page_offers_the_download(client, alice, credential):
    client.force_login(alice)
    html = client.get(credential.round.owner_url).content.decode()
    assert f'href="/credentials/{credential.pk}.jwt"' in html
    assert "/revoke/" not in html


def test_owner_round_page_reads_the_credential_with_the_round(client, alice, credential):
    client.force_login(alice)
    with CaptureQueriesContext(connection) as read:
        html = client.get(credential.round.owner_url).content.decode()
    assert f'href="/credentials/{credential.pk}.jwt"' in html
    alone = [q for q in read.captured_queries if 'FROM "credentials_issuedcredential"' in q["sql"]]
    assert alone == []


def test_reviewer_under_blind_review_has_no_way_to_the_verification_page(
    client, settings, credential, rita
):
    # The verification page names the expert: a blind reviewer may not reach it from the round.
    settings.BLIND_REVIEW = True
    client.force_login(rita)
    html = client.get(credential.round.get_absolute_url()).content.decode()
    assert "Credential" in html and "an Open Badges credential" in html
    assert str(credential.pk) not in html
    settings.BLIND_REVIEW = False
    html = client.get(credential.round.get_absolute_url()).content.decode()
    assert f'href="/verify/{credential.pk}/"' in html
