"""The HTML check every journey runs after it passes: it must find what is wrong."""

from tests.e2e.conftest import html_errors, log_in
from tests.e2e.pages import pages_sent

VALID = '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><p>x</p></body></html>'


def test_html_checker_passes_a_valid_page_and_names_the_error_in_an_invalid_one():
    broken = VALID.replace("<title>t</title>", "")
    errors = html_errors({"/valid/": VALID, "/broken/": broken})
    assert len(errors) == 1
    assert errors[0].startswith("/broken/: ")
    assert "title" in errors[0]


def test_html_checker_reports_each_page_of_a_journey():
    stray = VALID.replace("<p>x</p>", "</span>")
    assert [e.split(":")[0] for e in html_errors({"/a/": stray, "/b/": stray})] == ["/a/", "/b/"]


def test_the_pages_a_browser_is_sent_are_kept_for_the_check(page, alice):
    """What the check reads: each page a navigation got, the one after a redirect too (the
    login's), and neither the form's post, the redirect itself nor what a page then fetches
    (styles, scripts)."""
    with pages_sent() as documents:
        log_in(page, alice.email)
    assert list(documents) == ["/accounts/login/", "/dashboard/"]
    assert all(html.lower().startswith("<!doctype html>") for html in documents.values())
