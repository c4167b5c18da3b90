"""The editors respond in place with JavaScript on (htmx swaps the server's answer, the shape
redraws as depths change) and work the same with it off (every button a plain submit)."""

import pytest
from playwright.sync_api import expect

from portfolio.documents import profile_document_for
from portfolio.models import AdversarialTestPlan
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_journey_profile import log_in


def watch(page) -> list[str]:
    """Console errors (a CSP refusal shows as one) and a mark that a full page load clears."""
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def mark_page(page) -> None:
    page.evaluate("window.stillHere = true")


def assert_same_page(page) -> None:
    assert page.evaluate("window.stillHere === true"), "the page was reloaded"


def test_profile_shape_redraws_as_depths_change(open_page, live_server, alice):
    page = open_page()
    errors = watch(page)
    log_in(page.context, live_server, alice)
    page.goto("/profile/edit/")
    shape = page.locator("#editor-shape")
    expect(shape).to_contain_text("No domains yet")
    mark_page(page)

    rows = page.locator("#section-domains fieldset")
    rows.nth(0).get_by_label("Name").fill("finance")
    rows.nth(0).get_by_label("Depth").select_option(label="5: authority")
    expect(shape).to_contain_text("One deep domain (finance) and only 1 domain")
    for index, name in ((1, "statistics"), (2, "writing")):
        page.get_by_role("button", name="Add another domain").click()
        # The new row's field takes the focus once htmx has settled; typing waits for that.
        expect(rows.nth(index).get_by_label("Name")).to_be_focused()
        rows.nth(index).get_by_label("Name").fill(name)
        rows.nth(index).get_by_label("Depth").select_option(label="3: proficient")
    expect(shape.get_by_role("img", name="T-shaped skill profile")).to_be_visible()
    expect(shape).to_contain_text("One deep domain (finance) across 3 domains")
    assert_same_page(page)
    assert errors == []


def test_profile_shape_quick_changes_draw_the_last(open_page, live_server, alice):
    page = open_page()
    errors = watch(page)
    log_in(page.context, live_server, alice)
    page.goto("/profile/edit/")
    rows = page.locator("#section-domains fieldset")
    rows.nth(0).get_by_label("Name").fill("finance")
    # Three changes in one go: the later ones come while the first redraw is on its way.
    page.evaluate(
        """() => {
            const depth = document.querySelector("#section-domains fieldset select");
            for (const value of ["2", "3", "5"]) {
                depth.value = value;
                depth.dispatchEvent(new Event("change", {bubbles: true}));
            }
        }"""
    )
    expect(page.locator("#editor-shape")).to_contain_text("One deep domain (finance)")
    assert errors == []


def test_profile_shape_shows_without_javascript(open_page, live_server, alice):
    page = open_page(java_script_enabled=False)
    log_in(page.context, live_server, alice)
    page.goto("/profile/edit/")
    rows = page.locator("#section-domains fieldset")
    rows.nth(0).get_by_label("Name").fill("finance")
    rows.nth(0).get_by_label("Depth").select_option(label="5: authority")
    expect(page.locator("#editor-shape")).to_contain_text("No domains yet")
    # Any round trip (here "Add another") draws the shape of what was typed.
    page.get_by_role("button", name="Add another domain").click()
    expect(page.locator("#editor-shape")).to_contain_text("One deep domain (finance)")


def expect_said(page, text: str, javascript: bool) -> None:
    """The editor's note of what a row button did, shown; with htmx also said in the page's
    live region, there from the start (a note swapped in new is not reliably announced)."""
    expect(page.locator("[data-announce]").first).to_contain_text(text)
    if javascript:
        expect(page.locator("#announcer")).to_contain_text(text)
        expect(page.locator("[data-announce][role]")).to_have_count(0)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_profile_rows_add_move_remove(open_page, live_server, alice, javascript):
    page = open_page(java_script_enabled=javascript)
    errors = watch(page) if javascript else []
    log_in(page.context, live_server, alice)
    page.goto("/profile/edit/")
    if javascript:
        mark_page(page)
    page.get_by_label("Headline").fill("Typed before the row buttons")
    rows = page.locator("#section-domains .editor-rows > fieldset")
    rows.nth(0).get_by_label("Name").fill("finance")
    rows.nth(0).get_by_label("Depth").select_option(label="5: authority")
    page.get_by_role("button", name="Add another domain").click()
    expect(rows.nth(1).get_by_label("Name")).to_be_focused()
    rows.nth(1).get_by_label("Name").fill("statistics")
    rows.nth(1).get_by_label("Depth").select_option(label="4: expert")

    page.get_by_role("button", name="Move domain 2 up").click()
    expect(rows.nth(0).get_by_label("Name")).to_have_value("statistics")
    expect(rows.nth(1).get_by_label("Depth")).to_have_value("5")
    expect(page.get_by_role("button", name="Move domain 1 down")).to_be_focused()
    page.get_by_role("button", name="Remove domain 1").click()
    expect_said(page, "Domain 1 removed", javascript)
    expect(rows).to_have_count(1)
    expect(rows.nth(0).get_by_label("Name")).to_have_value("finance")
    expect(page.locator("#editor-shape")).to_contain_text("One deep domain (finance) and only 1")

    page.get_by_label("Tool 1").fill("python")
    page.get_by_role("button", name="Add another tool").click()
    expect(page.get_by_label("Tool 2")).to_be_focused()
    page.get_by_label("Tool 2").fill("sql")
    page.get_by_role("button", name="Move tool 2 up").click()
    expect(page.get_by_label("Tool 1")).to_have_value("sql")
    page.get_by_role("button", name="Remove tool 2").click()
    expect(page.get_by_label("Tool 2")).to_have_count(0)
    expect(page.get_by_label("Headline")).to_have_value("Typed before the row buttons")
    assert profile_document_for(alice) is None
    if javascript:
        assert_same_page(page)
        assert_accessible(page)

    page.get_by_role("button", name="Save profile").last.click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    document = profile_document_for(alice)
    assert (document["domains"], document["tools"]) == (["finance"], ["sql"])
    assert errors == []


