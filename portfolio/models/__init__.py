from portfolio.models.artifacts import (
    AdversarialCase,
    AdversarialTestPlan,
    Artifact,
    Benchmark,
    BenchmarkItem,
    WorkSample,
)
from portfolio.models.files import StoredFile

__all__ = [
    "AdversarialCase",
    "AdversarialTestPlan",
    "Artifact",
    "Benchmark",
    "BenchmarkItem",
    "StoredFile",
    "WorkSample",
]
