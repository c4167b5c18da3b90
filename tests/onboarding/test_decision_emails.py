"""The decision email: who decided, and staff's reasons when staff settled a disagreement."""

import pytest
from django.core import mail

from onboarding.models import Round
from onboarding.services.reviews import round_adjudicate
from onboarding.workflow import Decision
from tests.factories import UserFactory
from tests.onboarding.review_setup import reviewed

pytestmark = pytest.mark.django_db

REASONS = "The benchmark's sources are missing.\nThe work samples are strong."


@pytest.fixture
def disagreed(round, rita):
    """The round with two reviews that disagree (both passing), waiting for staff."""
    Round.objects.filter(pk=round.pk).update(reviews_required=2)
    round.refresh_from_db()
    raj = UserFactory(email="raj@example.com", name="Raj Reviewer", reviewer=True)
    reviewed(round, rita, Decision.APPROVE)
    reviewed(round, raj, Decision.REQUEST_CHANGES, score=4)
    return round


def adjudicated_email(round, staff, decision, capture):
    with capture(execute=True):
        round_adjudicate(actor=staff, round=round, decision=decision, note=REASONS)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.com"]
    return mail.outbox[0]


def test_adjudicated_changes_email_gives_staffs_reasons(
    disagreed, staff, django_capture_on_commit_callbacks
):
    email = adjudicated_email(
        disagreed, staff, Decision.REQUEST_CHANGES, django_capture_on_commit_callbacks
    )
    assert email.subject == "Expertfolio: changes requested in round 1"
    assert "The reviewers disagreed, so staff decided to ask for changes." in email.body
    assert f"Staff's reasons:\n{REASONS}\n" in email.body
    assert "The reviewers ask for changes" not in email.body
    assert "submit round 2 at http://127.0.0.1:8000/submit/" in email.body


def test_adjudicated_rejection_email_gives_staffs_reasons(
    disagreed, staff, django_capture_on_commit_callbacks
):
    email = adjudicated_email(disagreed, staff, Decision.REJECT, django_capture_on_commit_callbacks)
    disagreed.refresh_from_db()
    assert email.subject == "Expertfolio: round 1 was not accepted"
    assert "The reviewers disagreed, so staff decided not to accept this portfolio." in email.body
    assert f"Staff's reasons:\n{REASONS}\n" in email.body
    assert "The reviewers did not accept" not in email.body
    assert "You may submit a revised portfolio from" in email.body


def test_adjudicated_approval_email_gives_staffs_reasons(
    disagreed, staff, django_capture_on_commit_callbacks
):
    email = adjudicated_email(
        disagreed, staff, Decision.APPROVE, django_capture_on_commit_callbacks
    )
    assert email.subject == "Expertfolio: your portfolio is approved"
    assert (
        "Congratulations: your portfolio is approved. The reviewers disagreed, so staff decided."
        in email.body
    )
    assert f"Staff's reasons:\n{REASONS}\n" in email.body


def test_adjudication_email_names_neither_staff_nor_reviewers(
    disagreed, staff, rita, django_capture_on_commit_callbacks
):
    email = adjudicated_email(disagreed, staff, Decision.REJECT, django_capture_on_commit_callbacks)
    for person in (staff, rita):
        assert person.name not in email.body and person.email not in email.body


@pytest.mark.parametrize(
    ("decision", "wording"),
    [
        (Decision.REQUEST_CHANGES, "The reviewers ask for changes."),
        (Decision.REJECT, "The reviewers did not accept this portfolio."),
        (Decision.APPROVE, "Congratulations: your portfolio is approved."),
    ],
)
def test_reviewers_decision_email_says_the_reviewers_decided(
    round, rita, decision, wording, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reviewed(round, rita, decision)
    body = mail.outbox[0].body
    assert wording in body
    assert "staff" not in body.lower()
