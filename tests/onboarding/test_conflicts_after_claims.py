"""A conflict of interest that arises after a reviewer claimed a round (declared by either
of the two, or an email address changed in the admin) releases the claim, as the reviewer
would release it: the round waits for another reviewer. A submitted review stays."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from onboarding.models import AuditEntry, ConflictOfInterest, Review, Round
from onboarding.services.assignment import conflict_declare, round_reviews_add
from onboarding.services.reviews import review_claim
from onboarding.views.conflicts import DECLARED
from onboarding.workflow import Decision, State
from tests.factories import UserFactory
from tests.onboarding.review_setup import (
    review_form,
    reviewed,
    submitted_round,
    user_change_form,
)

pytestmark = pytest.mark.django_db

PAGE = "/conflicts/"


@pytest.fixture
def claimed(alice, rita, staff):
    """Alice's round, claimed by Rita."""
    review_form(staff)
    round = submitted_round(alice)
    review_claim(actor=rita, round=round)
    return Round.objects.get(pk=round.pk)


def _declare(client, actor, other_email: str) -> list[str]:
    client.force_login(actor)
    response = client.post(PAGE, {"other_email": other_email}, follow=True)
    assert response.redirect_chain == [(PAGE, 302)]
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("declarer", ["expert", "reviewer"])
def test_declaring_a_conflict_releases_the_claim_and_the_round_waits_again(
    client, claimed, alice, rita, declarer
):
    actor, other = (alice, rita) if declarer == "expert" else (rita, alice)
    shown = _declare(client, actor, other.email)
    # The words say nothing of whether a review was in progress between them.
    assert shown == [DECLARED.format(email=other.email)]
    round = Round.objects.get(pk=claimed.pk)
    assert round.state == State.SUBMITTED and not round.reviews.exists()
    entry = AuditEntry.objects.filter(round=round).last()
    assert (entry.action, entry.actor, entry.from_state, entry.to_state) == (
        AuditEntry.Action.RELEASED,
        actor,
        State.IN_REVIEW,
        State.SUBMITTED,
    )
    assert entry.note == (
        "Rita Reviewer has a conflict of interest with the expert (declared by "
        f"{actor.get_full_name()}); the draft is dropped."
    )
    # Rita no longer holds it anywhere; another reviewer finds it in the queue and claims it.
    client.force_login(rita)
    assert client.get("/dashboard/").context["held"] == []
    assert client.get("/review/").context["my_reviews"] == []
    raj = UserFactory(name="Raj Reviewer", reviewer=True)
    client.force_login(raj)
    assert [row["pk"] for row in client.get("/review/").context["rows"]] == [round.pk]
    review_claim(actor=raj, round=round)
    assert list(round.reviews.values_list("reviewer", flat=True)) == [raj.pk]


def test_a_release_leaves_the_other_reviewer_in_review(claimed, alice, rita, staff):
    round_reviews_add(actor=staff, round=claimed, count=1)
    raj = UserFactory(name="Raj Reviewer", reviewer=True)
    review_claim(actor=raj, round=claimed)
    conflict = conflict_declare(actor=alice, other_email=rita.email)
    assert conflict.claims_released == 1
    round = Round.objects.get(pk=claimed.pk)
    assert round.state == State.IN_REVIEW
    assert list(round.reviews.values_list("reviewer", flat=True)) == [raj.pk]
    entry = AuditEntry.objects.filter(round=round).last()
    assert (entry.action, entry.from_state, entry.to_state) == (
        AuditEntry.Action.RELEASED,
        State.IN_REVIEW,
        State.IN_REVIEW,
    )


def test_a_submitted_review_stays_when_a_conflict_is_declared(client, alice, rita, staff):
    review_form(staff)
    round = submitted_round(alice)
    round_reviews_add(actor=staff, round=round, count=1)
    review = reviewed(round, rita, Decision.APPROVE)
    shown = _declare(client, alice, rita.email)
    assert shown == [DECLARED.format(email=rita.email)]
    round.refresh_from_db()
    assert round.state == State.IN_REVIEW
    assert Review.objects.get(pk=review.pk).state == Review.State.SUBMITTED
    assert not AuditEntry.objects.filter(round=round, action=AuditEntry.Action.RELEASED).exists()


def test_a_conflict_with_someone_else_releases_nothing(claimed, alice, rita):
    conflict = conflict_declare(actor=alice, other_email="raj@example.com")
    assert conflict.claims_released == 0
    assert list(claimed.reviews.values_list("reviewer", flat=True)) == [rita.pk]


def test_an_email_changed_in_the_admin_to_the_expert_s_domain_releases_the_claim(
    client, rita, staff
):
    review_form(staff)
    ann = UserFactory(email="ann@acme.com", name="Ann Acme")
    round = submitted_round(ann)
    review_claim(actor=rita, round=round)
    client.force_login(staff)
    response = client.post(
        reverse("admin:profiles_user_change", args=[rita.pk]),
        user_change_form(rita, email="rita@acme.com"),
    )
    assert response.status_code == 302
    round.refresh_from_db()
    assert round.state == State.SUBMITTED and not round.reviews.exists()
    entry = AuditEntry.objects.filter(round=round).last()
    assert (entry.action, entry.actor) == (AuditEntry.Action.RELEASED, None)
    assert entry.note == (
        "Rita Reviewer has a conflict of interest with the expert (after an email address "
        "changed); the draft is dropped."
    )


def test_an_email_changed_to_a_declared_one_releases_the_claim(claimed, alice, rita):
    conflict_declare(actor=alice, other_email="rita.new@example.com")
    assert claimed.reviews.exists()
    rita.email = "rita.new@example.com"
    rita.save()
    assert not Round.objects.get(pk=claimed.pk).reviews.exists()


def test_a_save_that_keeps_the_email_releases_nothing(claimed, alice, rita):
    # A declaration written before claims were released on declaring: only a change of
    # address releases the claim, not the next save of the account (a new password).
    ConflictOfInterest.objects.create(declared_by=alice, other_email=rita.email)
    rita.set_password("another-password-2026")
    rita.save()
    rita.name = "Rita R. Reviewer"
    rita.save(update_fields=["name"])
    assert list(Round.objects.get(pk=claimed.pk).reviews.values_list("reviewer", flat=True)) == [
        rita.pk
    ]
    assert not AuditEntry.objects.filter(round=claimed, action=AuditEntry.Action.RELEASED).exists()
