"""Claiming, releasing, scoring, deciding and adjudicating, with their audit entries."""

from dataclasses import replace
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from common.versions import VersionConflict
from onboarding import audit
from onboarding.models import AuditEntry, Review, ReviewFlag, ReviewForm, ReviewScore, Round
from onboarding.services.reviews import (
    ReviewInput,
    review_claim,
    review_form_activate,
    review_release,
    review_save,
    round_adjudicate,
)
from onboarding.workflow import DECISION_STATES, DRAFT, Decision, State, TransitionForbidden
from tests.factories import UserFactory
from tests.onboarding.review_setup import review_form, review_input, reviewed, submitted_round

pytestmark = pytest.mark.django_db


def actions(round) -> list[tuple[str, str, str]]:
    return list(
        AuditEntry.objects.filter(round=round).values_list("action", "from_state", "to_state")
    )


# --- Claim and release ---------------------------------------------------------------------


def test_review_claim_moves_the_round_into_review(round, rita):
    review = review_claim(actor=rita, round=round)
    round.refresh_from_db()
    assert round.state == State.IN_REVIEW
    assert (review.reviewer, review.state) == (rita, Review.State.CLAIMED)
    assert actions(round)[-1] == ("claimed", State.SUBMITTED, State.IN_REVIEW)


def test_review_release_of_the_only_claim_moves_it_back(round, rita):
    review = review_claim(actor=rita, round=round)
    review_save(actor=rita, review=review, data=review_input(round, ""), submit=False)
    review_release(actor=rita, round=round)
    round.refresh_from_db()
    assert round.state == State.SUBMITTED
    assert not Review.objects.exists() and not ReviewScore.objects.exists()
    assert actions(round)[-1] == ("released", State.IN_REVIEW, State.SUBMITTED)


def test_review_release_with_another_reviewer_left_stays_in_review(round, rita, raj, settings):
    Round.objects.filter(pk=round.pk).update(reviews_required=2)
    round.refresh_from_db()
    review_claim(actor=rita, round=round)
    review_claim(actor=raj, round=round)
    review_release(actor=rita, round=round)
    round.refresh_from_db()
    assert round.state == State.IN_REVIEW
    assert actions(round)[-1] == ("released", State.IN_REVIEW, State.IN_REVIEW)
    assert list(round.reviews.values_list("reviewer", flat=True)) == [raj.pk]


def test_review_release_without_a_claim_is_refused(round, rita):
    with pytest.raises(ValidationError, match="no unfinished review"):
        review_release(actor=rita, round=round)


def test_review_claim_refuses_the_owner(rita):
    own = submitted_round(rita)
    with pytest.raises(PermissionDenied, match="your own portfolio"):
        review_claim(actor=rita, round=own)
    assert not Review.objects.exists()


def test_review_claim_refuses_non_reviewers(round, bob, staff):
    for person in (bob, staff):
        with pytest.raises(PermissionDenied):
            review_claim(actor=person, round=round)
    assert not Review.objects.exists()


def test_review_claim_refuses_a_full_round_and_a_second_claim(round, rita, raj):
    review_claim(actor=rita, round=round)
    with pytest.raises(ValidationError, match="already claimed"):
        review_claim(actor=rita, round=round)
    with pytest.raises(ValidationError, match="all the reviewers it needs"):
        review_claim(actor=raj, round=round)
    assert Review.objects.count() == 1


@pytest.mark.parametrize("state", [State.WITHDRAWN, State.APPROVED, State.ADJUDICATION])
def test_review_claim_refuses_rounds_not_open(round, rita, state):
    Round.objects.filter(pk=round.pk).update(state=state)
    with pytest.raises(ValidationError, match="no longer waiting for review"):
        review_claim(actor=rita, round=round)


# --- Scoring -------------------------------------------------------------------------------


def test_review_save_draft_may_be_incomplete_and_stays_private(round, rita):
    review = review_claim(actor=rita, round=round)
    draft = ReviewInput(scores={0: 4}, rubric_comments={1: "Check the sources."})
    review_save(actor=rita, review=review, data=draft, submit=False)
    review.refresh_from_db()
    assert review.state == Review.State.CLAIMED and review.submitted_at is None
    assert list(review.scores.values_list("rubric_position", "score", "comment")) == [
        (0, 4, ""),
        (1, None, "Check the sources."),
    ]
    round.refresh_from_db()
    assert round.state == State.IN_REVIEW


