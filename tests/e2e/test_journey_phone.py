"""The main pages on a phone, in the light and the dark colour scheme: the menu collapses behind
a visible Menu button that opens it, nothing scrolls sideways at 390 or 360 px, and axe finds
nothing serious; lists are cards. On a 1280 px desktop the whole menu fits one row, and without
JavaScript it stays open. From 360 to 1280 px the queue's filters show their options whole."""

import re

from playwright.sync_api import expect

from onboarding.confirmations import CONFIRMATIONS
from onboarding.services.submissions import submission_submit
from tests.e2e.conftest import PHONE, assert_accessible
from tests.e2e.test_journey_review import people as review_people
from tests.factories import (
    PASSWORD,
    AdversarialCaseFactory,
    AdversarialTestPlanFactory,
    BenchmarkFactory,
    RoundFactory,
    RubricFactory,
    UserFactory,
    WorkSampleFactory,
    make_profile,
)

NARROWEST = 360


def people():
    dana = UserFactory(email="dana@example.com", name="Dana Expert")
    make_profile(
        dana,
        headline="Clinician who evaluates medical reasoning",
        domains=["clinical medicine", "pharmacology", "biostatistics"],
        domain_depth={"clinical medicine": 5, "pharmacology": 3},
    )
    RubricFactory(owner=dana, title="Step-by-step clinical reasoning")
    WorkSampleFactory(owner=dana, title="Grading notes on a drug-interaction benchmark")
    BenchmarkFactory(owner=dana, title="Drug interactions", domain="pharmacology")
    UserFactory(email="riley@example.com", name="Riley Reviewer", reviewer=True)
    RoundFactory(
        expert_name="Quinn Expert",
        headline="Tax lawyer who red-teams filing assistants",
        domains=[("tax law", 5), ("accounting standards", 3)],
        credentials=["Certified Public Accountant"],
    )


