"""How things look where a reader would notice: in dark, a refused field's red border, light
badges and table headers as quiet as the rest; on a phone, a review's scores as cards; in
the rubric builder, each row's buttons joined as one group."""

import re

from playwright.sync_api import expect

from onboarding.confirmations import CONFIRMATIONS
from onboarding.services.submissions import submission_submit
from onboarding.workflow import Decision
from tests.e2e.conftest import PHONE, log_in
from tests.e2e.test_journey_review import people as review_people
from tests.factories import RoundFactory, RubricFactory, UserFactory, make_profile
from tests.onboarding.review_setup import reviewed


def style(locator, prop: str) -> str:
    return locator.evaluate("(e, p) => getComputedStyle(e)[p]", prop)


def resolved(page, prop: str, value: str) -> str:
    """A CSS value (a colour, a var()) as the browser computes it for `prop`."""
    return page.evaluate(
        """([prop, value]) => {
            const probe = document.createElement("div");
            probe.style[prop] = value;
            document.body.append(probe);
            const computed = getComputedStyle(probe)[prop];
            probe.remove();
            return computed;
        }""",
        [prop, value],
    )


def test_in_dark_a_refused_field_keeps_its_red_border(open_page):
    page = open_page(color_scheme="dark")
    page.goto("/tools/income/?rate=-5&hours=20&weeks=46")
    refused = page.locator("input.is-invalid").first
    expect(refused).to_be_visible()
    red = resolved(page, "borderTopColor", "var(--bs-form-invalid-border-color)")
    assert style(refused, "borderTopColor") == red
    calm = page.locator("input.form-control:not(.is-invalid)").first
    assert style(calm, "borderTopColor") != red


def test_in_dark_light_badges_and_table_headers_are_as_quiet_as_the_page(open_page):
    dana = UserFactory(email="dana@example.com", name="Dana Expert")
    rubric = RubricFactory(owner=dana, title="Clinical reasoning")
    page = open_page(color_scheme="dark")
    log_in(page, "dana@example.com")
    page.goto(f"/rubrics/{rubric.pk}/")
    badge = page.locator(".badge.text-bg-light").first
    expect(badge).to_be_visible()
    assert style(badge, "backgroundColor") == resolved(
        page, "backgroundColor", "var(--bs-tertiary-bg)"
    )
    assert style(badge, "color") == resolved(page, "color", "var(--bs-body-color)")
    head = page.locator("thead.table-light th").first
    cell = page.locator("thead.table-light").locator("xpath=..").locator("tbody td").first
    assert style(head, "borderBottomColor") == style(cell, "borderBottomColor")


def test_on_a_phone_a_reviews_scores_are_cards_without_an_empty_comment_column(phone_page):
    page = phone_page
    dana, riley = review_people()
    round = submission_submit(actor=dana, confirmed=CONFIRMATIONS)
    reviewed(round, riley, Decision.REQUEST_CHANGES)
    log_in(page, "dana@example.com")
    page.goto(f"/submit/rounds/{round.pk}/")
    table = page.locator("table.review-feedback-table").first
    expect(table.locator("thead th")).to_have_text(["Rubric", "Level"])  # no comment given
    row = table.locator("tbody tr").first
    assert style(row, "display") == "block"
    box = row.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    wide = table.locator("xpath=..").evaluate("box => box.scrollWidth > box.clientWidth")
    assert not wide


def test_the_rubric_builders_rows_end_on_their_remove_button(page):
    dana = UserFactory(email="dana@example.com", name="Dana Expert")
    rubric = RubricFactory(owner=dana, title="Clinical reasoning")
    log_in(page, "dana@example.com")
    page.goto(f"/rubrics/{rubric.pk}/edit/")
    group = page.locator("#disallowed .input-group, fieldset .input-group").first
    remove = group.get_by_role("button", name=re.compile("^Remove"))
    down = group.get_by_role("button", name=re.compile("^Move down"))
    assert style(down, "borderTopRightRadius") == "0px"
    assert style(remove, "borderTopRightRadius") != "0px"
    # A disabled move is the same button faded, not a darker, pressed-looking one.
    enabled = page.locator(".btn-outline-secondary:enabled").first
    disabled = page.locator(".btn-outline-secondary:disabled").first
    assert style(disabled, "borderTopColor") == style(enabled, "borderTopColor")
    assert float(style(disabled, "opacity")) < 1


def tops(locator) -> set[float]:
    return {round(box["y"]) for box in (item.bounding_box() for item in locator.all()) if box}


def test_the_profiles_actions_and_tabs_each_keep_to_one_row(open_page):
    dana = UserFactory(email="dana@example.com", name="Dana Expert")
    make_profile(dana, headline="Clinician who evaluates medical reasoning")
    for size in ({"width": 1280, "height": 900}, PHONE):
        page = open_page(viewport=size)
        log_in(page, "dana@example.com")
        page.goto("/profile/")
        actions = page.locator(".profile-actions > a")
        expect(actions).to_have_count(5)
        if size["width"] >= 1200:
            assert len(tops(actions)) == 1, size
        tabs = page.get_by_role("navigation", name="Ways to view your profile").get_by_role("link")
        expect(tabs).to_have_count(3)
        assert len(tops(tabs)) == 1, size
    # On the phone, shorter names, as read aloud too.
    assert [tab.inner_text() for tab in tabs.all()] == ["Your view", "Reviewer view", "Public view"]
    expect(tabs.nth(2)).to_have_accessible_name("Public view")


