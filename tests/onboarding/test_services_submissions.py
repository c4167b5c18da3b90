"""Submitting freezes the portfolio as a round; later edits never reach it."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from django.utils import timezone

from common.versions import VersionConflict
from onboarding.confirmations import CONFIRMATIONS
from onboarding.models import (
    AuditEntry,
    DeepeningPlan,
    Review,
    Round,
    RoundCredential,
    RoundDomain,
    RoundFile,
    Submission,
)
from onboarding.permissions import can_download_file
from onboarding.services.reviews import review_claim
from onboarding.services.submissions import (
    deepening_plan_set,
    submission_submit,
    submission_withdraw,
)
from onboarding.snapshots import snapshot_sha256
from onboarding.workflow import DRAFT, Decision, State
from portfolio import services
from portfolio.models import StoredFile
from rubrics.content import LevelContent, RubricContent
from rubrics.services import rubric_update
from tests.factories import WorkSampleFactory, make_profile
from tests.onboarding.review_setup import (
    NOTES,
    ready_portfolio,
    review_form,
    reviewed,
    submitted_round,
)
from tests.portfolio.upload_examples import files_on_disk

pytestmark = pytest.mark.django_db


def test_submission_submit_freezes_round_one(alice, staff, settings):
    settings.REVIEWS_REQUIRED = 2
    review_form(staff)
    parts = ready_portfolio(alice, domains=("Finance", "risk"), credentials=("CFA", "MSc"))

    round = submission_submit(actor=alice, confirmed=CONFIRMATIONS)

    round = Round.objects.get(pk=round.pk)
    assert (round.number, round.state, round.reviews_required) == (1, State.SUBMITTED, 2)
    assert round.submission.owner == alice
    assert round.snapshot_sha256 == snapshot_sha256(round.snapshot)
    assert round.snapshot["profile"]["domains"] == ["Finance", "risk"]
    assert [r["title"] for r in round.instrument["rubrics"]] == [
        "Reasoning quality",
        "Domain rigor",
    ]
    assert (round.expert_name, round.shape) == ("Alice Expert", "specialist")
    assert round.headline == "Alice Expert: evaluator of financial reasoning"
    assert list(RoundDomain.objects.filter(round=round).values_list("name", "key", "depth")) == [
        ("Finance", "finance", 4),
        ("risk", "risk", 2),
    ]
    assert list(RoundCredential.objects.filter(round=round).values_list("key", flat=True)) == [
        "cfa",
        "msc",
    ]
    assert round.queue_domains == [{"name": "Finance", "depth": 4}, {"name": "risk", "depth": 2}]
    assert round.queue_credentials == ["CFA", "MSc"]
    stored = parts["sample"].file
    assert list(RoundFile.objects.filter(round=round).values_list("file", "sha256", "size")) == [
        (stored.pk, stored.sha256, len(NOTES))
    ]
    entry = AuditEntry.objects.get(round=round)
    assert (entry.actor, entry.action, entry.from_state, entry.to_state) == (
        alice,
        AuditEntry.Action.SUBMITTED,
        DRAFT,
        State.SUBMITTED,
    )


def test_submission_submit_refuses_what_is_not_ready_and_stores_nothing(alice):
    make_profile(alice)
    WorkSampleFactory(owner=alice)
    with pytest.raises(ValidationError) as caught:
        submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    messages = caught.value.messages
    assert len(messages) == 3
    assert messages[0].startswith("Two work samples: Only 1 work sample so far")
    assert messages[1].startswith("A reasoning rubric:")
    assert messages[2].startswith("A domain benchmark:")
    assert not Round.objects.exists()
    assert not AuditEntry.objects.exists()


def test_submission_submit_refuses_a_second_round_while_one_is_pending(alice):
    submitted_round(alice)
    with pytest.raises(ValidationError, match="Round 1 is with the reviewers"):
        submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    assert Round.objects.count() == 1


def test_submission_resubmit_after_changes_requested_opens_round_two(alice, rita):
    first = submitted_round(alice)
    reviewed(first, rita, Decision.REQUEST_CHANGES)
    assert first.state == State.CHANGES_REQUESTED

    second = submission_submit(actor=alice, confirmed=CONFIRMATIONS)

    assert second.number == 2 and second.state == State.SUBMITTED
    assert second.submission_id == first.submission_id
    assert Submission.objects.count() == 1


def test_submission_after_approval_is_refused(alice, rita):
    reviewed(submitted_round(alice), rita, Decision.APPROVE)
    with pytest.raises(ValidationError, match="approved"):
        submission_submit(actor=alice, confirmed=CONFIRMATIONS)


def test_submission_after_rejection_waits_then_opens_a_new_round(alice, rita, settings):
    settings.RESUBMIT_AFTER_REJECTION_DAYS = 90
    first = submitted_round(alice)
    reviewed(first, rita, Decision.REJECT)
    with pytest.raises(ValidationError, match="You may submit a revised portfolio from"):
        submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    Round.objects.filter(pk=first.pk).update(decided_at=timezone.now() - timedelta(days=91))
    assert submission_submit(actor=alice, confirmed=CONFIRMATIONS).number == 2


def test_submission_withdraw_before_review_starts(alice):
    round = submitted_round(alice)
    submission_withdraw(actor=alice, round=round)
    round.refresh_from_db()
    assert round.state == State.WITHDRAWN
    entry = AuditEntry.objects.filter(round=round).last()
    assert (entry.action, entry.from_state, entry.to_state) == (
        "withdrawn",
        State.SUBMITTED,
        State.WITHDRAWN,
    )
    # A draft again: the next submission is round 2.
    assert submission_submit(actor=alice, confirmed=CONFIRMATIONS).number == 2


def test_submission_withdraw_refused_once_a_reviewer_claimed(alice, rita):
    round = submitted_round(alice)
    review_claim(actor=rita, round=round)
    with pytest.raises(ValidationError, match="already started"):
        submission_withdraw(actor=alice, round=round)
    round.refresh_from_db()
    assert round.state == State.IN_REVIEW


def test_submission_withdraw_by_someone_else_is_refused(alice, bob):
    round = submitted_round(alice)
    with pytest.raises(PermissionDenied):
        submission_withdraw(actor=bob, round=round)
    round.refresh_from_db()
    assert round.state == State.SUBMITTED


# --- A snapshot never changes --------------------------------------------------------------


def test_snapshot_is_unchanged_by_later_edits_and_deletes(alice, rita):
    parts = ready_portfolio(alice)
    round = submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    before, sha = round.snapshot, round.snapshot_sha256
    stored = parts["sample"].file

    make_profile(alice, headline="A new headline", domains=["law"])
    rubric_update(
        actor=alice,
        rubric=parts["rubric"],
        content=RubricContent(
            objective="Something else",
            levels=(LevelContent(2, ("b",)), LevelContent(1, ("a",))),
        ),
    )
    parts["benchmark"].items.all().delete()
    parts["benchmark"].delete()
    services.work_sample_delete(actor=alice, sample=parts["sample"])

    round = Round.objects.get(pk=round.pk)
    assert round.snapshot == before
    assert round.snapshot_sha256 == sha == snapshot_sha256(round.snapshot)
    assert round.snapshot["profile"]["headline"] == "Alice Expert: evaluator of financial reasoning"
    assert round.snapshot["artifacts"]["benchmarks"][0]["title"] == "Lease pilot"
    # The deleted sample's file stays, for the round's reviewers.
    assert StoredFile.objects.filter(pk=stored.pk).exists()
    assert files_on_disk()[0].read_bytes() == NOTES
    assert can_download_file(rita, StoredFile.objects.get(pk=stored.pk))


def test_replacing_a_sample_file_keeps_the_submitted_one(alice):
    parts = ready_portfolio(alice)
    submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    old = parts["sample"].file
    services.work_sample_update(
        actor=alice,
        sample=parts["sample"],
        title="Grading notes",
        sample_type="report",
        url="https://example.org/now-a-link",
    )
    assert StoredFile.objects.filter(pk=old.pk).exists()
    assert RoundFile.objects.get().file_id == old.pk


# --- The 60–90 day plan --------------------------------------------------------------------

TODAY = date(2026, 3, 1)


def test_deepening_plan_set_within_60_to_90_days(alice):
    make_profile(alice, domains=["finance", "law"])
    plan = deepening_plan_set(
        actor=alice,
        domain="law",
        target_date=TODAY + timedelta(days=75),
        expected_version=0,
        today=TODAY,
    )
    plan = DeepeningPlan.objects.get(pk=plan.pk)
    assert (plan.owner, plan.domain, plan.target_date, plan.set_on) == (
        alice,
        "law",
        date(2026, 5, 15),
        TODAY,
    )
    again = deepening_plan_set(
        actor=alice,
        domain="finance",
        target_date=TODAY + timedelta(days=60),
        expected_version=plan.version,
        today=TODAY,
    )
    assert again.pk == plan.pk and DeepeningPlan.objects.count() == 1
    assert DeepeningPlan.objects.values_list("domain", "version").get() == ("finance", 2)


def test_deepening_plan_set_refuses_to_replace_a_plan_saved_since(alice):
    make_profile(alice, domains=["finance", "risk"])
    finance = {"domain": "finance", "target_date": TODAY + timedelta(days=70), "today": TODAY}
    risk = {"domain": "risk", "target_date": TODAY + timedelta(days=80), "today": TODAY}
    deepening_plan_set(actor=alice, expected_version=0, **finance)
    with pytest.raises(VersionConflict) as refused:
        deepening_plan_set(actor=alice, expected_version=0, **risk)  # opened before the first
    assert (refused.value.expected_version, refused.value.current_version) == (0, 1)
    assert DeepeningPlan.objects.values_list("domain", "target_date", "version").get() == (
        "finance",
        TODAY + timedelta(days=70),
        1,
    )


@pytest.mark.parametrize("days", [59, 91, 0, -5])
def test_deepening_plan_refuses_dates_outside_the_window(alice, days):
    make_profile(alice, domains=["finance"])
    with pytest.raises(ValidationError) as caught:
        deepening_plan_set(
            actor=alice,
            domain="finance",
            target_date=TODAY + timedelta(days=days),
            today=TODAY,
            expected_version=0,
        )
    assert caught.value.message_dict["target_date"] == [
        "Choose a date 60 to 90 days from 1 March 2026: between 30 April 2026 and 30 May 2026."
    ]
    assert not DeepeningPlan.objects.exists()


def test_deepening_plan_refuses_a_domain_not_in_the_profile(alice, bob):
    make_profile(alice, domains=["finance"])
    with pytest.raises(ValidationError) as caught:
        deepening_plan_set(
            actor=alice,
            domain="law",
            target_date=TODAY + timedelta(days=70),
            today=TODAY,
            expected_version=0,
        )
    assert caught.value.message_dict["domain"] == ["Choose one of your profile's domains."]
    with pytest.raises(ValidationError, match="Add domains to your profile first"):
        deepening_plan_set(
            actor=bob,
            domain="law",
            target_date=TODAY + timedelta(days=70),
            today=TODAY,
            expected_version=0,
        )
    assert not DeepeningPlan.objects.exists()


def test_deleting_an_expert_removes_their_rounds_and_files(alice, rita):
    round = submitted_round(alice)
    reviewed(round, rita, Decision.REQUEST_CHANGES)
    alice.delete()
    assert not Round.objects.exists()
    assert not RoundFile.objects.exists() and not StoredFile.objects.exists()
    assert not Review.objects.exists()
    rita.refresh_from_db()  # the reviewer stays


def test_a_reviewer_who_reviewed_cannot_be_deleted(alice, rita):
    reviewed(submitted_round(alice), rita, Decision.APPROVE)
    with pytest.raises(ProtectedError):
        rita.delete()
