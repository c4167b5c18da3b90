"""Continuity across rounds: a resubmission shows the previous round's decision and reviews
beside what changed, and waits first for the reviewer who decided the previous round."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from onboarding.confirmations import CONFIRMATIONS
from onboarding.models import AuditEntry, Round
from onboarding.services.assignment import conflict_declare
from onboarding.services.reviews import review_claim
from onboarding.services.submissions import submission_submit
from onboarding.workflow import Decision, State
from profiles.permissions import REVIEWER_GROUP
from profiles.services import reviewer_revoke
from tests.factories import UserFactory
from tests.onboarding.review_setup import (
    review_form,
    reviewed,
    submitted_round,
    user_change_form,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def resubmitted(alice, rita, staff):
    review_form(staff)
    first = submitted_round(alice)
    reviewed(first, rita, Decision.REQUEST_CHANGES, comment="Cite the lease sources", score=2)
    return submission_submit(actor=alice, confirmed=CONFIRMATIONS)


def test_a_resubmission_is_offered_first_to_the_reviewer_who_decided(resubmitted, rita, settings):
    assert resubmitted.offered_to == rita
    expected = timezone.now() + timedelta(hours=settings.FIRST_OFFER_HOURS)
    assert abs(resubmitted.offered_until - expected) < timedelta(minutes=1)
    entry = AuditEntry.objects.filter(round=resubmitted).get()
    assert entry.note.startswith("Offered first to Rita Reviewer, who decided round 1, until ")


def test_others_neither_see_nor_claim_it_during_the_offer(client, resubmitted, rita):
    raj = UserFactory(name="Raj Reviewer", reviewer=True)
    client.force_login(raj)
    assert client.get("/review/").context["rows"] == []
    with pytest.raises(ValidationError, match="offered first to the reviewer"):
        review_claim(actor=raj, round=resubmitted)
    client.force_login(rita)
    rows = client.get("/review/").context["rows"]
    assert [row["pk"] for row in rows] == [resubmitted.pk]
    until = date_format(timezone.localtime(resubmitted.offered_until), "j M, H:i")
    assert rows[0]["offered_until"] == until
    review_claim(actor=rita, round=resubmitted)


def test_after_the_offer_the_round_opens_to_everyone(client, resubmitted):
    Round.objects.filter(pk=resubmitted.pk).update(
        offered_until=timezone.now() - timedelta(minutes=1)
    )
    raj = UserFactory(reviewer=True)
    client.force_login(raj)
    assert [row["pk"] for row in client.get("/review/").context["rows"]] == [resubmitted.pk]
    review_claim(actor=raj, round=Round.objects.get(pk=resubmitted.pk))


def test_no_offer_when_the_setting_is_zero(alice, rita, staff, settings):
    settings.FIRST_OFFER_HOURS = 0
    review_form(staff)
    reviewed(submitted_round(alice), rita, Decision.REQUEST_CHANGES)
    assert submission_submit(actor=alice, confirmed=CONFIRMATIONS).offered_to is None


def test_the_round_page_shows_the_previous_round_beside_what_changed(client, resubmitted, rita):
    client.force_login(rita)
    response = client.get(f"/review/rounds/{resubmitted.pk}/")
    html = response.content.decode()
    previous = response.context["previous_round"]
    assert previous.round.number == 1
    assert [item.label for item in previous.feedback] == ["Rita Reviewer"]
    assert "Round 1: changes requested" in html
    assert "Cite the lease sources" in html
    assert "Changes since round 1" in html


def test_the_expert_s_round_page_has_no_previous_round_block(client, resubmitted, alice):
    client.force_login(alice)
    response = client.get(f"/submit/rounds/{resubmitted.pk}/")
    assert response.context["previous_round"] is None


def test_no_offer_to_a_reviewer_now_in_conflict(alice, rita, staff):
    review_form(staff)
    reviewed(submitted_round(alice), rita, Decision.REQUEST_CHANGES)
    conflict_declare(actor=alice, other_email=rita.email)
    assert submission_submit(actor=alice, confirmed=CONFIRMATIONS).offered_to is None


def _claimable_by_another(client, round: Round) -> None:
    """Another reviewer finds the round in the queue and claims it."""
    raj = UserFactory(name="Raj Reviewer", reviewer=True)
    client.force_login(raj)
    assert [row["pk"] for row in client.get("/review/").context["rows"]] == [round.pk]
    review_claim(actor=raj, round=Round.objects.get(pk=round.pk))


def _revoke_in_the_admin(client, rita, staff) -> None:
    client.force_login(staff)
    response = client.post(
        reverse("admin:profiles_user_changelist"),
        {"action": "revoke_reviewer", "_selected_action": [rita.pk]},
    )
    assert response.status_code == 302


def _untick_in_the_admin(client, rita, staff) -> None:
    client.force_login(staff)
    response = client.post(
        reverse("admin:profiles_user_change", args=[rita.pk]), user_change_form(rita, groups=[])
    )
    assert response.status_code == 302


def _deactivate(client, rita, staff) -> None:
    rita.is_active = False
    rita.save()


@pytest.mark.parametrize(
    "leave",
    [
        _revoke_in_the_admin,
        _untick_in_the_admin,
        lambda client, rita, staff: reviewer_revoke(user=rita),
        lambda client, rita, staff: Group.objects.get(name=REVIEWER_GROUP).user_set.remove(rita),
        lambda client, rita, staff: rita.groups.clear(),
        _deactivate,
    ],
    ids=["admin action", "admin form", "service", "from the group", "every group", "deactivated"],
)
def test_the_offer_ends_when_its_reviewer_leaves_the_reviewers(
    client, resubmitted, rita, staff, leave
):
    leave(client, rita, staff)
    round = Round.objects.get(pk=resubmitted.pk)
    assert (round.offered_to, round.offered_until) == (None, None)
    _claimable_by_another(client, round)


@pytest.mark.parametrize(
    "leave",
    [
        _revoke_in_the_admin,
        lambda client, rita, staff: Group.objects.get(name=REVIEWER_GROUP).user_set.remove(rita),
        lambda client, rita, staff: rita.groups.clear(),
        _deactivate,
    ],
    ids=["admin action", "from the group", "every group", "deactivated"],
)
def test_a_claim_is_released_when_its_reviewer_leaves_the_reviewers(
    client, alice, rita, staff, leave
):
    review_form(staff)
    round = submitted_round(alice)
    review_claim(actor=rita, round=round)
    raj = UserFactory(name="Raj Reviewer", reviewer=True)
    kept = submitted_round(UserFactory(name="Bea Expert"))
    review_claim(actor=raj, round=kept)
    leave(client, rita, staff)
    round = Round.objects.get(pk=round.pk)
    assert round.state == State.SUBMITTED and not round.reviews.exists()
    entry = AuditEntry.objects.filter(round=round).last()
    assert (entry.action, entry.note) == (
        AuditEntry.Action.RELEASED,
        "Rita Reviewer no longer reviews; the draft is dropped.",
    )
    # Another reviewer's claim stays, and the round waits for a reviewer again.
    assert list(kept.reviews.values_list("reviewer", flat=True)) == [raj.pk]
    client.force_login(raj)
    assert round.pk in [row["pk"] for row in client.get("/review/").context["rows"]]


def test_the_offer_stays_when_someone_else_leaves_the_reviewers(resubmitted, rita):
    reviewer_revoke(user=UserFactory(reviewer=True))
    assert Round.objects.get(pk=resubmitted.pk).offered_to == rita


def test_the_offer_ends_when_the_expert_declares_a_conflict_with_its_reviewer(
    client, resubmitted, alice, rita
):
    conflict_declare(actor=alice, other_email=rita.email)
    round = Round.objects.get(pk=resubmitted.pk)
    assert (round.offered_to, round.offered_until) == (None, None)
    _claimable_by_another(client, round)


ROUND_BEFORE = re.compile(r'<section class="card mb-4 previous-round".*?</section>', re.S)


def round_before_read(client, round: Round) -> tuple[str, list[str], object]:
    """The section of the round before on the round's page, the queries the page ran, and
    the section as the page built it (None when it was found kept)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/review/rounds/{round.pk}/")
    [section] = ROUND_BEFORE.findall(response.content.decode())
    return section, [q["sql"] for q in queries], response.context["previous_round"]