def test_on_a_phone_a_required_fields_asterisk_stays_with_its_label(phone_page):
    page = phone_page
    page.goto("/tools/decide/")
    star = page.locator(".asteriskField").first
    expect(star).to_be_visible()
    # The asterisk's line is the line of the label's last character.
    apart = star.evaluate(
        """star => {
            const text = star.previousSibling || star.parentNode.firstChild;
            const range = document.createRange();
            range.setStart(text, text.textContent.trimEnd().length - 1);
            range.setEnd(text, text.textContent.trimEnd().length);
            return Math.abs(range.getBoundingClientRect().top - star.getBoundingClientRect().top);
        }"""
    )
    assert apart < 4


def test_on_a_phone_a_quality_badge_sits_above_its_item_at_its_own_width(phone_page):
    page = phone_page
    dana = UserFactory(email="dana@example.com", name="Dana Expert")
    rubric = RubricFactory(owner=dana, title="Clinical reasoning")
    log_in(page, "dana@example.com")
    page.goto(f"/rubrics/{rubric.pk}/")
    item = page.locator(".quality-item").first
    badge = item.locator(".quality-badge")
    assert style(item, "flexDirection") == "column"
    label = item.locator("strong")
    assert badge.bounding_box()["y"] < label.bounding_box()["y"]
    # Its own width, not a column's 120 pixels out of a phone's 358.
    assert badge.bounding_box()["width"] < 100


def test_on_a_phone_the_queues_filters_fold_away_unless_they_narrow_it(open_page):
    UserFactory(email="riley@example.com", name="Riley Reviewer", reviewer=True)
    RoundFactory(domains=[("finance", 3)])
    phone = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(phone, "riley@example.com")
    phone.goto("/review/")
    fold = phone.locator("details.filters-fold")
    status = phone.get_by_label("Status", exact=True)
    expect(status).to_be_hidden()
    first = phone.locator("table.review-queue tbody tr").first
    assert first.bounding_box()["y"] < PHONE["height"]  # the first round on the first screen
    phone.get_by_text("Filter and sort").click()
    expect(status).to_be_visible()
    phone.goto("/review/?domain=finance")  # a filter that narrows: shown as it is
    expect(fold).to_have_attribute("open", "")
    expect(phone.get_by_text("Filter and sort: filtered")).to_be_visible()

    desktop = open_page(viewport={"width": 1280, "height": 900})
    log_in(desktop, "riley@example.com")
    desktop.goto("/review/")
    expect(desktop.get_by_label("Status", exact=True)).to_be_visible()
    expect(desktop.locator("details.filters-fold > summary")).to_be_hidden()

    plain = open_page(viewport=PHONE, java_script_enabled=False)
    log_in(plain, "riley@example.com")
    plain.goto("/review/")
    expect(plain.get_by_label("Status", exact=True)).to_be_visible()  # open without scripts


def test_on_a_small_tablet_the_portfolio_is_cards_and_the_page_does_not_scroll_sideways(
    open_page,
):
    dana = UserFactory(email="dana@example.com", name="Dana Expert")
    for n in range(2):
        RubricFactory(owner=dana, title=f"Grading notes on a drug-interaction benchmark {n}")
    page = open_page(viewport={"width": 576, "height": 900})
    log_in(page, "dana@example.com")
    page.goto("/portfolio/")
    row = page.get_by_role("row", name=re.compile("Grading notes")).first
    assert style(row, "display") == "block"  # a card, as on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 576
    page.set_viewport_size({"width": 768, "height": 900})
    assert style(row, "display") == "table-row"
    # A row's hidden button text stays in the table's box, which may scroll; the page not.
    assert page.evaluate("document.documentElement.scrollWidth") <= 768


def test_a_work_samples_link_has_room_in_the_profile_editor_from_tablet_to_desktop(open_page):
    dana = UserFactory(email="dana@example.com", name="Dana Expert")
    make_profile(dana, headline="Clinician who evaluates medical reasoning")
    page = open_page(viewport={"width": 992, "height": 900})
    log_in(page, "dana@example.com")
    page.goto("/profile/edit/")
    link = page.locator('input[name$="-link"]').first
    for width in (768, 992, 1024, 1280, 1400):
        page.set_viewport_size({"width": width, "height": 900})
        link.scroll_into_view_if_needed()
        assert link.bounding_box()["width"] >= 200, width


def test_on_a_tablet_a_frozen_benchmarks_items_fit_their_box(open_page):
    dana, _riley = review_people()
    round = submission_submit(actor=dana, confirmed=CONFIRMATIONS)
    page = open_page(viewport={"width": 768, "height": 900})
    log_in(page, "dana@example.com")
    page.goto(f"/submit/rounds/{round.pk}/")
    page.locator("details.frozen-items > summary").first.click()
    table = page.locator("table.frozen-items-table").first
    expect(table).to_be_visible()
    for width in (768, 820, 992):
        page.set_viewport_size({"width": width, "height": 900})
        box = table.locator("xpath=..")
        assert not box.evaluate("box => box.scrollWidth > box.clientWidth"), width


