"""Forms of the onboarding pages, by role: the 60–90 day plan, the queue's filters, scoring
and adjudication, the confirmations before submitting, assignment (conflicts, staff), and
staff's decision on a credential's proof.

They convert and validate with the same validators the services run; they never write.
"""

from onboarding.forms.assignment import AssignForm, ConflictForm, MoreReviewsForm
from onboarding.forms.plan import DeepeningPlanForm
from onboarding.forms.proofs import ProofDecisionForm
from onboarding.forms.queue import QueueFilterForm, QuickSelect
from onboarding.forms.scoring import (
    BACK,
    CONFIRM,
    FINAL_DECISIONS,
    SAVE,
    SUBMIT,
    AdjudicationForm,
    ScoringForm,
)
from onboarding.forms.submit import SubmitConfirmationsForm

__all__ = [
    "BACK",
    "CONFIRM",
    "FINAL_DECISIONS",
    "SAVE",
    "SUBMIT",
    "AdjudicationForm",
    "AssignForm",
    "ConflictForm",
    "DeepeningPlanForm",
    "MoreReviewsForm",
    "ProofDecisionForm",
    "QueueFilterForm",
    "QuickSelect",
    "ScoringForm",
    "SubmitConfirmationsForm",
]
