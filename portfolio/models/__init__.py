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
from portfolio.models.proofs import CredentialProof
from portfolio.models.publication import PublicationChoices

__all__ = [
    "EVIDENCE_KINDS",
    "AdversarialCase",
    "AdversarialTestPlan",
    "Artifact",
    "Benchmark",
    "BenchmarkItem",
    "CredentialProof",
    "Evidence",
    "PublicationChoices",
    "StoredFile",
    "WorkSample",
]