def test_review_submit_missing_level_is_refused_and_saves_nothing(round, rita):
    review = review_claim(actor=rita, round=round)
    data = ReviewInput(scores={0: 5}, decision=Decision.APPROVE)
    with pytest.raises(ValidationError) as caught:
        review_save(actor=rita, review=review, data=data, submit=True)
    assert caught.value.message_dict == {"level_1": ["Choose a level for “Domain rigor”."]}
    review.refresh_from_db()
    assert review.state == Review.State.CLAIMED and not review.scores.exists()


def test_review_submit_with_a_disallowed_behaviour_cannot_approve(round, rita):
    review = review_claim(actor=rita, round=round)
    data = review_input(round, Decision.APPROVE, flags={1: {0}})
    with pytest.raises(ValidationError) as caught:
        review_save(actor=rita, review=review, data=data, submit=True)
    assert caught.value.message_dict["decision"] == [
        "This portfolio cannot be approved: you ticked a disallowed behaviour (“Domain rigor: "
        "fabricated sources” (Domain rigor)). Request changes or reject it."
    ]
    review_save(
        actor=rita,
        review=review,
        data=review_input(round, Decision.REQUEST_CHANGES, flags={1: {0}}),
        submit=True,
    )
    assert list(ReviewFlag.objects.values_list("rubric_position", "text")) == [
        (1, "Domain rigor: fabricated sources")
    ]


def test_review_submit_approving_a_failing_level_is_refused_at_the_level(round, rita):
    review = review_claim(actor=rita, round=round)
    data = ReviewInput(scores={0: 5, 1: 2}, decision=Decision.APPROVE)
    with pytest.raises(ValidationError) as caught:
        review_save(actor=rita, review=review, data=data, submit=True)
    assert caught.value.message_dict == {
        "level_1": [
            "“Domain rigor” is scored 2, below its passing level 3: approval needs at least 3."
        ],
        "decision": [
            "This portfolio cannot be approved: every rubric must reach its passing level "
            "(“Domain rigor” scored 2, passing level 3). Request changes or reject it."
        ],
    }
    review.refresh_from_db()
    assert review.state == Review.State.CLAIMED and not review.scores.exists()
    round.refresh_from_db()
    assert round.state == State.IN_REVIEW
    # The same scores may ask for changes; and the passing level itself approves.
    review_save(actor=rita, review=review, data=replace(data, scores={0: 5, 1: 3}), submit=True)
    round.refresh_from_db()
    assert round.state == State.APPROVED


def test_review_without_a_passing_level_does_not_block_approval(round, rita):
    for entry in round.instrument["rubrics"]:
        entry["rubric"]["pass_score"] = None
    Round.objects.filter(pk=round.pk).update(instrument=round.instrument)
    reviewed(round, rita, Decision.APPROVE, score=1)
    assert round.state == State.APPROVED


@pytest.mark.parametrize("decision", [Decision.REQUEST_CHANGES, Decision.REJECT])
def test_review_submit_needs_a_comment_to_ask_for_changes_or_reject(round, rita, decision):
    review = review_claim(actor=rita, round=round)
    data = ReviewInput(scores={0: 3, 1: 2}, decision=decision, comment="  ")
    with pytest.raises(ValidationError) as caught:
        review_save(actor=rita, review=review, data=data, submit=True)
    assert caught.value.message_dict["comment"][0].startswith("Say why in the overall comment")


def test_review_submit_refuses_a_level_the_rubric_does_not_have(round, rita):
    review = review_claim(actor=rita, round=round)
    data = ReviewInput(scores={0: 9}, decision="")
    with pytest.raises(ValidationError, match="has no level scored 9"):
        review_save(actor=rita, review=review, data=data, submit=False)


def test_review_save_only_by_the_claimer_and_only_once(round, rita, raj):
    review = review_claim(actor=rita, round=round)
    with pytest.raises(PermissionDenied):
        review_save(actor=raj, review=review, data=ReviewInput(), submit=False)
    review_save(actor=rita, review=review, data=review_input(round, Decision.APPROVE), submit=True)
    with pytest.raises(ValidationError, match="already submitted"):
        review_save(
            actor=rita, review=review, data=review_input(round, Decision.REJECT), submit=True
        )