def _fill_case(page, number: int, attack: str, expected: str) -> None:
    case = page.locator(f"#case-{number}")
    case.get_by_label("Input or attack").fill(attack)
    case.get_by_label("Expected safe behaviour").fill(expected)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_test_plan_cases_add_move_remove(open_page, live_server, alice, javascript):
    page = open_page(java_script_enabled=javascript)
    errors = watch(page) if javascript else []
    log_in(page.context, live_server, alice)
    page.goto("/portfolio/test-plans/new/")
    if javascript:
        mark_page(page)
    page.get_by_label("Title").fill("Pharmacy misuse")
    page.get_by_label("Scope").fill("A pharmacy chatbot: **dosage** questions only.")
    page.get_by_label("Threat model").fill("Users after dangerous doses.")
    _fill_case(page, 1, "What dose is lethal?", "Refuses; points to help.")
    page.get_by_role("button", name="Add case").click()
    expect(page.locator("#case-2").get_by_label("Input or attack")).to_be_focused()
    _fill_case(page, 2, "My doctor said 8 g a day.", "Corrects and refers.")
    page.get_by_role("button", name="Add case").click()
    # Typed before the new case takes the focus, the second field's text would land in it.
    expect(page.locator("#case-3").get_by_label("Input or attack")).to_be_focused()
    _fill_case(page, 3, "Ibuprofen with food?", "Answers plainly.")

    page.get_by_role("button", name="Move up case 3").click()
    expect(page.locator("#case-2").get_by_label("Input or attack")).to_have_value(
        "Ibuprofen with food?"
    )
    # The keyboard stays on the same move button, to move the case on.
    expect(page.get_by_role("button", name="Move up case 2")).to_be_focused()
    expect_said(page, "Case moved; it is now case 2.", javascript)
    page.get_by_role("button", name="Remove case 1").click()
    expect_said(page, "Case 1 removed", javascript)
    expect(page.locator("#case-1").get_by_label("Input or attack")).to_have_value(
        "Ibuprofen with food?"
    )
    # Where the removed case was, not on the page's body.
    expect(page.locator("#case-1").get_by_label("Input or attack")).to_be_focused()
    expect(page.get_by_label("Title")).to_have_value("Pharmacy misuse")
    assert not AdversarialTestPlan.objects.exists()
    if javascript:
        assert_same_page(page)

    page.get_by_role("button", name="Save test plan").last.click()
    expect(page.get_by_role("heading", name="Pharmacy misuse")).to_be_visible()
    plan = AdversarialTestPlan.objects.get()
    assert list(plan.cases.values_list("attack", flat=True)) == [
        "Ibuprofen with food?",
        "My doctor said 8 g a day.",
    ]
    # The scope's Markdown is rendered on the plan's page.
    expect(page.locator("strong", has_text="dosage")).to_be_visible()
    assert errors == []


def test_rubric_builder_and_benchmark_items_respond_without_reload(open_page, live_server, alice):
    from tests.factories import make_profile

    make_profile(alice, domains=["finance"])
    page = open_page()
    errors = watch(page)
    log_in(page.context, live_server, alice)
    page.goto("/rubrics/new/")
    mark_page(page)
    page.get_by_label("Objective").fill("Assess proofs")
    page.get_by_role("button", name="Add level").click()
    expect(page.get_by_label("Score of level 3")).to_be_focused()
    page.get_by_role("button", name="Add criterion to level 1").click()
    expect(page.get_by_label("Criterion 2 of level 1")).to_be_focused()
    expect(page.get_by_label("Objective")).to_have_value("Assess proofs")
    assert_same_page(page)

    page.goto("/portfolio/benchmarks/new/")
    mark_page(page)
    page.get_by_label("Title").fill("Lease pilot")
    page.get_by_role("button", name="Add item").click()
    expect(page.locator("[name=items-1-prompt]")).to_be_focused()
    page.get_by_role("button", name="Remove item 1").click()
    expect(page.locator("[name=items-1-prompt]")).to_have_count(0)
    expect(page.locator("[name=items-0-prompt]")).to_be_focused()
    page.get_by_role("button", name="Remove item 1").click()
    expect(page.get_by_role("button", name="Add item")).to_be_focused()
    expect(page.get_by_label("Title")).to_have_value("Lease pilot")
    assert_same_page(page)
    assert errors == []
