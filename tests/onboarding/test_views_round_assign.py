"""Staff assigning a round from its page: the assignment carries the seats the page showed,
and one from a page that is no longer current is refused, nothing written."""

import re

import pytest

from onboarding.models import AuditEntry
from onboarding.services.reviews import review_claim
from onboarding.services.submissions import submission_withdraw
from onboarding.workflow import State
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _assign_form(client, round) -> dict:
    """What the round page's assign form sends, but the reviewer: its hidden seats."""
    html = client.get(f"/review/rounds/{round.pk}/").content.decode()
    return dict(re.findall(r'<input type="hidden" name="(taken|required)" value="(\d+)"', html))


def test_an_assignment_from_an_old_page_is_refused(client, round, rita, staff):
    xavier = UserFactory(reviewer=True, name="Xavier Reviewer")
    client.force_login(staff)
    tab_a, tab_b = _assign_form(client, round), _assign_form(client, round)
    assert tab_a == tab_b == {"taken": "0", "required": "1"}
    client.post(f"/review/rounds/{round.pk}/assign/", {**tab_a, "reviewer": xavier.pk})

    response = client.post(
        f"/review/rounds/{round.pk}/assign/", {**tab_b, "reviewer": rita.pk}, follow=True
    )
    assert response.redirect_chain == [(f"/review/rounds/{round.pk}/", 302)]
    html = response.content.decode()
    assert (
        "This round changed since you opened it: it now has 1 of 1 reviewer (Xavier Reviewer). "
        "Nothing was assigned; choose again below."
    ) in html
    assert "Assigned to Rita" not in html
    round.refresh_from_db()
    assert round.reviews_required == 1
    assert list(round.reviews.values_list("reviewer", flat=True)) == [xavier.pk]
    assert AuditEntry.objects.filter(round=round, action=AuditEntry.Action.ASSIGNED).count() == 1


def test_an_assignment_without_the_seats_it_saw_is_refused(client, round, rita, staff):
    client.force_login(staff)
    response = client.post(f"/review/rounds/{round.pk}/assign/", {"reviewer": rita.pk}, follow=True)
    assert "This round changed since you opened it" in response.content.decode()
    round.refresh_from_db()
    assert (round.reviews_required, round.state, round.reviews.count()) == (1, State.SUBMITTED, 0)


def test_a_claim_since_the_page_was_opened_refuses_the_assignment(client, round, rita, staff):
    raj = UserFactory(reviewer=True)
    client.force_login(staff)
    seen = _assign_form(client, round)
    review_claim(actor=raj, round=round)
    client.post(f"/review/rounds/{round.pk}/assign/", {**seen, "reviewer": rita.pk})
    round.refresh_from_db()
    assert round.reviews_required == 1
    assert list(round.reviews.values_list("reviewer", flat=True)) == [raj.pk]


def test_a_round_shown_full_takes_one_more_seat_as_its_page_says(client, round, rita, staff):
    review_claim(actor=UserFactory(reviewer=True), round=round)
    client.force_login(staff)
    html = client.get(f"/review/rounds/{round.pk}/").content.decode()
    assert "Every seat is taken: assigning adds one, so the round then needs 2 reviews." in html
    assert "Assign and add a seat</button>" in html
    seen = _assign_form(client, round)
    assert seen == {"taken": "1", "required": "1"}
    response = client.post(
        f"/review/rounds/{round.pk}/assign/", {**seen, "reviewer": rita.pk}, follow=True
    )
    assert "Assigned to Rita Reviewer." in response.content.decode()
    round.refresh_from_db()
    assert round.reviews_required == 2 and round.reviews.count() == 2


def test_more_reviews_asked_for_meanwhile_refuse_the_assignment(client, round, rita, staff):
    client.force_login(staff)
    seen = _assign_form(client, round)
    client.post(f"/review/rounds/{round.pk}/more-reviews/", {"count": "1", "required": "1"})
    client.post(f"/review/rounds/{round.pk}/assign/", {**seen, "reviewer": rita.pk})
    round.refresh_from_db()
    assert round.reviews_required == 2 and not round.reviews.exists()
    # From the page as it is now, the assignment takes one of the two free seats.
    client.post(
        f"/review/rounds/{round.pk}/assign/", {**_assign_form(client, round), "reviewer": rita.pk}
    )
    round.refresh_from_db()
    assert round.reviews_required == 2
    assert list(round.reviews.values_list("reviewer", flat=True)) == [rita.pk]


def test_asking_twice_for_more_reviews_from_one_page_asks_once(client, round, staff):
    client.force_login(staff)
    seen = _assign_form(client, round)  # the more-reviews form carries `required` as well
    asked = {"count": "2", "required": seen["required"]}
    client.post(f"/review/rounds/{round.pk}/more-reviews/", asked)  # a double click
    response = client.post(f"/review/rounds/{round.pk}/more-reviews/", asked, follow=True)

    assert response.redirect_chain == [(f"/review/rounds/{round.pk}/", 302)]
    assert (
        "This round changed since you opened it: it now needs 3 reviews. Nothing more was "
        "asked for; ask again below if it needs more still."
    ) in response.content.decode()
    round.refresh_from_db()
    assert round.reviews_required == 3
    added = AuditEntry.objects.filter(round=round, action=AuditEntry.Action.REVIEWS_ADDED)
    assert added.count() == 1


def test_more_reviews_without_what_the_page_showed_are_refused(client, round, staff):
    client.force_login(staff)
    response = client.post(f"/review/rounds/{round.pk}/more-reviews/", {"count": "1"}, follow=True)
    assert "This round changed since you opened it" in response.content.decode()
    round.refresh_from_db()
    assert round.reviews_required == 1


def test_staff_forms_for_a_round_decided_since_say_so_on_its_page(client, round, staff):
    client.force_login(staff)
    seen = _assign_form(client, round)
    xavier = UserFactory(reviewer=True, name="Xavier Reviewer")
    submission_withdraw(actor=round.submission.owner, round=round)

    assigned = client.post(
        f"/review/rounds/{round.pk}/assign/", {**seen, "reviewer": xavier.pk}, follow=True
    )
    asked = client.post(
        f"/review/rounds/{round.pk}/more-reviews/",
        {"count": "1", "required": seen["required"]},
        follow=True,
    )

    for response in (assigned, asked):
        assert response.redirect_chain == [(f"/review/rounds/{round.pk}/", 302)]
        assert (
            "This round is no longer waiting for review: it is withdrawn now."
            in response.content.decode()
        )
    round.refresh_from_db()
    assert (round.state, round.reviews_required, round.reviews.count()) == (
        State.WITHDRAWN,
        1,
        0,
    )
