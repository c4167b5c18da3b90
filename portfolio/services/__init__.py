"""Writes for portfolio artifacts and their files. Views, admin and commands call these.

Every function is keyword-only and atomic, validates before it writes, and returns the object.
A refused file leaves nothing behind: all checks run before a single byte is stored.
"""

from portfolio.services.benchmarks import (
    IMPORT_APPEND,
    IMPORT_REPLACE,
    benchmark_create,
    benchmark_delete,
    benchmark_duplicate,
    benchmark_items_import,
    benchmark_update,
)
from portfolio.services.evidence import evidence_link, evidence_unlink
from portfolio.services.files import (
    stored_file_create,
    stored_file_is_referenced,
    stored_file_release,
    upload_quota_used,
)
from portfolio.services.profiles import (
    ProfileImported,
    profile_document_store,
    profile_import,
    profile_replace_from_document,
)
from portfolio.services.test_plans import (
    CaseData,
    adversarial_plan_create,
    adversarial_plan_delete,
    adversarial_plan_duplicate,
    adversarial_plan_update,
)
from portfolio.services.work_samples import (
    work_sample_create,
    work_sample_delete,
    work_sample_duplicate,
    work_sample_update,
)

__all__ = [
    "IMPORT_APPEND",
    "IMPORT_REPLACE",
    "CaseData",
    "ProfileImported",
    "adversarial_plan_create",
    "adversarial_plan_delete",
    "adversarial_plan_duplicate",
    "adversarial_plan_update",
    "benchmark_create",
    "benchmark_delete",
    "benchmark_duplicate",
    "benchmark_items_import",
    "benchmark_update",
    "evidence_link",
    "evidence_unlink",
    "profile_document_store",
    "profile_import",
    "profile_replace_from_document",
    "stored_file_create",
    "stored_file_is_referenced",
    "stored_file_release",
    "upload_quota_used",
    "work_sample_create",
    "work_sample_delete",
    "work_sample_duplicate",
    "work_sample_update",
]
