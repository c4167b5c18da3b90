"""With the demo data, the landing page shows a finished profile and what a reviewer reads;
it fits a phone, is valid HTML and passes axe, and its link opens the public profile."""

from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, assert_accessible
from tests.e2e.test_journey_phone import assert_fits


def test_landing_example_from_the_demo_data(open_page):
    call_command("seed_demo", stdout=None)
    cache.clear()
    page = open_page()
    page.goto("/")
    example = page.locator("section", has=page.locator("#example-title"))
    expect(example.get_by_role("img", name="T-shaped skill profile")).to_be_visible()
    expect(example.get_by_role("heading", name="What a reviewer sees")).to_be_visible()
    expect(example.locator(".frozen-artifact")).to_be_visible()
    assert_accessible(page)

    phone = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto("/")
    expect(phone.locator("#example-title")).to_be_visible()
    assert_fits(phone)

    example.get_by_role("link", name="See the whole profile").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dana Expert")