def test_review_save_refuses_a_draft_based_on_an_old_version(round, rita):
    review = review_claim(actor=rita, round=round)
    assert review.version == 1
    first = ReviewInput(scores={0: 4}, comment="Draft from tab A")
    saved = review_save(actor=rita, review=review, data=first, submit=False, expected_version=1)
    assert saved.version == 2
    for submit, data in ((False, ReviewInput(comment="Draft from tab B")), (True, None)):
        data = data or review_input(round, Decision.REJECT, comment="Rejected from tab B")
        with pytest.raises(VersionConflict) as refused:
            review_save(actor=rita, review=review, data=data, submit=submit, expected_version=1)
        assert (refused.value.expected_version, refused.value.current_version) == (1, 2)
    review.refresh_from_db()
    assert (review.state, review.comment, review.version) == ("claimed", "Draft from tab A", 2)
    assert list(review.scores.values_list("rubric_position", "score")) == [(0, 4)]
    assert Round.objects.get(pk=round.pk).state == State.IN_REVIEW
    assert actions(round)[-1][0] == "claimed"  # no review submitted


def test_review_save_of_a_released_claim_says_the_seat_is_gone(round, rita):
    review = review_claim(actor=rita, round=round)
    review_release(actor=rita, round=round)
    with pytest.raises(ValidationError) as caught:
        review_save(actor=rita, review=review, data=ReviewInput(comment="x"), submit=False)
    assert caught.value.code == "not_claimed"
    assert not Review.objects.exists()


@pytest.mark.parametrize("submit", [False, True])
def test_review_save_of_a_claim_past_its_days_is_refused_before_it_is_dropped(
    settings, round, rita, submit
):
    settings.CLAIM_DAYS = 7
    review = review_claim(actor=rita, round=round)
    Review.objects.update(claimed_at=review.claimed_at - timedelta(days=7, seconds=1))
    data = review_input(round, Decision.REQUEST_CHANGES, comment="Late")
    with pytest.raises(ValidationError) as caught:
        review_save(actor=rita, review=review, data=data, submit=submit)
    assert caught.value.code == "claim_expired"
    assert caught.value.messages == ["Your claim expired (7 days without submitting)."]
    review.refresh_from_db()
    assert (review.state, review.comment, review.scores.count()) == ("claimed", "", 0)
    assert Round.objects.get(pk=round.pk).state == State.IN_REVIEW
    assert actions(round)[-1][0] == "claimed"  # no review submitted, nothing decided


def test_review_save_of_a_claim_within_its_days_is_taken(settings, round, rita):
    settings.CLAIM_DAYS = 7
    review = review_claim(actor=rita, round=round)
    Review.objects.update(claimed_at=review.claimed_at - timedelta(days=7) + timedelta(minutes=1))
    data = review_input(round, Decision.REQUEST_CHANGES, comment="Just in time")
    review_save(actor=rita, review=review, data=data, submit=True)
    assert Round.objects.get(pk=round.pk).state == State.CHANGES_REQUESTED


