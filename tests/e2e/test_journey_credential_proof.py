"""A credential earns its "verified": the expert attaches a link to the issuer's register, staff
verify it, and the public page says so with the date."""

import re

from django.utils import timezone
from django.utils.dateformat import format as date_format
from playwright.sync_api import expect

from onboarding.models import AuditEntry
from onboarding.services.proofs import proof_decide
from portfolio.models import CredentialProof
from portfolio.services.proofs import proof_attach
from tests.e2e.conftest import PHONE, assert_accessible, log_out
from tests.e2e.test_journey_review import log_in
from tests.factories import UserFactory, make_profile

REGISTER = "https://register.example.org/cfa/4711"


def test_expert_attaches_a_link_staff_verify_and_the_public_page_says_so(page):
    dana = UserFactory(email="dana@example.com", name="Dana Expert")
    UserFactory(email="sam@example.com", name="Sam Staff", is_staff=True)
    make_profile(dana, credentials=["CFA Level II", "PMP"], visibility="public")
    public_url = f"/p/{dana.profile.slug}/"
    cfa = page.locator(".profile-credentials li", has_text="CFA Level II")

    page.goto(public_url)
    expect(cfa).to_contain_text("self-declared")

    # The expert: from the profile to the proofs page; a bad link is refused at its field.
    log_in(page, "dana@example.com")
    page.goto("/profile/")
    page.get_by_role("link", name="Proofs of credentials").click()
    claim = page.locator(".credential-claim", has_text="CFA Level II")
    expect(claim.locator(".credential-standing")).to_have_text("self-declared")
    claim.get_by_label("Link", exact=True).fill("ftp://register.example.org/cfa")
    claim.get_by_role("button", name=re.compile("^Attach proof")).click()
    expect(claim.get_by_text("Enter a web address that starts with http")).to_be_visible()
    assert not CredentialProof.objects.exists()
    claim.get_by_label("Link", exact=True).fill(REGISTER)
    claim.get_by_role("button", name=re.compile("^Attach proof")).click()
    expect(page.get_by_text("Proof attached to “CFA Level II”")).to_be_visible()
    expect(claim.locator(".credential-standing")).to_have_text("proof pending review")
    assert_accessible(page)
    log_out(page)

    # Staff: from the dashboard to the list, then the proof, verified.
    log_in(page, "sam@example.com")
    page.get_by_role("link", name="Credentials to verify").click()
    expect(page.get_by_role("link", name="CFA Level II")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="CFA Level II").click()
    expect(page.get_by_role("link", name=REGISTER)).to_be_visible()
    page.get_by_label("Verify: the proof shows the credential").check()
    page.get_by_role("button", name="Decide").click()
    expect(page.get_by_text("Nothing to verify: no proof is waiting.")).to_be_visible()
    assert AuditEntry.objects.get().action == AuditEntry.Action.CREDENTIAL_VERIFIED
    log_out(page)

    # Anyone: the public page says who verified it, and when.
    page.goto(public_url)
    today = date_format(timezone.localdate(), "j F Y")
    expect(cfa.locator(".credential-standing")).to_have_text(
        f"verified by Expertfolio staff on {today}"
    )
    expect(
        page.locator(".profile-credentials li", has_text="PMP").locator(".credential-standing")
    ).to_have_text("self-declared")
    assert_accessible(page)


def test_the_proofs_page_fits_a_desktop_and_a_phone(open_page):
    """Each credential's form stacks its fields the full width of the card: the radio group
    under the legend (not squeezed beside it), the standing wrapped inside the card."""
    dana = UserFactory(email="dana@example.com", name="Dana Expert")
    sam = UserFactory(email="sam@example.com", name="Sam Staff", is_staff=True)
    make_profile(dana, credentials=["CFA Level II", "PMP"])
    proof = proof_attach(actor=dana, credential="CFA Level II", link=REGISTER)
    proof_decide(actor=sam, proof=proof, verify=True, note="", expected_version=None)
    page = open_page()
    log_in(page, "dana@example.com")
    page.goto("/profile/credentials/")
    for width in (1280, PHONE["width"], 360):
        page.set_viewport_size({"width": width, "height": PHONE["height"]})
        scroll_width, inner_width = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll_width <= inner_width, f"scrolls sideways at {width} px"
        for claim in page.locator(".credential-claim").all():
            card = claim.bounding_box()
            legend = claim.locator("legend", has_text="The proof is").bounding_box()
            assert legend["width"] > card["width"] / 2, f"the radio group is squeezed at {width} px"
            badge = claim.locator(".credential-standing").bounding_box()
            assert badge["x"] + badge["width"] <= card["x"] + card["width"]
    assert_accessible(page)
