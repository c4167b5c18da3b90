"""Submitting and reviewing in a browser: an expert submits, a reviewer asks for changes, the
expert resubmits and the reviewer approves round 2 after reading what changed. Every page
the journeys visit passes the accessibility check."""

import re
from pathlib import Path

from django.core import mail
from playwright.sync_api import expect

from onboarding.confirmations import CONFIRMATIONS
from onboarding.models import Review, Round
from onboarding.services.submissions import submission_submit
from onboarding.workflow import Decision, State
from tests.e2e.conftest import assert_accessible
from tests.factories import PASSWORD, UserFactory
from tests.onboarding.review_setup import NOTES, ready_portfolio, review_form, reviewed


def log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url("/dashboard/")
    assert_accessible(page)


def people():
    staff = UserFactory(email="sam@example.com", name="Sam Staff", is_staff=True)
    review_form(staff)
    dana = UserFactory(email="dana@example.com", name="Dana Expert")
    riley = UserFactory(email="riley@example.com", name="Riley Reviewer", reviewer=True)
    ready_portfolio(dana)
    return dana, riley


def confirm_and_submit(page, number: int):
    for statement in ("my own", "no confidential", "not published"):
        page.get_by_role("checkbox", name=re.compile(statement)).check()
    page.get_by_role("button", name=f"Submit round {number} for review").click()


def rubric(page, title: str):
    return page.get_by_role("group", name=re.compile(rf"^\d+\. {title}$"))


