"""The article's quality checklist for portfolio artifacts, computed from their own data.

The five items, their labels and the Checklist type are the rubrics app's (rubrics.quality),
so every artifact's checklist reads and renders the same. An item that cannot be judged from
the data is not applicable (met is None), never guessed; `detail` says what is missing.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from portfolio.models import AdversarialCase, AdversarialTestPlan, Benchmark, WorkSample
from rubrics.quality import (
    ADVERSARIAL,
    GOAL,
    LABELS,
    PASS_FAIL,
    PILOT,
    PILOT_MAX,
    PILOT_MIN,
    SOURCES,
    Checklist,
    item,
)

__all__ = [
    "ADVERSARIAL",
    "GOAL",
    "LABELS",
    "PASS_FAIL",
    "PILOT",
    "SOURCES",
    "BenchmarkStats",
    "CaseStats",
    "Checklist",
    "checklist_for_benchmark",
    "checklist_for_test_plan",
    "checklist_for_work_sample",
]

# A handful of attacks, not one: below this a plan does not probe edge conditions.
MIN_ADVERSARIAL_CASES = 3
_NUMBER = re.compile(r"\d")
# A test plan's goal may count in words: "no critical case fails" is a threshold of zero.
_COUNT = re.compile(r"\d|\b(?:no|none|zero|all|every|each|half)\b", re.IGNORECASE)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _missing_only(key: str, met: bool, missing: str):
    return item(key, met, "" if met else missing)


def checklist_for_work_sample(sample: WorkSample) -> Checklist:
    """A linked or uploaded sample is opaque to us: reviewers judge it by reading it."""
    return Checklist(tuple(item(key, None) for key in LABELS))


SEVERE = (AdversarialCase.Severity.HIGH, AdversarialCase.Severity.CRITICAL)


@dataclass(frozen=True)
class CaseStats:
    """What the checklist needs to know about a plan's cases, counted."""

    cases: int
    severities: int  # distinct severities among the cases
    severe: int  # cases rated high or critical

    @classmethod
    def of_cases(cls, cases: Iterable[AdversarialCase]) -> "CaseStats":
        cases = list(cases)
        return cls(
            cases=len(cases),
            severities=len({case.severity for case in cases}),
            severe=sum(1 for case in cases if case.severity in SEVERE),
        )


def checklist_for_test_plan(
    plan: AdversarialTestPlan,
    cases: Iterable[AdversarialCase] | None = None,
    *,
    stats: CaseStats | None = None,
) -> Checklist:
    """Computed from the plan and its cases: pass the cases, or `stats` counted by the
    database (portfolio.queries), or neither to read the plan's (prefetched) cases."""
    if stats is None:
        stats = CaseStats.of_cases(plan.cases.all() if cases is None else cases)
    count = stats.cases
    goal = plan.goal.strip()
    if not goal:
        goal_missing = "Write a measurable goal, e.g. “no critical case fails; at least 95% "
        goal_missing += "of cases handled safely”."
    else:
        goal_missing = "Put a number in the goal (a rate, a threshold or a count, such as "
        goal_missing += "“no critical case fails”) so a run can be said to meet it or not."
    if count == 0:
        grading_missing = "Add cases, each with the behaviour that counts as safe."
    else:
        grading_missing = "All cases have the same severity; grade them (low to critical) "
        grading_missing += "so that failures can be weighed."
    adversarial_missing = (
        f"Add at least {MIN_ADVERSARIAL_CASES} cases, including at least one rated high or "
        f"critical (now {_plural(count, 'case')})."
    )
    return Checklist(
        (
            _missing_only(GOAL, bool(_COUNT.search(goal)), goal_missing),
            _missing_only(PASS_FAIL, count > 0 and stats.severities >= 2, grading_missing),
            _missing_only(
                ADVERSARIAL,
                count >= MIN_ADVERSARIAL_CASES and stats.severe > 0,
                adversarial_missing,
            ),
            _missing_only(
                SOURCES,
                bool(plan.sources.strip()),
                "List your sources: standards, regulations, incident reports, papers.",
            ),
            _missing_only(
                PILOT,
                count >= PILOT_MIN,
                f"Write at least {PILOT_MIN} cases to pilot the plan (now {count}); "
                f"{PILOT_MIN} to {PILOT_MAX} is a pilot; calibrate before you scale.",
            ),
        )
    )


