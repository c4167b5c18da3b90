"""Browser journeys: Playwright for Python driving Debian's Chromium, headless."""

import atexit
import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import override_settings
from playwright.sync_api import expect, sync_playwright

from tests.e2e.pages import pages_sent
from tests.factories import PASSWORD

# Playwright's sync API keeps an event loop in this thread; the ORM calls the
# tests make between browser steps are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("EXPERTFOLIO_CHROMIUM", "/usr/bin/chromium")
# The network here is closed: without these Chromium stalls on refused connections.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
# The Nu Html Checker, from the vnu-jar package (package-lock.json), on the machine's Java.
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
_axe = Axe()


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Chromium is not installed at {CHROMIUM} (Debian: apt install chromium)"
        if os.environ.get("EXPERTFOLIO_CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


def _java() -> str:
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        message = "Java and `npm ci` (vnu-jar) are needed to check the pages' HTML"
        if os.environ.get("EXPERTFOLIO_CI"):
            pytest.fail(message)
        pytest.skip(message)
    return java


# C1 alone (no C2 compiler threads) and the serial collector: the checker starts on half the
# processor time and checks as fast on a machine the suite keeps busy. C1's deeper stack
# frames need more than the default 1 MB thread stack to load the HTML schema.
JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m"]


class _HtmlChecker:
    """The Nu Html Checker as a local web service, started once per test process: a Java
    start-up per journey cost seconds each, the check itself tens of milliseconds."""

    def __init__(self) -> None:
        self.url = ""
        self.ready = False
        self.process: subprocess.Popen | None = None

    def launch(self) -> None:
        """Start the checker without waiting for it, so that it loads while the first journey
        runs (without Java, the first check says so)."""
        java = shutil.which("java")
        if java is None or not VNU_JAR.exists():
            return
        if self.process is not None and self.process.poll() is None:
            return
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [java, *JAVA_OPTIONS, "-cp", str(VNU_JAR), "nu.validator.servlet.Main", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        atexit.register(self.process.terminate)
        self.url = f"http://127.0.0.1:{port}/?out=json"
        self.ready = False

    def start(self) -> str:
        """The checker's address, once it answers."""
        _java()
        self.launch()
        if self.ready:
            return self.url
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url.split("?")[0], timeout=5).close()
                self.ready = True
                return self.url
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.25)
        self.process.terminate()
        raise RuntimeError("the Nu Html Checker did not start")

    def messages(self, html: str) -> list[dict]:
        request = urllib.request.Request(
            self.start(),
            data=html.encode("utf-8"),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.load(response)["messages"]


_checker = _HtmlChecker()


def html_errors(documents: dict[str, str]) -> list[str]:
    """The Nu Html Checker's errors on each page (url -> its HTML), as "url: message"."""
    return [
        f"{url}: {m['message']} (line {m.get('lastLine')}: {m.get('extract', '').strip()!r})"
        for url, html in documents.items()
        for m in _checker.messages(html)
        if m.get("type") in ("error", "non-document-error")
    ]


# A phone the size of an iPhone 12–15 (CSS pixels); journeys also check 360 px, the narrowest
# common Android width.
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session", autouse=True)
def _pages_recorded():
    """The live server starts with record_pages() outermost, for pages_sent() to read every
    page it sends: set up before it, as an autouse fixture of its scope. Left on for the
    session's other tests, where it records nothing."""
    middleware = ["tests.e2e.pages.record_pages", *settings.MIDDLEWARE]
    with override_settings(MIDDLEWARE=middleware):
        yield


@pytest.fixture
def open_page(browser, live_server, request):
    """open_page(**context_options) -> a page in a new browser context (Playwright's options:
    viewport, color_scheme, java_script_enabled, ...). Every page the journey opens, in every
    context, has its HTML checked after a passing test."""
    _checker.launch()
    contexts = []

    def opener(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    with pages_sent() as documents:
        yield opener
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        for number, context in enumerate(contexts):
            for page in context.pages:
                page.screenshot(path=str(ARTIFACTS / f"{name}-{number}.png"), full_page=True)
    for context in contexts:
        context.close()
    if report is not None and report.passed:
        errors = html_errors(documents)
        assert not errors, "invalid HTML:\n" + "\n".join(errors)


@pytest.fixture
def page(open_page):
    """A desktop browser page (Playwright's default 1280×720 viewport)."""
    return open_page()


@pytest.fixture(params=["light", "dark"])
def phone_page(open_page, request):
    """A phone-sized touch page, once with the system set to light and once to dark."""
    return open_page(viewport=PHONE, is_mobile=True, has_touch=True, color_scheme=request.param)


def log_in(page, email: str) -> None:
    """Sign in through the login page, as a person does."""
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url("/dashboard/")


def log_out(page) -> None:
    """Sign out with the menu's button, and wait for the landing page it leads to: a page
    asked for before that would still be signed in."""
    page.get_by_role("button", name="Log out").first.click()
    expect(page).to_have_url("/")


def assert_accessible(page) -> None:
    """axe-core on the current page: no serious or critical violations.

    Call it once the page is there (an expect() on what it shows): a click does not wait for
    the page it leads to, and axe run mid-navigation finds no document.
    """
    page.wait_for_load_state()
    # Colours are measured once transitions end: a button that htmx has just put under the
    # mouse is still fading into its hover colours.
    page.evaluate(
        "() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))"
    )
    results = _axe.run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, f"{page.url}:\n" + "\n".join(bad)
