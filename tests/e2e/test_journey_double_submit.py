"""A form pressed twice while its answer is on its way (a double click on a slow line) is sent
once: no second copy of what it makes, and no save that meets its own first half."""

from playwright.sync_api import expect

from portfolio.models import WorkSample
from tests.e2e.conftest import log_in
from tests.factories import UserFactory, WorkSampleFactory


def posts_to(page, path: str) -> list[str]:
    """The POSTs the page sends to `path`, as they leave the browser."""
    sent: list[str] = []

    def count(route):
        if route.request.method == "POST":
            sent.append(route.request.url)
        route.fallback()

    page.route(f"**{path}", count)
    return sent


def slow_line(page) -> None:
    """Answers take a second and a half to arrive, as on a poor connection."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    conditions = {"offline": False, "latency": 1500, "downloadThroughput": -1}
    cdp.send("Network.emulateNetworkConditions", {**conditions, "uploadThroughput": -1})


# On the slow line the answer, its redirect and the page's scripts (which hold up the page
# below them) are four round trips of a second and a half each.
ARRIVES_MS = 15000


def press_twice(page, button: str) -> None:
    """Two presses of the button, the second while the first one's answer is on its way."""
    page.get_by_role("button", name=button).evaluate(
        "button => { button.click(); setTimeout(() => button.click(), 200); }"
    )


def test_save_pressed_twice_makes_one_work_sample(page):
    dana = UserFactory(email="dana@example.com", name="Dana Expert")
    log_in(page, "dana@example.com")
    page.goto("/portfolio/samples/new/")
    page.get_by_label("Title").fill("Audit memo")
    page.get_by_label("Type").select_option("report")
    page.get_by_label("A link").check()
    page.get_by_label("Link", exact=True).fill("https://example.org/audit-memo")
    sent = posts_to(page, "/portfolio/samples/new/")
    slow_line(page)

    press_twice(page, "Save work sample")

    expect(page.get_by_role("heading", level=1)).to_have_text("Audit memo", timeout=ARRIVES_MS)
    page.wait_for_timeout(500)  # the second press's moment is long past
    assert len(sent) == 1
    assert list(WorkSample.objects.filter(owner=dana).values_list("title", flat=True)) == [
        "Audit memo"
    ]


def test_duplicate_pressed_twice_makes_one_copy(page):
    dana = UserFactory(email="dana@example.com", name="Dana Expert")
    sample = WorkSampleFactory(owner=dana, title="Audit memo")
    log_in(page, "dana@example.com")
    page.goto(sample.get_absolute_url())
    sent = posts_to(page, f"/portfolio/samples/{sample.pk}/duplicate/")
    slow_line(page)

    press_twice(page, "Duplicate")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Copy of Audit memo", timeout=ARRIVES_MS
    )
    page.wait_for_timeout(500)
    assert len(sent) == 1
    assert WorkSample.objects.filter(owner=dana).count() == 2


def test_a_form_sent_long_ago_without_an_answer_can_be_sent_again(page):
    """Once the first press is long past (the person stopped the page, or the connection
    dropped), the next press sends the form again: nothing typed is stuck behind a lock."""
    UserFactory(email="dana@example.com", name="Dana Expert")
    page.clock.install()
    log_in(page, "dana@example.com")
    page.goto("/portfolio/samples/new/")
    # A submit event as the browser fires it before sending: was the sending cancelled?
    press = """() => {
        const event = new SubmitEvent("submit", {bubbles: true, cancelable: true});
        document.querySelector("form.work-sample-form").dispatchEvent(event);
        return event.defaultPrevented;
    }"""
    assert [page.evaluate(press), page.evaluate(press)] == [False, True]
    page.clock.run_for(10_000)
    assert [page.evaluate(press), page.evaluate(press)] == [False, True]
