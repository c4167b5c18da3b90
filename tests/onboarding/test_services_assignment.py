"""Claims that expire, staff assigning a round and asking for more reviews: each audited."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from onboarding.models import AuditEntry, Review, Round
from onboarding.services.assignment import (
    CLAIMS_CHECKED_KEY,
    Seats,
    claims_expire,
    conflict_declare,
    round_assign,
    round_reviews_add,
)
from onboarding.services.reviews import review_claim
from onboarding.workflow import State
from tests.factories import UserFactory
from tests.onboarding.review_setup import submitted_round

pytestmark = pytest.mark.django_db


def _age(review: Review, days: int) -> None:
    Review.objects.filter(pk=review.pk).update(claimed_at=timezone.now() - timedelta(days=days))


def test_a_claim_older_than_the_limit_expires_and_the_round_waits_again(round, rita, settings):
    settings.CLAIM_DAYS = 7
    review = review_claim(actor=rita, round=round)
    _age(review, 6)
    assert claims_expire() == 0
    _age(review, 8)
    assert claims_expire() == 1
    round.refresh_from_db()
    assert round.state == State.SUBMITTED and not round.reviews.exists()
    entry = AuditEntry.objects.filter(round=round).last()
    assert (entry.action, entry.actor, entry.from_state, entry.to_state) == (
        AuditEntry.Action.CLAIM_EXPIRED,
        None,
        State.IN_REVIEW,
        State.SUBMITTED,
    )
    assert "Rita Reviewer held it more than 7 days" in entry.note


def test_a_submitted_review_never_expires(round, rita):
    from tests.onboarding.review_setup import reviewed

    review = reviewed(round, rita)
    Review.objects.filter(pk=review.pk).update(claimed_at=timezone.now() - timedelta(days=30))
    assert claims_expire() == 0
    assert Review.objects.filter(pk=review.pk).exists()


def test_an_expired_claim_leaves_the_other_reviewer_in_review(round, rita, settings):
    Round.objects.filter(pk=round.pk).update(reviews_required=2)
    raj = UserFactory(reviewer=True)
    old = review_claim(actor=rita, round=round)
    review_claim(actor=raj, round=round)
    _age(old, 10)
    claims_expire()
    round.refresh_from_db()
    assert round.state == State.IN_REVIEW
    assert list(round.reviews.values_list("reviewer", flat=True)) == [raj.pk]


def test_reading_the_queue_expires_stale_claims(client, round, rita):
    review = review_claim(actor=rita, round=round)
    _age(review, 10)
    client.force_login(rita)
    response = client.get("/review/")
    assert not Review.objects.exists()
    assert response.context["rows"][0]["can_claim"]


def test_reading_a_round_expires_its_stale_claim_and_shows_the_round_waiting(
    client, round, rita, alice
):
    review = review_claim(actor=rita, round=round)
    _age(review, 10)
    other = submitted_round(UserFactory(name="Bea Expert"))
    fresh = review_claim(actor=rita, round=other)
    client.force_login(rita)
    response = client.get(f"/review/rounds/{round.pk}/")
    assert not Review.objects.filter(pk=review.pk).exists()
    assert response.context["can_claim"]
    assert response.context["scoring_form"] is None
    assert Round.objects.get(pk=round.pk).state == State.SUBMITTED
    # Reading a round whose claims are all current leaves everyone's claims alone.
    _age(fresh, 3)
    client.get(f"/review/rounds/{other.pk}/")
    assert Review.objects.filter(pk=fresh.pk).exists()


def test_the_command_expires_claims(round, rita):
    _age(review_claim(actor=rita, round=round), 10)
    out = StringIO()
    call_command("expire_claims", stdout=out)
    assert out.getvalue().startswith("1 claim older than 7 days expired.")
    assert not Review.objects.exists()


def test_staff_assign_a_round_to_a_reviewer(round, rita, staff):
    review = round_assign(actor=staff, round=round, reviewer=rita, seen=Seats(0, 1))
    round.refresh_from_db()
    assert (review.reviewer, review.state, round.state) == (rita, "claimed", State.IN_REVIEW)
    entry = AuditEntry.objects.filter(round=round).last()
    assert (entry.action, entry.actor, entry.note) == (
        AuditEntry.Action.ASSIGNED,
        staff,
        "Assigned to Rita Reviewer.",
    )


def test_assigning_a_full_round_adds_a_seat(round, rita, staff):
    raj = UserFactory(reviewer=True)
    review_claim(actor=raj, round=round)
    round_assign(actor=staff, round=round, reviewer=rita, seen=Seats(1, 1))
    round.refresh_from_db()
    assert round.reviews_required == 2 and round.reviews.count() == 2


def test_assigning_is_refused_for_conflicts_non_reviewers_and_non_staff(
    round, alice, bob, rita, staff
):
    conflict_declare(actor=alice, other_email=rita.email)
    with pytest.raises(ValidationError, match="conflict of interest"):
        round_assign(actor=staff, round=round, reviewer=rita, seen=Seats(0, 1))
    with pytest.raises(ValidationError):
        round_assign(actor=staff, round=round, reviewer=bob, seen=Seats(0, 1))  # not a reviewer
    with pytest.raises(PermissionDenied):
        round_assign(actor=rita, round=round, reviewer=rita, seen=Seats(0, 1))
    assert not round.reviews.exists()


def test_staff_ask_for_more_reviews(round, staff, rita):
    round_reviews_add(actor=staff, round=round, count=2)
    round.refresh_from_db()
    assert round.reviews_required == 3
    entry = AuditEntry.objects.filter(round=round).last()
    assert (entry.action, entry.note) == (
        AuditEntry.Action.REVIEWS_ADDED,
        "2 more reviews: 3 in all.",
    )
    with pytest.raises(ValidationError):
        round_reviews_add(actor=staff, round=round, count=0)
    with pytest.raises(PermissionDenied):
        round_reviews_add(actor=rita, round=round, count=1)


# --- The round page's staff forms --------------------------------------------------------------


def test_staff_assign_from_the_round_page(client, round, rita, staff):
    client.force_login(staff)
    html = client.get(f"/review/rounds/{round.pk}/").content.decode()
    assert "Assign to" in html and f'<option value="{rita.pk}">Rita Reviewer</option>' in html
    assert '<input type="hidden" name="taken" value="0"' in html
    assert '<input type="hidden" name="required" value="1"' in html
    response = client.post(
        f"/review/rounds/{round.pk}/assign/", {"reviewer": rita.pk, "taken": 0, "required": 1}
    )
    assert response.status_code == 302
    assert list(round.reviews.values_list("reviewer", flat=True)) == [rita.pk]


def test_the_assign_list_leaves_out_reviewers_in_conflict(client, round, alice, rita, staff):
    conflict_declare(actor=rita, other_email=alice.email)
    client.force_login(staff)
    assert "Rita Reviewer" not in client.get(f"/review/rounds/{round.pk}/").content.decode()
    response = client.post(f"/review/rounds/{round.pk}/assign/", {"reviewer": rita.pk}, follow=True)
    assert "Choose one of the reviewers listed." in response.content.decode()
    assert not round.reviews.exists()


def test_staff_ask_for_more_reviews_from_the_round_page(client, round, staff):
    client.force_login(staff)
    html = client.get(f"/review/rounds/{round.pk}/").content.decode()
    assert '<input type="hidden" name="required" value="1" id="more-required">' in html
    client.post(f"/review/rounds/{round.pk}/more-reviews/", {"count": "2", "required": "1"})
    round.refresh_from_db()
    assert round.reviews_required == 3
    response = client.post(
        f"/review/rounds/{round.pk}/more-reviews/", {"count": "9", "required": "3"}, follow=True
    )
    assert "Ask for between 1 and 5 more reviews." in response.content.decode()
    round.refresh_from_db()
    assert round.reviews_required == 3


def test_assign_pages_for_others(client, round, alice, rita):
    for person in (alice, rita):
        client.force_login(person)
        assert (
            client.post(f"/review/rounds/{round.pk}/assign/", {"reviewer": rita.pk}).status_code
            == 403
        )
    client.logout()
    response = client.post(f"/review/rounds/{round.pk}/assign/")
    assert response["Location"].startswith("/accounts/login/")
    assert not round.reviews.exists()


def test_the_queue_expires_claims_at_most_once_a_minute(client, round, rita, settings):
    """The queue runs the expiry; reviewers read it many times a minute, so it runs once a
    minute at most, across servers (the shared cache remembers)."""
    settings.CLAIM_DAYS = 7
    client.force_login(rita)
    client.get("/review/")
    _age(review_claim(actor=rita, round=round), 8)
    client.get("/review/")
    assert round.reviews.exists()  # checked less than a minute ago
    cache.delete(CLAIMS_CHECKED_KEY)  # as when the minute is over
    client.get("/review/")
    assert not round.reviews.exists()
    round.refresh_from_db()
    assert round.state == State.SUBMITTED