def log_in(page, email: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url("/dashboard/")


def menu_opens(page, link: str) -> None:
    """The menu is collapsed behind a visible button that opens and closes it."""
    navigation = page.get_by_role("navigation", name="Main navigation")
    button = navigation.get_by_role("button", name="Menu")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(navigation.get_by_role("link", name=link, exact=True)).to_be_hidden()
    button.click()
    menu_settles(page)
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#main-menu")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
    expect(navigation.get_by_role("link", name=link, exact=True)).to_be_visible()
    assert_fits(page)
    button.click()
    menu_settles(page)
    expect(page.locator("#main-menu")).not_to_have_class(re.compile(r"(^|\s)show(\s|$)"))
    expect(navigation.get_by_role("link", name=link, exact=True)).to_be_hidden()


def menu_settles(page) -> None:
    """Waits for the end of the menu's slide (Bootstrap's .collapsing), checked each frame: the
    checks after it then hold at their first look, where they polled on for most of a second."""
    page.wait_for_function("() => document.querySelector('#main-menu.collapsing') === null")


def assert_fits(page) -> None:
    """Nothing scrolls sideways at the phone's width nor at the narrowest common one."""
    for width in (PHONE["width"], NARROWEST):
        page.set_viewport_size({"width": width, "height": PHONE["height"]})
        scroll_width, inner_width = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll_width <= inner_width, (
            f"{page.url} scrolls sideways at {width} px: {scroll_width} > {inner_width}"
        )
    page.set_viewport_size(PHONE)


def is_card(row) -> bool:
    """A table row drawn as a card on a phone (.table-stack), not as a row of cells."""
    return row.evaluate("row => getComputedStyle(row).display") == "block"


def assert_on_screen(locator) -> None:
    """The element, scrolled to, lies within the phone's width."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]


def visit(page, url: str, heading: str, *, link: str = "Income calculator") -> None:
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    assert_fits(page)
    assert_accessible(page)
    menu_opens(page, link)


def test_main_pages_fit_a_phone(phone_page):
    page = phone_page
    people()
    theme = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    visit(page, "/", "Prove what you know about evaluating AI")
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "dark" if theme else "light")
    visit(page, "/accounts/login/", "Log in", link="Sign up")
    visit(page, "/tools/income/?rate=42&hours=15&weeks=46&rate2=30&hours2=20", "Income calculator")
    expect(page.locator("#estimate")).to_contain_text("$28,980")
    visit(
        page,
        "/tools/decide/?orchestrate=no&rigor=yes&early=no&credentials=yes",
        "Generalist or specialist?",
    )
    expect(page.locator("#suggestion").get_by_role("img")).to_be_visible()

    log_in(page, "dana@example.com")
    visit(page, "/dashboard/", "Welcome, Dana", link="Portfolio")
    expect(page.get_by_label(re.compile(r"\d of 6 steps done"))).to_be_visible()
    visit(page, "/profile/", "Your skill profile", link="Dashboard")
    # The shape picture names its domains whole, within the screen.
    shape = page.locator("svg.shape-svg")
    expect(shape.locator("text.shape-name tspan")).to_contain_text(["clinical", "medicine"])
    box = shape.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # The editor's row buttons wrap under their fields.
    visit(page, "/profile/edit/", "Edit your skill profile", link="Dashboard")
    expect(page.get_by_role("button", name="Move domain 2 up")).to_be_visible()
    visit(page, "/portfolio/", "My portfolio", link="Profile")
    # On a phone each artifact is a card of labelled values rather than a wide table row.
    row = page.get_by_role("row", name=re.compile("Drug interactions"))
    expect(row).to_be_visible()
    assert is_card(row)

    log_in(page, "riley@example.com")
    visit(page, "/review/", "Review queue", link="Dashboard")
    expect(page.get_by_role("link", name="Quinn Expert")).to_be_visible()


def test_the_whole_menu_fits_one_row_at_1280_px_for_staff_who_review(page):
    UserFactory(email="sam@example.com", name="Sam Staff", is_staff=True, reviewer=True)
    log_in(page, "sam@example.com")
    page.set_viewport_size({"width": 1280, "height": 800})
    navigation = page.get_by_role("navigation", name="Main navigation")
    expect(navigation.get_by_role("button", name="Menu")).to_be_hidden()
    links = ["Dashboard", "Review queue", "Calibration", "Admin", "Decision guide", "Account"]
    tops = set()
    for name in links:
        link = navigation.get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        tops.add(round(link.bounding_box()["y"]))
    tops.add(round(navigation.get_by_role("button", name="Log out").bounding_box()["y"]))
    assert len(tops) == 1, f"the menu wraps onto {len(tops)} rows"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)


def test_without_javascript_the_phone_menu_is_open(open_page):
    page = open_page(viewport=PHONE, java_script_enabled=False)
    page.goto("/")
    navigation = page.get_by_role("navigation", name="Main navigation")
    expect(navigation.get_by_role("button", name="Menu")).to_be_hidden()
    for name in ("Income calculator", "Decision guide", "Log in", "Sign up"):
        expect(navigation.get_by_role("link", name=name, exact=True)).to_be_visible()


# The widest of a select's options, as its own font draws it, and the room its box leaves for
# text (the arrow sits in the right padding).
WIDEST_OPTION = """select => {
  const style = getComputedStyle(select);
  const pen = document.createElement("canvas").getContext("2d");
  pen.font = style.font;
  const widest = Math.max(...[...select.options].map(option => pen.measureText(option.text).width));
  const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return [widest, room];
}"""
# Their options are the queue's own words; a domain's or a credential's are the experts'.
FIXED_FILTERS = ("Status", "Waiting", "Sort by")


def assert_filters_whole(page, width: int) -> None:
    """Each of the queue's fixed filters shows any of its options without cutting it."""
    for label in FIXED_FILTERS:
        widest, room = page.get_by_label(label, exact=True).evaluate(WIDEST_OPTION)
        assert widest <= room, (
            f"at {width} px “{label}” cuts its options: {widest:.0f} px of text in {room:.0f}"
        )


def test_the_queue_filters_show_their_options_whole_from_a_phone_to_a_desktop(page):
    UserFactory(email="riley@example.com", name="Riley Reviewer", reviewer=True)
    log_in(page, "riley@example.com")
    page.goto("/review/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")
    for width in (NARROWEST, PHONE["width"], 768, 1000, 1200, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        if width < 576:  # folded on a phone until asked for
            page.locator("details.filters-fold > summary").click()
        assert_filters_whole(page, width)


def test_an_experts_rounds_and_the_calibration_figures_are_cards_on_a_phone(phone_page):
    page = phone_page
    dana = UserFactory(email="dana@example.com", name="Dana Expert")
    RoundFactory(submission__owner=dana)
    UserFactory(email="sam@example.com", name="Sam Staff", is_staff=True)

    log_in(page, "dana@example.com")
    page.goto("/submit/")
    row = page.get_by_role("row", name=re.compile("Round 1"))
    assert is_card(row)
    assert_on_screen(row.get_by_role("link", name="Open round 1"))
    assert_fits(page)

    log_in(page, "sam@example.com")
    page.goto("/review/calibration/")
    row = page.get_by_role("row", name=re.compile("All review rubrics"))
    assert is_card(row)
    reading = row.get_by_role("cell").last
    expect(reading).to_contain_text("Not enough data")
    assert_on_screen(reading)
    assert_fits(page)
    assert_accessible(page)


def test_a_frozen_portfolios_items_and_cases_are_cards_on_a_phone(phone_page):
    page = phone_page
    dana, _riley = review_people()
    AdversarialCaseFactory(plan=AdversarialTestPlanFactory(owner=dana, title="Bank assistant"))
    round = submission_submit(actor=dana, confirmed=CONFIRMATIONS)
    log_in(page, "dana@example.com")
    page.goto(f"/submit/rounds/{round.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your portfolio, round 1")
    for summary in page.locator("details.frozen-items > summary").all():
        summary.click()
    for name in ("Item 1", "Case 1"):
        row = page.get_by_role("row", name=re.compile(rf"^{name} ")).first
        expect(row).to_be_visible()
        assert is_card(row), name
    assert_fits(page)
    assert_accessible(page)


def test_a_rounds_audit_log_is_cards_on_a_phone(phone_page):
    page = phone_page
    dana, _riley = review_people()  # and Sam, staff
    round = submission_submit(actor=dana, confirmed=CONFIRMATIONS)
    log_in(page, "sam@example.com")
    page.goto(f"/review/rounds/{round.pk}/")
    log = page.get_by_role("table", name=re.compile("Every change of state"))
    row = log.get_by_role("row", name=re.compile("Submitted"))
    assert is_card(row)
    cells = row.get_by_role("cell")
    # The empty note is left out: its label alone would show.
    expect(cells).to_have_text(
        [re.compile(r"\d{4}, \d"), "Dana Expert", "Submitted", "Draft", "Submitted"]
    )
    expect(row.locator("td[data-label=Note]")).to_be_hidden()
    assert_on_screen(cells.last)
    assert_fits(page)
    assert_accessible(page)
