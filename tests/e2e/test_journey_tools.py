"""A visitor tries the income calculator and the decision guide, by keyboard where it counts."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible
from tests.factories import PASSWORD, UserFactory


def test_tools_journey(page):
    page.goto("/")
    assert_accessible(page)
    expect(page.locator("svg.shape-svg")).to_have_count(5)
    expect(page.get_by_role("img", name="π-shaped skill profile")).to_be_visible()
    expect(
        page.get_by_role("table", name=re.compile("Generalist and specialist work"))
    ).to_be_visible()

    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Income calculator"
    ).click()
    expect(page).to_have_url("/tools/income/")
    assert_accessible(page)

    # One click on a preset puts the article's example in the address and the estimate.
    page.get_by_role("link", name=re.compile("^Specialist example")).click()
    expect(page).to_have_url(re.compile(r"/tools/income/\?rate=42&hours=15&weeks=46#estimate$"))
    estimate = page.locator("#estimate")
    expect(estimate).to_contain_text("$28,980 a year")
    expect(page.get_by_label("Hourly rate (US$)").first).to_have_value("42")
    assert_accessible(page)

    # A second scenario, typed and submitted from the keyboard: the generalist example.
    page.locator("#id_rate2").focus()
    page.keyboard.type("30")
    page.keyboard.press("Tab")
    expect(page.locator("#id_hours2")).to_be_focused()
    page.keyboard.type("20")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"rate2=30&hours2=20&weeks2=#estimate$"))
    expect(estimate).to_contain_text("The second scenario earns $1,380 less a year (4.8% less).")
    expect(
        page.get_by_role("table", name=re.compile("Both scenarios side by side"))
    ).to_contain_text("$27,600")
    assert_accessible(page)

    # A value out of range is refused at its field and named in the summary.
    page.locator("#id_weeks2").fill("60")
    page.locator("#id_weeks2").press("Enter")
    expect(page.locator("#id_weeks2_error")).to_have_text(
        "Enter working weeks a year from 1 to 52."
    )
    expect(page.get_by_role("alert")).to_contain_text("Second scenario, Working weeks a year")
    expect(page.locator("#estimate")).to_have_count(0)
    expect(page.locator("#id_rate2")).to_have_value("30")
    assert_accessible(page)

    # The decision guide, answered with the keyboard alone.
    page.get_by_role("link", name="Decision guide").click()
    expect(page).to_have_url("/tools/decide/")
    assert_accessible(page)
    page.locator("#id_orchestrate_0").focus()
    page.keyboard.press("Space")  # orchestrating messy problems: yes
    page.keyboard.press("Tab")
    expect(page.locator("#id_rigor_0")).to_be_focused()
    page.keyboard.press("ArrowRight")  # technical rigor: no
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # early career: yes
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")  # mid-career with credentials: no
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Suggest my path")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(
        re.compile(r"orchestrate=yes&rigor=no&early=yes&credentials=no#suggestion$")
    )
    suggestion = page.locator("#suggestion")
    expect(suggestion.get_by_role("heading", level=2)).to_have_text(
        "Lean generalist, then deepen one domain"
    )
    expect(suggestion).to_contain_text("choose one domain to deepen within 60–90 days")
    expect(suggestion.get_by_role("link", name="Edit your profile")).to_have_count(0)
    assert_accessible(page)

    # Logging in from the suggestion comes back to it, now with links to each step.
    UserFactory(email="ada@example.com", name="Ada Lovelace")
    suggestion.get_by_role("link", name="Log in").click()
    page.get_by_label("Email address").fill("ada@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/tools/decide/\?orchestrate=yes&rigor=no"))
    suggestion = page.locator("#suggestion")
    expect(suggestion.get_by_role("link", name="Edit your profile")).to_have_attribute(
        "href", "/profile/edit/"
    )
    expect(suggestion.get_by_role("link", name="Start a rubric")).to_have_attribute(
        "href", "/rubrics/new/"
    )
    expect(suggestion.get_by_role("link", name="Set your plan on the dashboard")).to_have_attribute(
        "href", "/dashboard/"
    )
    assert_accessible(page)
