"""Markdown people write shows as HTML on every page that shows it, and hostile Markdown shows
nothing that runs: not on the owner's pages, not on the round page a reviewer reads."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from onboarding.confirmations import CONFIRMATIONS
from onboarding.services.submissions import submission_submit
from portfolio import services
from tests.factories import (
    AdversarialCaseFactory,
    AdversarialTestPlanFactory,
    RubricFactory,
    WorkSampleFactory,
)
from tests.onboarding.review_setup import ready_portfolio, review_form
from tests.portfolio.upload_examples import upload

pytestmark = pytest.mark.django_db

HOSTILE = (
    "**Bold claim** and a [fine link](https://example.org/ok).\n\n"
    '<script>alert("owned")</script>\n\n'
    "<img src=x onerror=alert(1)> [click](javascript:alert(1)) "
    '[data](data:text/html,<script>alert(1)</script>) <a href="javascript:alert(2)">raw</a>\n\n'
    "<iframe src=//evil.example></iframe> <div onmouseover=alert(3)>hover</div>\n"
)
HOSTILE_LINE = (
    "*Cites* [sources](javascript:alert(4)) <b onclick=alert(5)>x</b> <script>x()</script>"
)


class _Executable(HTMLParser):
    """Everything in a page that could run: script elements, event attributes, script URLs,
    frames and objects."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in {"iframe", "object", "embed", "frame"}:
            self.found.append(tag)
        if tag == "script" and not (dict(attrs).get("src") or "").startswith("/static/"):
            self.found.append("inline script")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if name in {"href", "src", "action", "formaction"} and (
                value or ""
            ).strip().lower().startswith(("javascript:", "data:text")):
                self.found.append(f"{tag} {name}={value}")


def assert_nothing_runs(html: str) -> None:
    assert _Executable(html).found == []


@pytest.fixture
def hostile_portfolio(alice, staff):
    review_form(staff)
    ready_portfolio(alice)
    sample = WorkSampleFactory(owner=alice, title="Hostile memo", description=HOSTILE)
    uploaded = services.work_sample_create(
        actor=alice,
        title="Hostile notes",
        sample_type="memo",
        upload=upload("h.md", HOSTILE.encode()),
    )
    rubric = RubricFactory(
        owner=alice,
        title="Hostile rubric",
        objective=HOSTILE_LINE,
        levels=[(score, [HOSTILE_LINE]) for score in (3, 2, 1)],
        disallowed=[HOSTILE_LINE],
    )
    plan = AdversarialTestPlanFactory(
        owner=alice, title="Hostile plan", scope=HOSTILE, goal=HOSTILE
    )
    AdversarialCaseFactory(plan=plan, attack=HOSTILE, expected_behaviour=HOSTILE_LINE)
    return {"sample": sample, "uploaded": uploaded, "rubric": rubric, "plan": plan}


def _rendered(html: str) -> None:
    """The Markdown became HTML: emphasis and the safe link survive, with rel set."""
    assert "<strong>Bold claim</strong>" in html
    assert (
        '<a href="https://example.org/ok" rel="nofollow noopener noreferrer">fine link</a>' in html
    )
    assert "&lt;script&gt;" in html  # shown as text, not dropped silently


def test_owner_pages_render_hostile_markdown_harmlessly(client, alice, hostile_portfolio):
    client.force_login(alice)
    for name, key in (
        ("work_sample_detail", "sample"),
        ("work_sample_detail", "uploaded"),
        ("test_plan_detail", "plan"),
    ):
        html = client.get(reverse(name, args=[hostile_portfolio[key].pk])).content.decode()
        _rendered(html)
        assert_nothing_runs(html)
    html = client.get(
        reverse("rubric_detail", args=[hostile_portfolio["rubric"].pk])
    ).content.decode()
    assert "<em>Cites</em>" in html
    assert_nothing_runs(html)


def test_round_page_renders_hostile_markdown_harmlessly_for_reviewer_and_owner(
    client, alice, rita, hostile_portfolio
):
    round = submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    for person, address in (
        (rita, reverse("review_round", args=[round.pk])),
        (rita, reverse("review_round", args=[round.pk])),  # now from the kept frozen copy
        (alice, reverse("submission_round", args=[round.pk])),
    ):
        client.force_login(person)
        html = client.get(address).content.decode()
        _rendered(html)
        assert "<em>Cites</em>" in html
        assert "<li><strong>Bold claim</strong>" not in html  # paragraphs, not flattened
        assert_nothing_runs(html)


def test_round_page_markdown_preview_of_an_uploaded_file_is_kept_rendered(
    client, alice, rita, staff
):
    review_form(staff)
    ready_portfolio(alice)
    round = submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    client.force_login(rita)
    first = client.get(reverse("review_round", args=[round.pk])).content.decode()
    again = client.get(reverse("review_round", args=[round.pk])).content.decode()
    for html in (first, again):
        # Below the artifact's <h4>: the page keeps its one <h1> and skips no level.
        assert "<h5>Grading notes</h5>" in html
        assert "<p>The model refused 9 of 10 attacks.</p>" in html
