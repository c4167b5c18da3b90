from portfolio.models.artifacts import (
    AdversarialCase,
    AdversarialTestPlan,
    Artifact,
    Benchmark,
    BenchmarkItem,
    WorkSample,
)
from portfolio.models.files import StoredFile
from portfolio.models.proofs import CredentialProof

__all__ = [
    "AdversarialCase",
    "AdversarialTestPlan",
    "Artifact",
    "Benchmark",
    "BenchmarkItem",
    "CredentialProof",
    "StoredFile",
    "WorkSample",
]
