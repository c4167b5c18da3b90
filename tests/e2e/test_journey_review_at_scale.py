"""Review at scale in a browser: staff assign a waiting round to a reviewer from the
pipeline, and a second reviewer reads the first review only after submitting their own."""

import re

from playwright.sync_api import expect

from onboarding.confirmations import CONFIRMATIONS
from onboarding.models import Review, Round
from onboarding.services.submissions import submission_submit
from onboarding.workflow import Decision, State
from tests.e2e.conftest import assert_accessible, log_out
from tests.e2e.test_journey_review import log_in, people, rubric
from tests.factories import UserFactory
from tests.onboarding.review_setup import reviewed


def test_staff_assign_a_round_from_the_pipeline(page):
    dana, riley = people()
    round = submission_submit(actor=dana, confirmed=CONFIRMATIONS)
    log_in(page, "sam@example.com")
    expect(page.get_by_role("heading", name="Review pipeline")).to_be_visible()
    expect(page.get_by_text("1 round waiting for a reviewer or for staff")).to_be_visible()
    expect(page.get_by_text("Your onboarding checklist")).to_have_count(0)

    page.get_by_role("link", name="assign Dana Expert, round 1").click()
    expect(page).to_have_url(re.compile(rf"/review/rounds/{round.pk}/"))
    expect(page.get_by_role("heading", name="Staff: who reviews this round")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Assign to").select_option(label="Riley Reviewer")
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.locator(".messages").get_by_role("status")).to_contain_text(
        "Assigned to Riley Reviewer."
    )
    expect(page.get_by_role("cell", name="Assigned to Riley Reviewer.")).to_be_visible()  # audit
    expect(page.get_by_text("Being reviewed by Riley Reviewer.")).to_be_visible()
    assert_accessible(page)
    round.refresh_from_db()
    assert round.state == State.IN_REVIEW
    assert list(round.reviews.values_list("reviewer", flat=True)) == [riley.pk]

    # The reviewer finds it on their home, with the time they have held it.
    log_out(page)
    log_in(page, "riley@example.com")
    held = page.get_by_role("region", name="Rounds you hold")
    expect(held.get_by_role("link", name="Dana Expert, round 1")).to_be_visible()
    expect(held).to_contain_text("held 0")


def test_a_second_reviewer_reads_the_first_review_after_submitting(page):
    dana, _riley = people()
    round = submission_submit(actor=dana, confirmed=CONFIRMATIONS)
    Round.objects.filter(pk=round.pk).update(reviews_required=3)
    round.refresh_from_db()
    raj = UserFactory(email="raj@example.com", name="Raj Reviewer", reviewer=True)
    reviewed(round, raj, Decision.APPROVE, comment="Raj: ready as it is.")

    log_in(page, "riley@example.com")
    page.get_by_role("link", name="Review queue").click()
    page.get_by_role("link", name="Dana Expert", exact=True).click()
    page.get_by_role("button", name="Claim this round").click()
    expect(page.get_by_text("You claimed Dana Expert's round 1.")).to_be_visible()
    expect(page.get_by_text("Raj: ready as it is.")).to_have_count(0)
    assert_accessible(page)

    rubric(page, "Reasoning quality").get_by_role("radio", name=re.compile("^Score 4")).check()
    rubric(page, "Domain rigor").get_by_role("radio", name=re.compile("^Score 4")).check()
    # Asking for changes needs no confirmation (approving would: it is final).
    page.get_by_label("Request changes").check()
    page.get_by_label("Overall comment").fill("Riley: source the lease items first.")
    page.get_by_role("button", name="Submit review").click()

    expect(page.get_by_role("heading", name="Your review beside the others")).to_be_visible()
    expect(page.get_by_text("The reviews disagree on the decision.")).to_be_visible()
    expect(page.get_by_text("Raj: ready as it is.")).to_be_visible()
    expect(page.get_by_text("Riley: source the lease items first.")).to_be_visible()
    assert_accessible(page)
    assert Review.objects.filter(round=round, state=Review.State.SUBMITTED).count() == 2