def test_from_phone_to_desktop_no_landing_button_or_footer_link_wraps_alone(open_page):
    """The hero's buttons and the footer's links wrap in groups (on a phone each button may
    take a line): at 768 and 820 px the last of each sat alone on a line of its own."""
    page = open_page(viewport={"width": 576, "height": 900})
    page.goto("/")
    hero = page.locator("#landing-title ~ div").get_by_role("link")
    expect(hero).to_have_count(4)
    footer = page.get_by_role("contentinfo").get_by_role("link")
    expect(footer).to_have_count(3)
    for width in (576, 768, 820, 992, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        lines = [round(link.bounding_box()["y"]) for link in hero.all()]
        assert lines[0] == lines[1] and lines[2] == lines[3], (width, lines)
        if width >= 768:
            assert len(tops(footer)) == 1, width


def test_a_rounds_profile_starts_right_under_its_heading(open_page):
    """As other sections do, the heading's own margin apart: a rule on the frozen profile
    undid its grid's negative margin, leaving 32 px more."""
    dana, _riley = review_people()
    round = submission_submit(actor=dana, confirmed=CONFIRMATIONS)
    page = open_page(viewport={"width": 1280, "height": 900})
    log_in(page, "dana@example.com")
    page.goto(f"/submit/rounds/{round.pk}/")
    heading = page.locator("#profile-heading").bounding_box()
    headline = page.locator(".frozen-profile .profile-headline").bounding_box()
    gap = headline["y"] - (heading["y"] + heading["height"])
    assert 0 <= gap <= 12, gap


def test_on_a_phone_the_rubric_builders_text_fields_have_room(open_page):
    """A row's buttons go under its text field below 768 px; beside it they left 26–116 px of
    field from 320 to 480 px (400% zoom is 320 px)."""
    dana = UserFactory(email="dana@example.com", name="Dana Expert")
    rubric = RubricFactory(owner=dana, title="Clinical reasoning")
    page = open_page(viewport={"width": 320, "height": 900})
    log_in(page, "dana@example.com")
    page.goto(f"/rubrics/{rubric.pk}/edit/")
    criterion = page.get_by_label("Criterion 1 of level 1")
    disallowed = page.get_by_label("Disallowed behaviour 1")
    remove = page.get_by_role("button", name="Remove criterion 1 of level 1")
    for width in (320, 390, 480, 767):
        page.set_viewport_size({"width": width, "height": 900})
        for field in (criterion, disallowed):
            assert field.bounding_box()["width"] >= width / 2, width
        assert remove.bounding_box()["y"] > criterion.bounding_box()["y"], width
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    # Each line ends round: the field's right corners, the first button's left ones, which
    # starts where the field's line does.
    move_up = page.get_by_role("button", name="Move up criterion 1 of level 1")
    assert style(criterion, "borderTopRightRadius") != "0px"
    assert style(move_up, "borderTopLeftRadius") != "0px"
    assert style(move_up, "marginLeft") == "0px"
    page.set_viewport_size({"width": 768, "height": 900})
    assert remove.bounding_box()["y"] == criterion.bounding_box()["y"]  # one line again
    assert style(criterion, "borderTopRightRadius") == "0px"  # joined to its buttons


def contrast(one: str, other: str) -> float:
    """WCAG contrast of two computed colours ("rgb(r, g, b)")."""

    def luminance(colour: str) -> float:
        channels = [int(n) / 255 for n in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted([luminance(one), luminance(other)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_keyboards_focus_and_fields_edges_show_at_3_to_1_in_light_and_dark(open_page):
    """WCAG 1.4.11: Bootstrap's translucent focus rings were 1.7–2.3:1, a text field's border
    1.6:1 and an unticked box's 2.8:1."""
    for scheme in ("light", "dark"):
        page = open_page(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        page.goto("/tools/decide/")
        canvas = style(page.locator("body"), "backgroundColor")
        surface = resolved(page, "backgroundColor", "var(--ef-surface)")
        controls = [
            page.get_by_role("link", name="Log in").first,
            page.locator("main .btn-primary").first,
            page.locator("main input[type=radio], main input[type=checkbox]").first,
        ]
        for control in controls:
            control.focus()
            page.keyboard.press("Shift+Tab")  # from the keyboard, so :focus-visible holds
            page.keyboard.press("Tab")
            assert style(control, "outlineStyle") == "solid", (scheme, control)
            assert float(style(control, "outlineWidth").removesuffix("px")) >= 2
            assert contrast(style(control, "outlineColor"), canvas) >= 3, (scheme, control)
        box = page.locator("main input[type=radio], main input[type=checkbox]").first
        assert contrast(style(box, "borderTopColor"), canvas) >= 3, scheme
        page.goto("/tools/income/")
        field = page.locator("main input.form-control").first
        assert contrast(style(field, "borderTopColor"), surface) >= 3, scheme
