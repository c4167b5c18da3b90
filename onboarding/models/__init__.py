from onboarding.models.conflicts import ConflictOfInterest
from onboarding.models.reviews import (
    Review,
    ReviewFlag,
    ReviewForm,
    ReviewFormRubric,
    ReviewScore,
    reviews_counted,
)
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
    "reviews_counted",
]
