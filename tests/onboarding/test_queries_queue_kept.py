"""kept_from() and open_rounds_kept_from(): the people and rounds the queue leaves out for
someone, each kind, and never one the queue shows them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from onboarding.models import Round
from onboarding.queries.queue import (
    QueueFilters,
    kept_from,
    open_rounds_kept_from,
    review_queue,
)
from onboarding.services.assignment import conflict_declare
from profiles.permissions import is_reviewer
from tests.factories import RoundFactory, UserFactory

pytestmark = pytest.mark.django_db


def _round(domain: str, **fields) -> Round:
    return RoundFactory(domains=[(domain.title(), 3)], **fields)


def _kept(user) -> list[str]:
    return sorted(key for keys in open_rounds_kept_from(user) for key in keys)


def _open_in_queue_or_kept(user) -> tuple[set[str], set[str]]:
    shown = {
        round.queue_domains[0]["name"].casefold() for round in review_queue(user, QueueFilters())
    }
    return shown, set(_kept(user))


def test_open_rounds_kept_from_a_reviewer_are_each_kind_and_only_those():
    reviewer = UserFactory(email="rina@acme.org", reviewer=True)
    in_an_hour = timezone.now() + timedelta(hours=1)
    own = _round("own", submission__owner=reviewer)
    _round("colleague", submission__owner=UserFactory(email="cole@ACME.org"))
    _round("declared", submission__owner=UserFactory(email="dee@example.com"))
    conflict_declare(actor=reviewer, other_email="dee@example.com")
    declarer = UserFactory(email="dora@example.com")
    _round("declared by them", submission__owner=declarer)
    conflict_declare(actor=declarer, other_email="RINA@acme.org")
    _round("offered elsewhere", offered_to=UserFactory(reviewer=True), offered_until=in_an_hour)
    # Shown: offered to the reviewer, an offer run out, other people's rounds.
    _round("offered to me", offered_to=reviewer, offered_until=in_an_hour)
    _round(
        "offer over",
        offered_to=UserFactory(reviewer=True),
        offered_until=timezone.now() - timedelta(minutes=1),
    )
    _round("stranger", submission__owner=UserFactory(email="sam@acme.org.example.com"))
    _round("in review", state="in_review")
    # Not open: neither kept out nor shown.
    _round("decided own", submission=own.submission, number=2, state="approved")
    _round(
        "withdrawn colleague", submission__owner=UserFactory(email="w@acme.org"), state="withdrawn"
    )
    kept = ["colleague", "declared", "declared by them", "offered elsewhere", "own"]
    assert _kept(reviewer) == kept
    shown, kept_out = _open_in_queue_or_kept(reviewer)
    assert shown == {"offered to me", "offer over", "stranger", "in review"}
    assert not shown & kept_out


def test_open_rounds_kept_from_an_expert_are_their_own_alone():
    expert = UserFactory(email="eve@acme.org")
    _round("own", submission__owner=expert, state="in_review")
    _round("colleague", submission__owner=UserFactory(email="cole@acme.org"))
    in_an_hour = timezone.now() + timedelta(hours=1)
    _round("offered elsewhere", offered_to=UserFactory(reviewer=True), offered_until=in_an_hour)
    assert _kept(expert) == ["own"]


def test_open_rounds_kept_from_a_reviewer_with_a_public_mail_domain_are_not_their_peers():
    reviewer = UserFactory(email="rex@gmail.com", reviewer=True)
    _round("peer", submission__owner=UserFactory(email="pat@gmail.com"))
    _round("own", submission__owner=reviewer)
    assert _kept(reviewer) == ["own"]


def test_open_rounds_kept_from_takes_one_query(django_assert_num_queries):
    reviewer = UserFactory(email="rina@acme.org", reviewer=True)
    assert is_reviewer(reviewer)  # asked before, as every page does
    _round("own", submission__owner=reviewer)
    _round("declared", submission__owner=UserFactory(email="dee@example.com"))
    conflict_declare(actor=reviewer, other_email="dee@example.com")
    # The rounds of every kind, the declared conflicts read within.
    with django_assert_num_queries(1):
        assert len(open_rounds_kept_from(reviewer)) == 2


def test_kept_from_a_reviewer_are_rounds_of_every_state_the_queue_lists():
    reviewer = UserFactory(email="rina@acme.org", reviewer=True)
    colleague = UserFactory(email="cole@acme.org")
    open_round = _round("colleague", submission__owner=colleague, credentials=["CFA"])
    _round("decided", submission=open_round.submission, number=2, state="approved")
    _round("withdrawn", submission=open_round.submission, number=3, state="withdrawn")
    _round("own", submission__owner=reviewer, state="changes_requested")
    stranger = _round(
        "stranger", submission__owner=UserFactory(email="sam@example.org"), state="approved"
    )
    kept = sorted(
        (sorted(round.domains), sorted(round.credentials), round.waiting)
        for round in kept_from(reviewer).rounds
    )
    assert kept == [
        (["colleague"], ["cfa"], True),
        (["decided"], [], False),
        (["own"], [], False),
    ]
    assert list(review_queue(reviewer, QueueFilters(state="approved"))) == [stranger]
    assert list(review_queue(reviewer, QueueFilters(state="changes_requested"))) == []


def test_kept_from_a_reviewer_names_the_people_in_conflict_with_or_without_rounds():
    """Read before the queue, which finds their rounds by key: one who submits a first round
    the moment after is kept out too."""
    reviewer = UserFactory(email="rina@acme.org", reviewer=True)
    colleague = UserFactory(email="nora@acme.org")  # no round yet
    declared = UserFactory(email="Dee@Example.com")
    conflict_declare(actor=reviewer, other_email="dee@example.com")
    declarer = UserFactory(email="dora@example.com")
    conflict_declare(actor=declarer, other_email="RINA@acme.org")
    UserFactory(email="sam@example.org")
    kept = kept_from(reviewer)
    assert kept.people == {colleague.pk, declared.pk, declarer.pk}
    assert kept.rounds == ()
    _round("first", submission__owner=colleague)
    assert list(review_queue(reviewer, QueueFilters(), kept=kept)) == []
    assert kept_from(UserFactory(email="eve@acme.org")).people == set()  # not a reviewer
