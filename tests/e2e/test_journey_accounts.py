"""An expert signs up, logs out and logs back in, using the keyboard where it matters; and
takes their data with them before deleting their account."""

import zipfile

from playwright.sync_api import expect

from profiles.models import User
from tests.e2e.conftest import assert_accessible
from tests.factories import PASSWORD, UserFactory
from tests.portfolio.upload_examples import stored_file


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


def test_download_my_data_then_delete_my_account(page):
    kim = UserFactory(email="kim@example.com", name="Kim Expert")
    stored_file(kim, "notes.md", b"# My notes\n")
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill("kim@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url("/dashboard/")

    page.get_by_role("link", name="Account", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download all my data (.zip)").click()
    with zipfile.ZipFile(download_info.value.path()) as archive:
        members = {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}
    assert members["files/notes.md"] == b"# My notes\n"
    assert {"README.txt", "account.json"} <= members.keys()

    page.get_by_role("link", name="Delete my account…").click()
    expect(page).to_have_url("/account/delete/")
    assert_accessible(page)
    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Delete my account permanently").click()
    expect(page.get_by_text("That is not your password. Nothing was deleted.")).to_be_visible()
    assert_accessible(page)
    assert User.objects.filter(email="kim@example.com").exists()

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account permanently").click()
    expect(page).to_have_url("/")
    expect(page.get_by_text("Your account is deleted")).to_be_visible()
    expect(page.get_by_role("link", name="Log in").first).to_be_visible()
    assert_accessible(page)
    assert not User.objects.filter(email="kim@example.com").exists()