def reads_scores(sql: list[str]) -> bool:
    return any('FROM "portfolio_reviewscore"' in query for query in sql)


def test_the_round_before_is_built_once_then_read_kept_by_reviewers_and_staff(
    client, resubmitted, rita, staff
):
    """Its reviews were final before this round was submitted: the same section for all."""
    client.force_login(rita)
    built, sql, previous = round_before_read(client, resubmitted)
    assert previous is not None and reads_scores(sql)
    assert "Cite the lease sources" in built and "Rita Reviewer" in built
    for reader in (UserFactory(reviewer=True), staff):
        client.force_login(reader)
        kept, sql, previous = round_before_read(client, resubmitted)
        assert kept == built
        assert previous is None and not reads_scores(sql)


def test_the_round_before_names_its_reviewers_as_they_are_called_now(
    client, resubmitted, rita, staff
):
    client.force_login(staff)
    before, _, _ = round_before_read(client, resubmitted)
    rita.name = "Rita Renamed"
    rita.save()
    after, sql, previous = round_before_read(client, resubmitted)
    assert "Rita Reviewer" in before
    assert "Rita Renamed" in after and "Rita Reviewer" not in after
    assert previous is not None and reads_scores(sql)
    assert after.replace("Rita Renamed", "Rita Reviewer") == before


