from portfolio.models.artifacts import (
    AdversarialCase,
    AdversarialTestPlan,
    Artifact,
    Benchmark,
    BenchmarkItem,
    WorkSample,
)
from portfolio.models.files import StoredFile
from portfolio.models.reviews import Review, ReviewFlag, ReviewForm, ReviewFormRubric, ReviewScore
from portfolio.models.submissions import (
    AuditEntry,
    DeepeningPlan,
    Round,
    RoundCredential,
    RoundDomain,
    RoundFile,
    Submission,
)

__all__ = [
    "AdversarialCase",
    "AdversarialTestPlan",
    "Artifact",
    "AuditEntry",
    "Benchmark",
    "BenchmarkItem",
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
    "StoredFile",
    "Submission",
    "WorkSample",
]
