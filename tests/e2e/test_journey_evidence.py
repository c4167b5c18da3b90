"""Evidence for a deep domain in a browser: the dashboard asks for it, the expert links their
benchmark (suggested for the domain) on the evidence page, sees it beside the claim on their
profile, and the checklist step turns done. Every page passes the accessibility check."""

from playwright.sync_api import expect

from portfolio.models import Evidence
from tests.e2e.conftest import assert_accessible
from tests.factories import PASSWORD, BenchmarkFactory, RubricFactory, UserFactory, make_profile

STEP = "Evidence for every deep domain"


def step(page):
    return page.locator(".onboarding-steps li", has_text=STEP)


def test_expert_links_evidence_and_the_checklist_step_turns_done(page):
    eve = UserFactory(email="eve@example.com", name="Eve Expert")
    make_profile(
        eve,
        headline="Actuary who checks model reasoning",
        domains=["insurance", "statistics"],
        domain_depth={"insurance": 5, "statistics": 2},
    )
    benchmark = BenchmarkFactory(owner=eve, title="Reserve adequacy checks", domain="insurance")
    RubricFactory(owner=eve, title="Claims reasoning rubric")

    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill("eve@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url("/dashboard/")
    expect(step(page)).to_contain_text("To do:")
    expect(step(page)).to_contain_text("No artifact shows insurance yet.")
    assert_accessible(page)

    step(page).get_by_role("link", name="Link evidence").click()
    expect(page).to_have_url("/profile/evidence/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Evidence for your deep domains")
    expect(page.get_by_text("No evidence yet")).to_have_count(1)
    choice = page.get_by_label("Add an artifact that shows insurance")
    # The domain's own benchmark is suggested and chosen.
    expect(choice).to_have_value(f"benchmark-{benchmark.pk}")
    assert_accessible(page)
    page.get_by_role("button", name="Link as evidence").click()
    linked = "“Reserve adequacy checks” is now evidence for insurance."
    expect(page.get_by_text(linked)).to_be_visible()
    expect(page.get_by_text("No evidence yet")).to_have_count(0)
    assert_accessible(page)
    assert list(Evidence.objects.filter(owner=eve).values_list("domain", "benchmark")) == [
        ("insurance", benchmark.pk)
    ]

    page.get_by_role("link", name="Back to your profile").click()
    expect(page).to_have_url("/profile/")
    evidence = page.locator(".profile-domains tr", has_text="insurance")
    expect(evidence.get_by_role("link", name="Reserve adequacy checks")).to_be_visible()
    assert_accessible(page)

    page.goto("/dashboard/")
    expect(step(page)).to_contain_text("Done:")
    expect(step(page)).to_contain_text("Every deep domain has evidence: insurance.")
    assert_accessible(page)
