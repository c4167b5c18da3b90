"""The Reviewers group deleted or renamed outside the admin (which allows neither): no
membership change is signalled, yet its members no longer review, so their claims are
released, audited as any other release, and a first offer to one of them ends."""

import pytest
from django.contrib.auth.models import Group

from onboarding.confirmations import CONFIRMATIONS
from onboarding.models import AuditEntry, Round
from onboarding.services.reviews import review_claim
from onboarding.services.submissions import submission_submit
from onboarding.workflow import Decision, State
from profiles.permissions import REVIEWER_GROUP
from tests.factories import UserFactory
from tests.onboarding.review_setup import reviewed, submitted_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(round, alice, rita, raj):
    """Alice's resubmission offered first to Rita, who decided her first round, and two
    claims: Rita's on Bea's round, Raj's on Cleo's."""
    reviewed(round, rita, Decision.REQUEST_CHANGES, comment="Cite the lease sources", score=2)
    resubmitted = submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    assert resubmitted.offered_to == rita
    claimed = {}
    for reviewer, expert in ((rita, "Bea Expert"), (raj, "Cleo Expert")):
        claimed[reviewer.pk] = submitted_round(UserFactory(name=expert))
        review_claim(actor=reviewer, round=claimed[reviewer.pk])
    return resubmitted, claimed


def _released(round: Round, name: str) -> None:
    round = Round.objects.get(pk=round.pk)
    assert (round.state, list(round.reviews.all())) == (State.SUBMITTED, [])
    entry = AuditEntry.objects.filter(round=round).last()
    assert (entry.action, entry.actor, entry.note) == (
        AuditEntry.Action.RELEASED,
        None,
        f"{name} no longer reviews; the draft is dropped.",
    )


def _renamed(group: Group) -> None:
    group.name = "Old reviewers"
    group.save()


@pytest.mark.parametrize(
    "gone",
    [
        lambda group: group.delete(),
        lambda group: Group.objects.filter(pk=group.pk).delete(),
        _renamed,
    ],
    ids=["deleted", "deleted in bulk", "renamed"],
)
def test_the_reviewers_group_gone_releases_its_members_claims_and_ends_their_offers(
    held, rita, raj, gone
):
    resubmitted, claimed = held
    gone(Group.objects.get(name=REVIEWER_GROUP))
    _released(claimed[rita.pk], "Rita Reviewer")
    _released(claimed[raj.pk], "Raj Reviewer")
    resubmitted = Round.objects.get(pk=resubmitted.pk)
    assert (resubmitted.offered_to, resubmitted.offered_until) == (None, None)


def test_another_group_gone_releases_nothing(held, rita, raj):
    resubmitted, claimed = held
    editors = Group.objects.create(name="Editors")
    editors.user_set.add(rita, raj)
    editors.name = "Copy editors"
    editors.save()
    editors.delete()
    for reviewer in (rita, raj):
        reviews = Round.objects.get(pk=claimed[reviewer.pk].pk).reviews.all()
        assert [review.reviewer for review in reviews] == [reviewer]
    assert Round.objects.get(pk=resubmitted.pk).offered_to == rita
