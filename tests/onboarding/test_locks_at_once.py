"""Two transactions at once on PostgreSQL: a reviewer's approval while a claim or a staff
assignment holds the lock on the same people (conflict_parties_lock). The approval writes a
credential and audit entries that refer to those people; it must not wait for their lock,
else it waits while the other waits for its round, and PostgreSQL kills one as a deadlock
(the approval was lost with a 500). On SQLite, which has no row locks, the same steps run."""

import threading
from contextlib import nullcontext

import pytest
from django.db import connection, transaction

from credentials.models import IssuedCredential
from onboarding.conflicts import conflict_parties_lock
from onboarding.models import Round
from onboarding.services.reviews import review_claim, review_save
from onboarding.workflow import Decision, State
from tests.factories import UserFactory
from tests.onboarding.review_setup import review_form, review_input, submitted_round

pytestmark = pytest.mark.django_db(transaction=True)
PATIENCE = 10  # seconds: far more than the approval takes, far less than a stuck test


def test_an_approval_does_not_wait_for_the_lock_a_claim_holds_on_its_people(alice, staff):
    review_form(staff)
    round = submitted_round(alice)
    rita, raj = (UserFactory(reviewer=True) for _ in range(2))
    review = review_claim(actor=rita, round=round)
    held, release, outcome = threading.Event(), threading.Event(), {}

    def assigning():  # as round_assign() or review_claim() does, before it locks the round
        # SQLite has no row locks (the lock is a plain read) and one writer at a time: its
        # transaction is not held open here, and the same steps run.
        holding = transaction.atomic() if connection.vendor == "postgresql" else nullcontext()
        try:
            with holding:
                conflict_parties_lock(raj.pk, alice.pk)
                held.set()
                release.wait(PATIENCE)
        finally:
            connection.close()

    def approving():
        try:
            data = review_input(round, Decision.APPROVE)
            outcome["review"] = review_save(actor=rita, review=review, data=data, submit=True)
        except Exception as error:  # any failure is the finding
            outcome["error"] = error
        finally:
            connection.close()

    other = threading.Thread(target=assigning)
    other.start()
    assert held.wait(PATIENCE)
    approval = threading.Thread(target=approving)
    approval.start()
    approval.join(PATIENCE / 2)
    finished = not approval.is_alive()
    release.set()
    approval.join(PATIENCE)
    other.join(PATIENCE)

    assert finished, "the approval waited for the lock held on its people"
    assert "error" not in outcome, outcome
    assert Round.objects.get(pk=round.pk).state == State.APPROVED
    assert IssuedCredential.objects.filter(round=round).count() == 1
