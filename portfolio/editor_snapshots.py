"""What each portfolio editor shows, by label: a stale save names what changed
(common.versions)."""

from common.versions import Snapshot
from portfolio.models import AdversarialTestPlan, Benchmark, WorkSample


def work_sample_snapshot(sample: WorkSample) -> Snapshot:
    return {
        "Title": sample.title,
        "Type": sample.get_sample_type_display(),
        "Description": sample.description,
        "Link": sample.url,
        "File": sample.file.original_name if sample.file_id else "",
    }


def test_plan_snapshot(plan: AdversarialTestPlan) -> Snapshot:
    return {
        "Title": plan.title,
        "Scope": plan.scope,
        "Threat model": plan.threat_model,
        "Measurable goal": plan.goal,
        "Sources": plan.sources,
        "Cases": [
            "\x1f".join((case.attack, case.expected_behaviour, case.severity))
            for case in plan.cases.all()
        ],
    }


def benchmark_snapshot(benchmark: Benchmark) -> Snapshot:
    return {
        "Title": benchmark.title,
        "Domain": benchmark.domain,
        "Description": benchmark.description,
        "Metric": benchmark.metric,
        "Target": benchmark.target,
        "Sources": benchmark.sources,
        "Items": [
            "\x1f".join(
                (
                    item.prompt,
                    item.reference_answer,
                    item.rationale,
                    item.difficulty,
                    item.source,
                    "adversarial" if item.adversarial else "",
                )
            )
            for item in benchmark.items.all()
        ],
    }