def test_resubmitting_builds_the_round_before_for_its_first_reader(client, alice, rita, staff):
    review_form(staff)
    reviewed(submitted_round(alice), rita, Decision.REQUEST_CHANGES, comment="Cite sources")
    client.force_login(alice)
    client.post(reverse("submit"), dict.fromkeys(CONFIRMATIONS, "on"))
    second = Round.objects.get(number=2)
    client.force_login(UserFactory(reviewer=True))
    section, sql, previous = round_before_read(client, second)
    assert "Cite sources" in section
    assert previous is None and not reads_scores(sql)


def test_a_first_round_and_the_expert_s_own_page_have_no_round_before(
    client, resubmitted, alice, rita
):
    client.force_login(rita)
    first = Round.objects.get(number=1)
    assert not ROUND_BEFORE.findall(client.get(f"/review/rounds/{first.pk}/").content.decode())
    assert len(round_before_read(client, resubmitted)[0]) > 0  # kept, by her visit
    client.force_login(alice)
    html = client.get(f"/submit/rounds/{resubmitted.pk}/").content.decode()
    assert not ROUND_BEFORE.findall(html) and "Cite the lease sources" not in html


def test_a_round_staff_settled_says_so_after_their_account_goes(
    client, resubmitted, alice, rita, staff
):
    """decided_by goes null with the staff member's account; their reasons stay, and with
    them who decided, on the expert's page and in the round before, kept or built again."""
    first = Round.objects.get(number=1)
    Round.objects.filter(pk=first.pk).update(decided_by=staff, decision_note="Settled.")
    client.force_login(rita)
    assert "Decided by staff" in round_before_read(client, resubmitted)[0]
    Round.objects.filter(pk=first.pk).update(decided_by=None)
    for kept in (True, False):
        if not kept:
            cache.clear()
        section = round_before_read(client, resubmitted)[0]
        assert "Decided by staff" in section and "Decided by the reviewers" not in section
    client.force_login(alice)
    html = client.get(f"/submit/rounds/{first.pk}/").content.decode()
    assert "Decided by staff" in html and "Settled." in html
    # Decided by its one reviewer (by "the reviewers" when it needed more): no reasons of staff.
    Round.objects.filter(pk=first.pk).update(decision_note="")
    assert (
        "Decided by the reviewer on" in client.get(f"/submit/rounds/{first.pk}/").content.decode()
    )
    Round.objects.filter(pk=first.pk).update(reviews_required=2)
    assert (
        "Decided by the reviewers on" in client.get(f"/submit/rounds/{first.pk}/").content.decode()
    )


def test_the_round_before_says_whether_its_one_reviewer_or_its_reviewers_decided(
    client, resubmitted, rita
):
    """As the round's own outcome says it; with the round before's other columns, no query
    more."""
    client.force_login(rita)
    section = round_before_read(client, resubmitted)[0]
    assert "Decided by the reviewer on" in section
    Round.objects.filter(number=1).update(reviews_required=2)
    cache.clear()  # a decided round's count never changes: the kept section is built again
    assert "Decided by the reviewers on" in round_before_read(client, resubmitted)[0]
