from onboarding.models.conflicts import ConflictOfInterest
from onboarding.models.reviews import Review, ReviewFlag, ReviewForm, ReviewFormRubric, ReviewScore
from onboarding.models.submissions import (
    AuditEntry,
    DeepeningPlan,
    Round,
    RoundCredential,
    RoundDomain,
    RoundFile,
    Submission,
)

__all__ = [
    "AuditEntry",
    "ConflictOfInterest",
    "DeepeningPlan",
    "Review",
    "ReviewFlag",
    "ReviewForm",
    "ReviewFormRubric",
    "ReviewScore",
    "Round",
    "RoundCredential",
    "RoundDomain",
    "RoundFile",
    "Submission",
]