# --- Deciding ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decision", "state"),
    [
        (Decision.APPROVE, State.APPROVED),
        (Decision.REQUEST_CHANGES, State.CHANGES_REQUESTED),
        (Decision.REJECT, State.REJECTED),
    ],
)
def test_one_required_review_decides_and_emails_the_expert(
    round, rita, decision, state, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reviewed(round, rita, decision)
    round.refresh_from_db()
    assert (round.state, round.decision, round.decided_by) == (state, decision, None)
    assert round.decided_at is not None
    assert actions(round)[-2:] == [
        ("review_submitted", State.IN_REVIEW, State.IN_REVIEW),
        ("decided", State.IN_REVIEW, state),
    ]
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["alice@example.com"]
    # What came of the round, not the button pressed ("Changes requested", not "Request
    # changes").
    assert f"Decision: {State(DECISION_STATES[decision]).label}" in email.body
    assert f"http://127.0.0.1:8000/submit/rounds/{round.pk}/" in email.body


def test_decision_email_waits_for_the_commit(round, rita, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reviewed(round, rita, Decision.APPROVE)
    assert mail.outbox == []
    for callback in callbacks:  # the commit
        callback()
    assert len(mail.outbox) == 1


def test_decision_email_subject_and_next_steps(round, rita, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reviewed(round, rita, Decision.REQUEST_CHANGES)
    email = mail.outbox[0]
    assert email.subject == "Expertfolio: changes requested in round 1"
    assert "submit round 2 at http://127.0.0.1:8000/submit/" in email.body


def test_approval_email_points_to_the_credential(round, rita, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reviewed(round, rita, Decision.APPROVE)
    credential = Round.objects.get(pk=round.pk).issued_credential
    body = mail.outbox[0].body
    assert "Your credential records the approval." in body
    assert f"\nhttp://127.0.0.1:8000/verify/{credential.pk}/\n" in body
    assert f"http://127.0.0.1:8000/submit/rounds/{round.pk}/" in body
    assert "{{" not in body and "{%" not in body


def test_decision_email_without_approval_names_no_credential(
    round, rita, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reviewed(round, rita, Decision.REQUEST_CHANGES)
    assert "credential" not in mail.outbox[0].body and "/verify/" not in mail.outbox[0].body


def test_decision_email_links_name_the_configured_site_address(
    round, rita, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://127.0.0.1:8101"
    with django_capture_on_commit_callbacks(execute=True):
        reviewed(round, rita, Decision.REQUEST_CHANGES)
    body = mail.outbox[0].body
    assert f"http://127.0.0.1:8101/submit/rounds/{round.pk}/" in body
    assert "http://127.0.0.1:8101/submit/" in body and ":8000" not in body


def test_two_required_reviews_that_agree_decide(
    round, rita, raj, django_capture_on_commit_callbacks
):
    Round.objects.filter(pk=round.pk).update(reviews_required=2)
    round.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        reviewed(round, rita, Decision.APPROVE)
        assert round.state == State.IN_REVIEW  # one of two
        reviewed(round, raj, Decision.APPROVE, score=4)
    assert round.state == State.APPROVED
    assert len(mail.outbox) == 1


def test_two_required_reviews_that_disagree_go_to_staff(round, rita, raj, settings):
    settings.REVIEWS_REQUIRED = 2
    own = submitted_round(UserFactory(name="Carol"))
    assert own.reviews_required == 2
    reviewed(own, rita, Decision.APPROVE)
    reviewed(own, raj, Decision.REJECT)
    assert own.state == State.ADJUDICATION
    assert own.decision == ""
    entry = AuditEntry.objects.filter(round=own).last()
    assert (entry.action, entry.to_state) == ("sent_to_adjudication", State.ADJUDICATION)
    assert entry.note == "The reviews disagree (approve: 1; reject: 1)."


def test_round_adjudicate_by_staff_decides_and_emails(
    round, rita, raj, staff, django_capture_on_commit_callbacks
):
    Round.objects.filter(pk=round.pk).update(reviews_required=2)
    round.refresh_from_db()
    reviewed(round, rita, Decision.APPROVE)
    reviewed(round, raj, Decision.REQUEST_CHANGES)
    with django_capture_on_commit_callbacks(execute=True):
        round_adjudicate(
            actor=staff, round=round, decision=Decision.REQUEST_CHANGES, note="Sources first."
        )
    round.refresh_from_db()
    assert (round.state, round.decided_by, round.decision_note) == (
        State.CHANGES_REQUESTED,
        staff,
        "Sources first.",
    )
    assert actions(round)[-1] == ("adjudicated", State.ADJUDICATION, State.CHANGES_REQUESTED)
    assert len(mail.outbox) == 1


def test_round_adjudicate_approval_follows_the_policy_on_the_median(round, rita, raj, staff):
    Round.objects.filter(pk=round.pk).update(reviews_required=2)
    round.refresh_from_db()
    reviewed(round, rita, Decision.APPROVE, score=3)
    reviewed(round, raj, Decision.REJECT, score=2)
    with pytest.raises(ValidationError) as caught:
        round_adjudicate(actor=staff, round=round, decision=Decision.APPROVE, note="Fine.")
    assert caught.value.message_dict["decision"] == [
        "“Reasoning quality” is scored 2.5 (the reviews' median), below its passing level 3: "
        "approval needs at least 3.",
        "“Domain rigor” is scored 2.5 (the reviews' median), below its passing level 3: "
        "approval needs at least 3.",
        "This portfolio cannot be approved: every rubric must reach its passing level "
        "(“Reasoning quality” scored 2.5, passing level 3; “Domain rigor” scored 2.5, passing "
        "level 3). Request changes or reject it.",
    ]
    round.refresh_from_db()
    assert (round.state, round.decision) == (State.ADJUDICATION, "")
    round_adjudicate(actor=staff, round=round, decision=Decision.REJECT, note="Not yet.")
    round.refresh_from_db()
    assert round.state == State.REJECTED


def test_round_adjudicate_approval_refused_when_a_reviewer_ticked_a_behaviour(
    round, rita, raj, staff
):
    Round.objects.filter(pk=round.pk).update(reviews_required=2)
    round.refresh_from_db()
    reviewed(round, rita, Decision.APPROVE, score=5)
    reviewed(round, raj, Decision.REJECT, score=4, flags={0: {0}})
    with pytest.raises(ValidationError, match="a reviewer ticked a disallowed behaviour"):
        round_adjudicate(actor=staff, round=round, decision=Decision.APPROVE, note="Fine.")
    assert Round.objects.get(pk=round.pk).state == State.ADJUDICATION


def test_round_adjudicate_refusals(round, rita, raj, staff, alice):
    with pytest.raises(ValidationError, match="not waiting for adjudication"):
        round_adjudicate(actor=staff, round=round, decision=Decision.APPROVE, note="Fine.")
    Round.objects.filter(pk=round.pk).update(reviews_required=2)
    round.refresh_from_db()
    reviewed(round, rita, Decision.APPROVE)
    reviewed(round, raj, Decision.REJECT)
    with pytest.raises(PermissionDenied):
        round_adjudicate(actor=rita, round=round, decision=Decision.APPROVE, note="Fine.")
    with pytest.raises(ValidationError) as caught:
        round_adjudicate(actor=staff, round=round, decision=Decision.APPROVE, note=" ")
    assert "Explain the decision" in caught.value.message_dict["note"][0]
    round.refresh_from_db()
    assert round.state == State.ADJUDICATION


def test_round_adjudicate_refuses_staff_own_portfolio(staff, rita, raj, settings):
    settings.REVIEWS_REQUIRED = 2
    review_form(staff)
    own = submitted_round(staff)
    reviewed(own, rita, Decision.APPROVE)
    reviewed(own, raj, Decision.REJECT)
    with pytest.raises(PermissionDenied, match="your own portfolio"):
        round_adjudicate(actor=staff, round=own, decision=Decision.APPROVE, note="Mine.")


def test_scoring_a_decided_round_is_refused(round, rita, raj):
    Round.objects.filter(pk=round.pk).update(reviews_required=2)
    round.refresh_from_db()
    review = review_claim(actor=rita, round=round)
    Round.objects.filter(pk=round.pk).update(state=State.REJECTED)
    with pytest.raises(ValidationError, match="no longer waiting for review"):
        review_save(
            actor=rita, review=review, data=review_input(round, Decision.APPROVE), submit=True
        )


def test_audit_move_refuses_a_forbidden_transition_and_records_nothing(round, staff):
    with pytest.raises(TransitionForbidden):
        audit.move(round, State.APPROVED, actor=staff, action=AuditEntry.Action.DECIDED)
    round.refresh_from_db()
    assert round.state == State.SUBMITTED
    assert actions(round) == [("submitted", DRAFT, State.SUBMITTED)]


def test_review_form_activate_switches_the_active_form(staff):
    first = review_form(staff)
    second = ReviewForm.objects.create(name="Second")
    review_form_activate(form=second)
    assert list(ReviewForm.objects.filter(is_active=True)) == [second]
    first.refresh_from_db()
    assert not first.is_active


def test_rejection_email_says_when_the_expert_may_submit_again(
    round, rita, settings, django_capture_on_commit_callbacks
):
    settings.RESUBMIT_AFTER_REJECTION_DAYS = 30
    with django_capture_on_commit_callbacks(execute=True):
        reviewed(round, rita, Decision.REJECT)
    round.refresh_from_db()
    email = mail.outbox[0]
    assert email.subject == "Expertfolio: round 1 was not accepted"
    reopens = round.decided_at + timedelta(days=30)
    assert f"You may submit a revised portfolio from {reopens:%-d %B %Y}." in email.body


def test_decision_email_failure_is_logged_not_raised(
    round, rita, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens here
    with django_capture_on_commit_callbacks(execute=True):
        reviewed(round, rita, Decision.APPROVE)
    round.refresh_from_db()
    assert round.state == State.APPROVED
    assert "could not be sent" in caplog.text