def test_expert_submits_from_the_submit_page(page):
    people()
    log_in(page, "dana@example.com")
    expect(page.get_by_label("4 of 6 steps done")).to_be_visible()

    page.get_by_role("link", name="Submit", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Submit your portfolio")
    expect(page.get_by_text("Ready:")).to_have_count(5)
    assert_accessible(page)
    # Without the confirmations nothing is submitted; the error stands at each box.
    page.get_by_role("checkbox", name=re.compile("my own")).check()
    page.get_by_role("button", name="Submit round 1 for review").click()
    expect(page.get_by_text("Confirm each statement below to submit.")).to_be_visible()
    expect(page.get_by_text("Confirm this before submitting.")).to_have_count(2)
    expect(page.get_by_role("checkbox", name=re.compile("my own"))).to_be_checked()
    assert_accessible(page)
    assert not Round.objects.exists()
    confirm_and_submit(page, 1)

    expect(page.get_by_text("Round 1 is submitted.")).to_be_visible()
    expect(page.get_by_role("button", name="Withdraw round 1")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("^1 "))).to_contain_text("Submitted")
    assert_accessible(page)
    round = Round.objects.get()
    assert (round.number, round.state) == (1, State.SUBMITTED)

    page.get_by_role("link", name="Open round 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your portfolio, round 1")
    expect(page.get_by_text("This is exactly what the reviewers read.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_label("5 of 6 steps done")).to_be_visible()
    expect(page.locator("#submission-heading + p")).to_contain_text("Submitted")
    assert_accessible(page)


def test_reviewer_previews_downloads_claims_and_requests_changes(page):
    dana, _riley = people()
    round = submission_submit(actor=dana, confirmed=CONFIRMATIONS)
    log_in(page, "riley@example.com")

    page.get_by_role("link", name="Review queue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")
    assert_accessible(page)
    page.get_by_label("Domain").select_option("finance")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("1 round matches these filters.")).to_be_visible()
    assert_accessible(page)

    # Open the round and read it before claiming it.
    page.get_by_role("link", name="Dana Expert", exact=True).click()
    expect(page).to_have_url(f"/review/rounds/{round.pk}/")
    # The uploaded notes are readable in the page (Markdown rendered), and downloadable byte
    # for byte.
    notes = page.locator(".file-preview-markdown", has_text="The model refused 9 of 10 attacks.")
    expect(notes).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download notes.md").click()
    assert Path(download_info.value.path()).read_bytes() == NOTES

    page.get_by_role("button", name="Claim this round").click()
    expect(page.get_by_text("You claimed Dana Expert's round 1.")).to_be_visible()
    expect(page.get_by_role("heading", name="Your review")).to_be_visible()
    assert_accessible(page)

    rubric(page, "Reasoning quality").get_by_role("radio", name=re.compile("^Score 4")).check()
    rubric(page, "Domain rigor").get_by_role("radio", name=re.compile("^Score 2")).check()
    rubric(page, "Domain rigor").get_by_label("Comment on Domain rigor (optional)").fill(
        "Two benchmark items cite no source."
    )
    page.get_by_label("Request changes").check()
    page.get_by_role("button", name="Submit review").click()

    # The comment is required to ask for changes; nothing was saved, the choices stay.
    expect(page.get_by_text("Your review is not saved yet:")).to_be_visible()
    expect(
        rubric(page, "Domain rigor").get_by_role("radio", name=re.compile("^Score 2"))
    ).to_be_checked()
    assert_accessible(page)
    assert Review.objects.get().state == Review.State.CLAIMED

    page.get_by_label("Overall comment").fill("Source every benchmark item, then resubmit.")
    page.get_by_role("button", name="Submit review").click()
    expect(page.get_by_text("The round is decided: changes requested.")).to_be_visible()
    expect(page.get_by_role("heading", name="Decision: Changes requested")).to_be_visible()
    assert_accessible(page)

    round.refresh_from_db()
    assert (round.state, round.decision) == (State.CHANGES_REQUESTED, Decision.REQUEST_CHANGES)
    assert [email.to for email in mail.outbox] == [["dana@example.com"]]


def test_expert_resubmits_and_reviewer_approves_after_reading_the_diff(page):
    dana, riley = people()
    first = submission_submit(actor=dana, confirmed=CONFIRMATIONS)
    reviewed(
        first,
        riley,
        Decision.REQUEST_CHANGES,
        score=2,
        comment="Add an adversarial test plan.",
    )

    log_in(page, "dana@example.com")
    expect(page.get_by_role("heading", name="Decision: Changes requested")).to_be_visible()
    expect(page.get_by_text("Add an adversarial test plan.")).to_be_visible()

    # Revise: a new linked work sample.
    page.get_by_role("link", name="Portfolio", exact=True).click()
    expect(page).to_have_url("/portfolio/")
    assert_accessible(page)
    page.get_by_role("link", name="Add a work sample").click()
    expect(page.get_by_label("Title")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Title").fill("Credit-risk memo")
    page.get_by_label("Type").select_option("memo")
    page.get_by_label("A link").check()
    page.get_by_label("Link", exact=True).fill("https://example.org/credit-risk")
    page.get_by_role("button", name="Save work sample").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Credit-risk memo")
    assert_accessible(page)

    page.get_by_role("link", name="Submit", exact=True).click()
    expect(page.get_by_role("button", name="Submit round 2 for review")).to_be_visible()
    assert_accessible(page)
    confirm_and_submit(page, 2)
    expect(page.get_by_text("Round 2 is submitted.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url("/")
    assert_accessible(page)

    log_in(page, "riley@example.com")
    page.get_by_role("link", name="Review queue").click()
    expect(page.get_by_role("button", name="Claim Dana Expert, round 2")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Claim Dana Expert, round 2").click()
    diff = page.locator(".snapshot-diff")
    expect(diff.get_by_role("heading", name="Changes since the previous round")).to_be_visible()
    expect(diff.get_by_text("Work samples › “Credit-risk memo”")).to_be_visible()
    assert_accessible(page)

    for title in ("Reasoning quality", "Domain rigor"):
        rubric(page, title).get_by_role("radio", name=re.compile("^Score 5")).check()
    page.get_by_label("Approve").check()
    page.get_by_role("button", name="Submit review").click()
    # Approval is final: a confirmation page first, with the scores and what it does.
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm: approve")
    expect(page.get_by_text("A credential is issued")).to_be_visible()
    assert_accessible(page)
    assert Round.objects.get(number=2).state == State.IN_REVIEW
    page.get_by_role("button", name="Confirm: approve").click()
    expect(page.get_by_text("The round is decided: approved.")).to_be_visible()
    assert_accessible(page)

    second = Round.objects.get(number=2)
    assert (second.state, second.decision) == (State.APPROVED, Decision.APPROVE)
    assert mail.outbox[-1].subject == "Expertfolio: your portfolio is approved"
