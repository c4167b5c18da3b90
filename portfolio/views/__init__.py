"""Portfolio pages, by role: the portfolio's own pages, work samples, test plans and benchmarks.
portfolio.views still names every view, for the URLs."""

from portfolio.views.benchmarks import (
    benchmark_create,
    benchmark_delete,
    benchmark_detail,
    benchmark_duplicate,
    benchmark_edit,
    benchmark_export_csv,
    benchmark_export_jsonl,
    benchmark_import,
)
from portfolio.views.pages import portfolio_index, profile_detail, public_page_settings
from portfolio.views.test_plans import (
    adversarial_plan_create,
    adversarial_plan_delete,
    adversarial_plan_detail,
    adversarial_plan_duplicate,
    adversarial_plan_edit,
)
from portfolio.views.work_samples import (
    work_sample_create,
    work_sample_delete,
    work_sample_detail,
    work_sample_duplicate,
    work_sample_edit,
)

__all__ = [
    "adversarial_plan_create",
    "adversarial_plan_delete",
    "adversarial_plan_detail",
    "adversarial_plan_duplicate",
    "adversarial_plan_edit",
    "benchmark_create",
    "benchmark_delete",
    "benchmark_detail",
    "benchmark_duplicate",
    "benchmark_edit",
    "benchmark_export_csv",
    "benchmark_export_jsonl",
    "benchmark_import",
    "portfolio_index",
    "profile_detail",
    "public_page_settings",
    "work_sample_create",
    "work_sample_delete",
    "work_sample_detail",
    "work_sample_duplicate",
    "work_sample_edit",
]
