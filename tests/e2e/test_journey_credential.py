"""From a decision to portable proof, in a browser: the reviewer cannot approve a failing
review, fixes the scores and confirms; the expert finds the badge on the dashboard, downloads
the credential and checks it; staff revoke the approval and the check says so."""

import re
from pathlib import Path

import jwt
from playwright.sync_api import expect

from credentials import keys
from credentials.models import IssuedCredential
from onboarding.confirmations import CONFIRMATIONS
from onboarding.models import Review, Round
from onboarding.services.submissions import submission_submit
from onboarding.workflow import State
from profiles.models import Profile
from tests.e2e.conftest import assert_accessible, log_out
from tests.e2e.test_journey_review import log_in, rubric
from tests.factories import UserFactory
from tests.onboarding.review_setup import ready_portfolio, review_form


def score(page, title: str, level: int) -> None:
    rubric(page, title).get_by_role("radio", name=re.compile(rf"^Score {level}")).check()


def test_refused_approval_then_confirmed_credential_checked_and_revoked(page):
    staff = UserFactory(email="sam@example.com", name="Sam Staff", is_staff=True)
    review_form(staff)
    dana = UserFactory(email="dana@example.com", name="Dana Expert")
    UserFactory(email="riley@example.com", name="Riley Reviewer", reviewer=True)
    ready_portfolio(dana)
    Profile.objects.filter(user=dana).update(visibility="public")
    round = submission_submit(actor=dana, confirmed=CONFIRMATIONS)

    # The reviewer approves with a level the form marks "fail": refused at that rubric.
    log_in(page, "riley@example.com")
    page.goto(f"/review/rounds/{round.pk}/")
    page.get_by_role("button", name="Claim this round").click()
    expect(page.get_by_text("You claimed Dana Expert's round 1.")).to_be_visible()
    score(page, "Reasoning quality", 5)
    score(page, "Domain rigor", 2)
    page.get_by_label("Approve").check()
    page.get_by_role("button", name="Submit review").click()
    expect(page.get_by_text("Your review is not saved yet:")).to_be_visible()
    expect(rubric(page, "Domain rigor")).to_contain_text(
        "“Domain rigor” is scored 2, below its passing level 3: approval needs at least 3."
    )
    expect(page.get_by_label("Approve")).to_be_checked()
    assert_accessible(page)
    assert Review.objects.get().state == Review.State.CLAIMED

    # Fixed; the confirmation shows the scores, and Go back keeps them.
    score(page, "Domain rigor", 4)
    page.get_by_label("Overall comment").fill("Well sourced.\nReady for use.")
    page.get_by_role("button", name="Submit review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm: approve")
    expect(page.get_by_role("row", name=re.compile("^Domain rigor 4 pass"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Go back and change it").click()
    expect(
        rubric(page, "Domain rigor").get_by_role("radio", name=re.compile("^Score 4"))
    ).to_be_checked()
    page.get_by_role("button", name="Submit review").click()
    page.get_by_role("button", name="Confirm: approve").click()
    expect(page.get_by_text("The round is decided: approved.")).to_be_visible()
    expect(page.get_by_role("link", name="Its verification page")).to_be_visible()
    assert_accessible(page)
    round.refresh_from_db()
    assert round.state == State.APPROVED
    # Through the confirmation's hidden fields and back, the comment keeps its lines.
    assert Review.objects.get().comment.splitlines() == ["Well sourced.", "Ready for use."]
    credential = IssuedCredential.objects.get(round=round)
    log_out(page)

    # The expert: the badge, what was approved, the download, and the check.
    log_in(page, "dana@example.com")
    summary = page.locator(".approval-summary")
    expect(summary.get_by_text("Approved", exact=True)).to_be_visible()
    expect(summary).to_contain_text("in finance and statistics (round 1)")
    expect(summary.locator(f'a[href="/p/{dana.profile.slug}/"]')).to_be_visible()
    expect(summary.get_by_role("link", name="Set your 60–90 day plan")).to_be_visible()
    with page.expect_download() as download_info:
        summary.get_by_role("link", name="download it (.jwt)").click()
    token = Path(download_info.value.path()).read_text()
    assert download_info.value.suggested_filename == f"expertfolio-credential-{credential.pk}.jwt"
    # PyJWT, independent of the signing library, accepts it with the published key.
    public = jwt.PyJWK(keys.public_jwks()["keys"][0]).key
    assert jwt.decode(token, public, algorithms=["EdDSA"])["credentialSubject"]["name"] == (
        "Dana Expert"
    )

    summary.get_by_role("link", name="its verification page").click()
    expect(page).to_have_url(f"/verify/{credential.pk}/")
    expect(page.get_by_text("Genuine and current", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Paste it to check it").click()
    page.get_by_label("The signed credential").fill(token)
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_text("Genuine and current", exact=True)).to_be_visible()
    assert_accessible(page)
    log_out(page)

    # Staff revoke the approval from the round page; the check says revoked.
    log_in(page, "sam@example.com")
    page.goto(f"/review/rounds/{round.pk}/")
    page.get_by_role("link", name="Revoke this approval…").click()
    expect(page.get_by_role("button", name="Revoke the approval")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Revoke the approval").click()
    expect(page.get_by_text("Say why")).to_be_visible()
    page.get_by_label("Reason for revoking").fill("The benchmark was copied from another expert.")
    page.get_by_role("button", name="Revoke the approval").click()
    expect(page.get_by_text("Approval revoked:")).to_be_visible()
    expect(page.locator(".credential-revoked")).to_contain_text("copied from another expert")
    assert_accessible(page)
    page.goto(f"/verify/{credential.pk}/")
    expect(page.get_by_text("Revoked", exact=True)).to_be_visible()
    expect(page.locator(".verdict-message")).to_contain_text("but revoked on")
    assert_accessible(page)
    assert Round.objects.get(pk=round.pk).state == State.APPROVED
