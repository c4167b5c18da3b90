from portfolio.models.artifacts import (
    AdversarialCase,
    AdversarialTestPlan,
    Artifact,
    Benchmark,
    BenchmarkItem,
    WorkSample,
)
from portfolio.models.evidence import EVIDENCE_KINDS, Evidence
from portfolio.models.files import StoredFile

__all__ = [
    "EVIDENCE_KINDS",
    "AdversarialCase",
    "AdversarialTestPlan",
    "Artifact",
    "Benchmark",
    "BenchmarkItem",
    "Evidence",
    "StoredFile",
    "WorkSample",
]
