"""An approved expert publishes two artifacts: the public page shows the badge and those two
only, as approved; after an edit one of them says it changed after the review."""

from playwright.sync_api import expect

from onboarding.confirmations import CONFIRMATIONS
from onboarding.services.submissions import submission_submit
from onboarding.workflow import Decision
from portfolio.services import profile_replace_from_document
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_journey_portfolio import log_in
from tests.factories import UserFactory, skill_profile_document
from tests.onboarding.review_setup import ready_portfolio, reviewed


def test_public_portfolio_journey(page):
    dana = UserFactory(email="dana@example.com", name="Dana Expert")
    parts = ready_portfolio(dana)
    profile_replace_from_document(
        actor=dana,
        user=dana,
        document=skill_profile_document(
            headline="Evaluator of financial reasoning",
            domains=["finance", "statistics"],
            domain_depth={"finance": 4},
            visibility="public",
        ),
    )
    reviewed(
        submission_submit(actor=dana, confirmed=CONFIRMATIONS),
        UserFactory(reviewer=True),
        Decision.APPROVE,
    )
    public_url = f"/p/{dana.profile.slug}/"

    # Approved, nothing published yet: the badge, no artifacts.
    page.goto(public_url)
    expect(page.get_by_role("heading", name="Reviewed and approved")).to_be_visible()
    expect(page.get_by_role("heading", name="Approved portfolio")).to_have_count(0)

    log_in(page, "dana@example.com")
    page.get_by_role("link", name="Portfolio").click()
    page.get_by_role("link", name="Choose what your public page shows").click()
    expect(page.get_by_label("Show “Reasoning rubric”")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Show “Reasoning rubric”").check()
    page.get_by_label("Show “Lease pilot”").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved what your public page shows.")).to_be_visible()
    expect(page.get_by_label("Show “Lease pilot”")).to_be_checked()
    expect(page.get_by_label("Show “Grading notes”")).not_to_be_checked()

    page.goto(public_url)
    expect(page.get_by_role("heading", name="Reviewed and approved")).to_be_visible()
    artifacts = page.locator(".public-artifact")
    expect(artifacts).to_have_count(2)
    expect(page.get_by_role("heading", name="Reasoning rubric", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Lease pilot", exact=True)).to_be_visible()
    expect(page.get_by_text("The items are kept private")).to_be_visible()
    expect(page.get_by_text("Changed after the review")).to_have_count(0)
    assert_accessible(page)

    # Edit the benchmark: the public page keeps the approved version and says so.
    page.goto(f"/portfolio/benchmarks/{parts['benchmark'].pk}/edit/")
    page.get_by_label("Title").fill("Lease pilot, second edition")
    page.get_by_role("button", name="Save benchmark").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lease pilot, second edition")
    page.goto(public_url)
    expect(page.get_by_text("Changed after the review")).to_have_count(1)
    expect(page.get_by_role("heading", name="Lease pilot", exact=True)).to_be_visible()
    expect(page.get_by_text("second edition")).to_have_count(0)