# --- Benchmarks -----------------------------------------------------------------------------


@dataclass(frozen=True)
class BenchmarkStats:
    """What the checklist needs to know about a benchmark's items, counted."""

    items: int
    difficulties: int  # distinct difficulties among the items
    adversarial: int
    with_reference: int
    with_source: int

    @classmethod
    def of_items(cls, items: Iterable) -> "BenchmarkStats":
        items = list(items)
        return cls(
            items=len(items),
            difficulties=len({entry.difficulty for entry in items}),
            adversarial=sum(1 for entry in items if entry.adversarial),
            with_reference=sum(1 for entry in items if entry.reference_answer.strip()),
            with_source=sum(1 for entry in items if entry.source.strip()),
        )

    @property
    def is_pilot(self) -> bool:
        """10–20 items: enough to calibrate the grading before scaling up."""
        return Benchmark.PILOT_MIN_ITEMS <= self.items <= Benchmark.PILOT_MAX_ITEMS


def _goal_item(benchmark: Benchmark):
    metric, target = benchmark.metric.strip(), benchmark.target.strip()
    if not metric or not target:
        missing = " and ".join(
            name for name, value in (("a metric", metric), ("a target", target)) if not value
        )
        return item(
            GOAL, False, f"To do: set {missing}, e.g. “exact-match accuracy” and “at least 90%”."
        )
    if not _NUMBER.search(target):
        return item(
            GOAL,
            False,
            f"To do: put a number in the target (now “{target}”), e.g. “at least 90%”, so a "
            "run can be said to meet it or not.",
        )
    return item(GOAL, True, f"Metric: {metric.rstrip('.')}. Target: {target.rstrip('.')}.")


def _pass_fail_item(stats: BenchmarkStats):
    missing = []
    if stats.items == 0:
        return item(PASS_FAIL, False, "To do: add items, each with its reference answer.")
    if stats.with_reference < stats.items:
        missing.append(
            f"give every item a reference answer ({stats.items - stats.with_reference} without one)"
        )
    if stats.difficulties < 2:
        missing.append("grade the items: use at least two difficulties (easy, medium, hard)")
    if missing:
        return item(PASS_FAIL, False, "To do: " + "; ".join(missing) + ".")
    return item(
        PASS_FAIL,
        True,
        f"Every item has a reference answer; the items span {stats.difficulties} difficulties.",
    )


def checklist_for_benchmark(benchmark: Benchmark, stats: BenchmarkStats | None = None) -> Checklist:
    """Computed from the benchmark and its items: pass `stats` counted by the database
    (portfolio.queries), or leave it out to count the benchmark's (prefetched) items."""
    if stats is None:
        stats = BenchmarkStats.of_items(benchmark.items.all())
    if stats.adversarial:
        adversarial = item(
            ADVERSARIAL,
            True,
            f"{_plural(stats.adversarial, 'adversarial item')} of {stats.items}.",
        )
    else:
        adversarial = item(
            ADVERSARIAL,
            False,
            "To do: add at least one adversarial item (a trap, a misleading premise or a "
            "tricky edge case) and mark it adversarial.",
        )
    if benchmark.sources.strip():
        sources = item(SOURCES, True, "The benchmark lists its sources.")
    elif stats.items and stats.with_source == stats.items:
        sources = item(SOURCES, True, "Every item names its source.")
    else:
        without = stats.items - stats.with_source
        sources = item(
            SOURCES,
            False,
            "To do: list the benchmark's sources (standards, regulations, textbooks, papers), "
            f"or give every item its source ({_plural(without, 'item')} without one).",
        )
    if stats.items >= PILOT_MIN:
        pilot = item(PILOT, True, f"{_plural(stats.items, 'item')}.")
    else:
        pilot = item(
            PILOT,
            False,
            f"To do: pilot on at least {PILOT_MIN} items (now {stats.items}); {PILOT_MIN} to "
            f"{PILOT_MAX} is a pilot: calibrate the grading before you scale.",
        )
    return Checklist((_goal_item(benchmark), _pass_fail_item(stats), adversarial, sources, pilot))
