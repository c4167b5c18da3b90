"""An expert signs up, logs out and logs back in, using the keyboard where it matters."""

from playwright.sync_api import expect

from profiles.models import User
from tests.e2e.conftest import assert_accessible


def test_signup_logout_login_journey(page):
    page.goto("/")
    assert_accessible(page)
    # The skip link is the first thing the keyboard reaches.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()

    page.get_by_role("link", name="Sign up").first.click()
    expect(page).to_have_url("/accounts/signup/")
    assert_accessible(page)
    page.get_by_label("Full name").fill("Ada Lovelace")
    page.get_by_label("Email address").fill("ada@example.com")
    page.locator("#id_password1").fill("analytical-engine-1843")
    page.locator("#id_password2").fill("analytical-engine-1843")
    page.locator("#id_password2").press("Enter")

    expect(page).to_have_url("/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ada")
    assert_accessible(page)
    assert User.objects.filter(email="ada@example.com").exists()

    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url("/")
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Email address").fill("ADA@example.com")
    page.get_by_label("Password").fill("analytical-engine-1843")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url("/dashboard/")
