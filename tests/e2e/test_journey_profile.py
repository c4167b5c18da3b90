"""An expert builds a skill profile in the browser, imports the seed and sees the shape."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from portfolio.documents import profile_document_for
from profiles.schema import SEED_DOCUMENT_PATH, seed_document
from tests.e2e.conftest import assert_accessible


def log_in(context, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


@pytest.fixture
def page_without_javascript(browser, live_server):
    # axe-core needs JavaScript, so the accessibility checks run in the journey below.
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_build_a_profile_in_the_editor_without_javascript(
    page_without_javascript, live_server, alice
):
    page = page_without_javascript
    log_in(page.context, live_server, alice)
    page.goto("/profile/")
    expect(page.get_by_text("You have no profile yet")).to_be_visible()
    page.get_by_role("link", name="Build your profile").click()
    expect(page).to_have_url("/profile/edit/")

    page.get_by_label("Headline").fill("Quant researcher who stress-tests model reasoning")
    page.get_by_label("Bio").fill("CFA Level II; eight years in market risk.")
    domain_rows = page.locator("#section-domains fieldset")
    domain_rows.nth(0).get_by_label("Name").fill("finance")
    domain_rows.nth(0).get_by_label("Depth").select_option(label="4: expert")

    # "Add another" is a plain submit: the server adds the row and keeps what was typed.
    page.get_by_role("button", name="Add another domain").click()
    expect(page).to_have_url("/profile/edit/")
    expect(page.get_by_label("Headline")).to_have_value(
        "Quant researcher who stress-tests model reasoning"
    )
    expect(page.get_by_label("Bio")).to_have_value("CFA Level II; eight years in market risk.")
    expect(domain_rows).to_have_count(2)
    expect(domain_rows.nth(0).get_by_label("Name")).to_have_value("finance")
    expect(domain_rows.nth(0).get_by_label("Depth")).to_have_value("4")
    expect(domain_rows.nth(1).get_by_label("Name")).to_be_focused()
    domain_rows.nth(1).get_by_label("Name").fill("statistics")

    page.get_by_role("button", name="Add another domain").click()
    expect(domain_rows).to_have_count(3)
    expect(domain_rows.nth(2).get_by_label("Name")).to_be_focused()
    expect(domain_rows.nth(1).get_by_label("Name")).to_have_value("statistics")
    domain_rows.nth(2).get_by_label("Name").fill("risk")
    domain_rows.nth(2).get_by_label("Depth").select_option(label="3: proficient")
    page.get_by_label("Tool 1").fill("python")
    page.get_by_label("Hours per week").fill("15")
    page.get_by_label("Time zone").fill("America/New_York")
    page.get_by_role("button", name="Save profile").first.click()

    expect(page).to_have_url("/profile/")
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    figure = page.locator("figure.shape-figure")
    expect(figure.get_by_role("img", name="T-shaped skill profile")).to_be_visible()
    expect(figure).to_contain_text("One deep domain (finance) across 3 domains")
    assert profile_document_for(alice)["domain_depth"] == {"finance": 4, "risk": 3}


def test_import_the_seed_edit_it_and_see_the_shape(page, live_server, alice):
    log_in(page.context, live_server, alice)
    page.goto("/profile/")
    assert_accessible(page)
    page.get_by_role("link", name="Import JSON").click()
    expect(page).to_have_url("/profile/import/")
    assert_accessible(page)

    # A broken paste first: the errors are listed with their paths, nothing is saved.
    page.get_by_label("Or paste the JSON").fill('{"headline": "x", "domains": []}')
    page.get_by_role("button", name="Import and replace my profile").click()
    expect(page.locator("#import-errors")).to_contain_text("domains: must list at least one")
    assert_accessible(page)
    assert profile_document_for(alice) is None

    page.get_by_label("Or paste the JSON").fill("")
    page.get_by_label("JSON file").set_input_files(str(SEED_DOCUMENT_PATH))
    page.get_by_role("button", name="Import and replace my profile").click()
    expect(page).to_have_url("/profile/")
    expect(page.get_by_text("Quant researcher with evaluation design experience")).to_be_visible()
    expect(page.get_by_role("img", name="Generalist skill profile")).to_be_visible()
    expect(page.get_by_role("link", name="Domain artifacts")).to_be_visible()
    assert_accessible(page)
    assert profile_document_for(alice) == seed_document()

    # Still private, as the public would see it: the page says so, readably.
    page.get_by_role("link", name="As the public sees it").click()
    expect(page.get_by_text("Your profile is private")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Your view").click()

    page.get_by_role("link", name="Edit profile").click()
    expect(page).to_have_url("/profile/edit/")
    assert_accessible(page)
    # With JavaScript, "Add another" adds the row in place.
    page.get_by_role("button", name="Add another domain").click()
    domain_rows = page.locator("#section-domains .editor-rows > fieldset")
    expect(domain_rows).to_have_count(4)
    expect(domain_rows.nth(3).get_by_label("Name")).to_be_focused()
    domain_rows.nth(3).get_by_label("Name").fill("insurance")
    domain_rows.nth(0).get_by_label("Depth").select_option(label="5: authority")
    page.get_by_label("Who can see your profile").select_option(
        label="Public: anyone with the link"
    )
    page.get_by_role("button", name="Save profile").last.click()

    expect(page).to_have_url("/profile/")
    expect(page.get_by_role("img", name="T-shaped skill profile")).to_be_visible()
    assert profile_document_for(alice)["domains"] == ["finance", "statistics", "risk", "insurance"]

    page.get_by_role("link", name="As the public sees it").click()
    expect(page.get_by_text("This is your public page.")).to_be_visible()
    assert_accessible(page)
    page.locator('a[href="/p/alice-expert/"]').click()
    expect(page).to_have_url("/p/alice-expert/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Alice Expert")
    expect(page.get_by_role("img", name="T-shaped skill profile")).to_be_visible()
    assert_accessible(page)
