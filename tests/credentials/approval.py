"""An approved round with its credential, through the services a reviewer's clicks go through."""

from onboarding.workflow import Decision
from tests.onboarding.review_setup import review_form, reviewed, submitted_round


def approved_round(expert, reviewer, staff, **portfolio):
    review_form(staff)
    round = submitted_round(expert, **portfolio)
    reviewed(round, reviewer, Decision.APPROVE)
    return round
