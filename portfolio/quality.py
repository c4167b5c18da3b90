"""The article's quality checklist, computed from an artifact's own data.

Five items: the goal in measurable terms; explicit pass/fail and gradations; adversarial
cases and tricky edge conditions; sources documented; piloted on 10 to 20 items. An item that
cannot be judged from the data is not applicable (met is None), never guessed.
"""

import re
from dataclasses import dataclass

from portfolio.models import AdversarialCase, AdversarialTestPlan, Benchmark, WorkSample

PILOT_MIN, PILOT_MAX = 10, 20
# A handful of attacks, not one: below this a plan does not probe edge conditions.
MIN_ADVERSARIAL_CASES = 3

GOAL = "goal"
PASS_FAIL = "pass_fail"  # noqa: S105 - a checklist key
ADVERSARIAL = "adversarial"
SOURCES = "sources"
PILOT = "pilot"
LABELS = {
    GOAL: "Goal defined in measurable terms",
    PASS_FAIL: "Explicit pass/fail and gradations",
    ADVERSARIAL: "Adversarial cases and tricky edge conditions",
    SOURCES: "Sources documented",
    PILOT: "Piloted on 10\u201320 items",  # an en dash, as the article writes it
}
_NUMBER = re.compile(r"\d")


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    met: bool | None  # None: not applicable to this artifact
    missing: str = ""  # what to do to meet it; empty when met or not applicable


@dataclass(frozen=True)
class ChecklistSummary:
    met: int
    applicable: int

    @property
    def complete(self) -> bool:
        return self.met == self.applicable


def _item(key: str, met: bool | None, missing: str = "") -> ChecklistItem:
    return ChecklistItem(key=key, label=LABELS[key], met=met, missing="" if met else missing)


def summarize(items: list[ChecklistItem]) -> ChecklistSummary:
    applicable = [item for item in items if item.met is not None]
    return ChecklistSummary(
        met=sum(1 for item in applicable if item.met), applicable=len(applicable)
    )


def checklist_for_work_sample(sample: WorkSample) -> list[ChecklistItem]:
    """A linked or uploaded sample is opaque to us: reviewers judge it by reading it."""
    return [_item(key, None) for key in LABELS]


def checklist_for_test_plan(plan: AdversarialTestPlan) -> list[ChecklistItem]:
    """Computed from the plan and its cases (use a plan with its cases prefetched)."""
    cases = list(plan.cases.all())
    count = len(cases)
    severities = {case.severity for case in cases}
    severe = {AdversarialCase.Severity.HIGH, AdversarialCase.Severity.CRITICAL}
    goal = plan.goal.strip()
    if not goal:
        goal_missing = "Write a measurable goal, e.g. “no critical case fails; at least 95% "
        goal_missing += "of cases handled safely”."
    else:
        goal_missing = "Put a number in the goal (a rate, a threshold or a count) so a run "
        goal_missing += "can be said to meet it or not."
    if count == 0:
        grading_missing = "Add cases, each with the behaviour that counts as safe."
    else:
        grading_missing = "All cases have the same severity; grade them (low to critical) "
        grading_missing += "so that failures can be weighed."
    adversarial_missing = (
        f"Add at least {MIN_ADVERSARIAL_CASES} cases, including at least one rated high or "
        f"critical (now {count} case{'s' if count != 1 else ''})."
    )
    return [
        _item(GOAL, bool(_NUMBER.search(goal)), goal_missing),
        _item(PASS_FAIL, count > 0 and len(severities) >= 2, grading_missing),
        _item(
            ADVERSARIAL,
            count >= MIN_ADVERSARIAL_CASES and bool(severities & severe),
            adversarial_missing,
        ),
        _item(
            SOURCES,
            bool(plan.sources.strip()),
            "List your sources: standards, regulations, incident reports, papers.",
        ),
        _item(
            PILOT,
            count >= PILOT_MIN,
            f"Write at least {PILOT_MIN} cases to pilot the plan (now {count}); "
            f"{PILOT_MIN} to {PILOT_MAX} is a pilot; calibrate before you scale.",
        ),
    ]


def checklist_for_benchmark(benchmark: Benchmark) -> list[ChecklistItem]:
    """Computed from the benchmark and its items (use one with its items prefetched)."""
    items = list(benchmark.items.all())
    count = len(items)
    difficulties = {item.difficulty for item in items}
    adversarial = sum(1 for item in items if item.adversarial)
    target = benchmark.target.strip()
    sourced = bool(benchmark.sources.strip()) or (
        count > 0 and all(item.source.strip() for item in items)
    )
    if count == 0:
        grading_missing = "Add items, each with the reference answer that counts as a pass."
    else:
        grading_missing = "All items have the same difficulty; mix easy, medium and hard items "
        grading_missing += "so that results show gradations, not only pass or fail."
    return [
        _item(
            GOAL,
            bool(benchmark.metric.strip()) and bool(_NUMBER.search(target)),
            "Put a number in the target (e.g. “≥ 90% exact match”) so a model can be said "
            "to meet it or not.",
        ),
        _item(PASS_FAIL, count > 0 and len(difficulties) >= 2, grading_missing),
        _item(
            ADVERSARIAL,
            adversarial > 0,
            "Mark at least one item as adversarial: a trap, an edge case or a misleading premise.",
        ),
        _item(
            SOURCES,
            sourced,
            "List the benchmark's sources, or give every item its source.",
        ),
        _item(
            PILOT,
            count >= PILOT_MIN,
            f"Write at least {PILOT_MIN} items to pilot the benchmark (now {count}); "
            f"{PILOT_MIN} to {PILOT_MAX} is a pilot; calibrate before you scale.",
        ),
    ]
