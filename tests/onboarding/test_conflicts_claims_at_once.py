"""A claim and a conflict declared between the same two people at the same moment: both lock
the two people's rows first, in key order, so the later waits for the earlier and sees it.
A claim made first is released by the declaration; a declaration made first refuses the
claim. The lock is read here in the SQL sent (FOR NO KEY UPDATE is PostgreSQL's; SQLite, which
lets one writer in at a time, reads the same rows without it)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onboarding.models import AuditEntry, ConflictOfInterest, Review, Round
from onboarding.services.assignment import Seats, conflict_declare, round_assign
from onboarding.services.reviews import review_claim
from onboarding.workflow import State
from profiles.models import User

pytestmark = pytest.mark.django_db

PEOPLE, ROUNDS, REVIEWS, CONFLICTS = (
    f'"{model._meta.db_table}"' for model in (User, Round, Review, ConflictOfInterest)
)


def _people_lock(queries: CaptureQueriesContext, *people) -> int:
    """Where in `queries` the people's rows are read, in key order and locked, only once."""
    low, high = sorted(person.pk for person in people)
    found = [
        index
        for index, query in enumerate(queries.captured_queries)
        if query["sql"].startswith("SELECT")
        and f'FROM {PEOPLE} WHERE {PEOPLE}."id" IN ({low}, {high})' in query["sql"]
        and f'ORDER BY {PEOPLE}."id" ASC' in query["sql"]
        and (connection.vendor != "postgresql" or query["sql"].endswith("FOR NO KEY UPDATE"))
    ]
    assert len(found) == 1, [query["sql"] for query in queries.captured_queries]
    return found[0]


def _first(queries: CaptureQueriesContext, text: str) -> int:
    return next(i for i, query in enumerate(queries.captured_queries) if text in query["sql"])


def test_a_claim_then_a_declaration_lock_the_same_people_and_the_claim_is_released(
    round, alice, rita
):
    with CaptureQueriesContext(connection) as claiming:
        review_claim(actor=rita, round=round)
    with CaptureQueriesContext(connection) as declaring:
        conflict = conflict_declare(actor=alice, other_email=rita.email)
    claim_lock = _people_lock(claiming, alice, rita)
    declare_lock = _people_lock(declaring, alice, rita)
    # The same statement: the same rows in the same order, whichever path comes first.
    assert claiming[claim_lock]["sql"] == declaring[declare_lock]["sql"]
    # The people before the round and the conflicts; before the declaration and its search.
    assert claim_lock < _first(claiming, f"FROM {ROUNDS}")
    assert claim_lock < _first(claiming, f"FROM {CONFLICTS}")
    assert declare_lock < _first(declaring, f"INTO {CONFLICTS}")
    assert declare_lock < _first(declaring, f"FROM {REVIEWS}")
    assert conflict.claims_released == 1
    round = Round.objects.get(pk=round.pk)
    assert (round.state, list(round.reviews.all())) == (State.SUBMITTED, [])
    assert AuditEntry.objects.filter(round=round).last().action == AuditEntry.Action.RELEASED


def test_a_declaration_then_a_claim_lock_the_same_people_and_the_claim_is_refused(
    round, alice, rita
):
    with CaptureQueriesContext(connection) as declaring:
        conflict = conflict_declare(actor=rita, other_email=alice.email)
    with CaptureQueriesContext(connection) as claiming, pytest.raises(PermissionDenied):
        review_claim(actor=rita, round=round)
    claim_lock = _people_lock(claiming, alice, rita)
    assert claiming[claim_lock]["sql"] == declaring[_people_lock(declaring, alice, rita)]["sql"]
    assert claim_lock < _first(claiming, f"FROM {CONFLICTS}")
    assert conflict.claims_released == 0
    assert ConflictOfInterest.objects.count() == 1
    round = Round.objects.get(pk=round.pk)
    assert (round.state, list(round.reviews.all())) == (State.SUBMITTED, [])


def test_staff_assigning_lock_the_same_people_before_the_round(round, alice, rita, staff):
    with CaptureQueriesContext(connection) as assigning:
        review = round_assign(
            actor=staff, round=round, reviewer=rita, seen=Seats(0, round.reviews_required)
        )
    lock = _people_lock(assigning, alice, rita)
    assert lock < _first(assigning, f"FROM {ROUNDS}")
    assert list(Round.objects.get(pk=round.pk).reviews.all()) == [review]
