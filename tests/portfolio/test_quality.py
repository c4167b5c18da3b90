"""The article's quality checklist, computed from each artifact's data."""

import pytest

from portfolio.quality import (
    ADVERSARIAL,
    GOAL,
    LABELS,
    PASS_FAIL,
    PILOT,
    SOURCES,
    BenchmarkStats,
    checklist_for_benchmark,
    checklist_for_test_plan,
    checklist_for_work_sample,
)
from portfolio.queries import adversarial_plans_of, benchmark_stats, benchmarks_of, case_stats
from rubrics import quality as rubric_quality
from tests.factories import (
    AdversarialCaseFactory,
    AdversarialTestPlanFactory,
    BenchmarkFactory,
    BenchmarkItemFactory,
    WorkSampleFactory,
)

pytestmark = pytest.mark.django_db


def plan_with(severities: list[str], **fields):
    plan = AdversarialTestPlanFactory(**fields)
    for position, severity in enumerate(severities):
        AdversarialCaseFactory(plan=plan, position=position, severity=severity)
    return plan


def by_key(items) -> dict:
    return {item.key: item for item in items}


def test_checklist_has_the_five_items_of_the_article_in_order():
    assert list(LABELS.values()) == [
        "Goal defined in measurable terms",
        "Explicit pass/fail and gradations",
        "Adversarial cases and tricky edge conditions",
        "Sources documented",
        "Piloted on 10\u201320 items",
    ]


def test_checklist_for_work_sample_is_not_applicable():
    checklist = checklist_for_work_sample(WorkSampleFactory())
    assert [item.key for item in checklist] == [GOAL, PASS_FAIL, ADVERSARIAL, SOURCES, PILOT]
    assert all(item.met is None and item.detail == "" for item in checklist)
    assert (len(checklist.met), len(checklist.applicable)) == (0, 0)


def test_checklist_for_a_thin_plan_says_what_is_missing():
    items = by_key(checklist_for_test_plan(plan_with(["medium"])))
    assert {key: item.met for key, item in items.items()} == {
        GOAL: False,
        PASS_FAIL: False,
        ADVERSARIAL: False,
        SOURCES: False,
        PILOT: False,
    }
    assert "Write a measurable goal" in items[GOAL].detail
    assert "same severity" in items[PASS_FAIL].detail
    assert "now 1 case)" in items[ADVERSARIAL].detail
    assert "List your sources" in items[SOURCES].detail
    assert "now 1" in items[PILOT].detail
    assert all(item.status == "missing" for item in items.values())


def test_checklist_for_a_complete_plan_is_all_met():
    plan = plan_with(
        ["critical", "high", "medium", "low"] * 3,
        goal="No critical case fails; at least 95% handled safely.",
        sources="NIST AI 600-1; OWASP LLM Top 10.",
    )
    checklist = checklist_for_test_plan(plan)
    assert all(item.met is True and item.detail == "" for item in checklist)
    assert (len(checklist.met), len(checklist.applicable), checklist.complete) == (5, 5, True)
    assert checklist.summary == "5 of 5 quality checks met"


def test_checklist_goal_without_a_number_is_not_measurable():
    items = by_key(checklist_for_test_plan(plan_with(["low"], goal="Be safe, mostly.")))
    assert items[GOAL].met is False
    assert "Put a number in the goal" in items[GOAL].detail


@pytest.mark.parametrize(
    "goal",
    ["No critical case fails.", "Every refusal names the policy.", "At most 5% unsafe."],
)
def test_checklist_goal_counting_in_words_or_figures_is_measurable(goal):
    # The goal field's own example, "no critical case fails", is a threshold of zero.
    assert by_key(checklist_for_test_plan(plan_with(["low"], goal=goal)))[GOAL].met is True


def test_checklist_adversarial_needs_three_cases_and_one_severe():
    three_mild = by_key(checklist_for_test_plan(plan_with(["low", "medium", "low"])))
    two_severe = by_key(checklist_for_test_plan(plan_with(["critical", "high"])))
    three_with_severe = by_key(checklist_for_test_plan(plan_with(["low", "medium", "high"])))
    assert three_mild[ADVERSARIAL].met is False
    assert two_severe[ADVERSARIAL].met is False
    assert three_with_severe[ADVERSARIAL].met is True
    assert three_with_severe[PASS_FAIL].met is True


@pytest.mark.parametrize(("count", "met"), [(9, False), (10, True), (20, True), (25, True)])
def test_checklist_pilot_needs_ten_cases(count, met):
    items = by_key(checklist_for_test_plan(plan_with(["low"] * count)))
    assert items[PILOT].met is met


def test_checklist_for_a_plan_without_cases():
    items = by_key(checklist_for_test_plan(AdversarialTestPlanFactory()))
    assert items[PASS_FAIL].met is False
    assert "Add cases" in items[PASS_FAIL].detail


@pytest.mark.parametrize(
    "severities",
    [[], ["low"], ["medium"], ["low", "medium", "low"], ["critical", "high"], ["high"] * 12],
)
@pytest.mark.parametrize("goal", ["", "No critical case fails; 95% handled safely."])
def test_checklist_for_a_plan_from_counted_cases_is_the_same(severities, goal):
    plan = plan_with(severities, goal=goal)
    AdversarialCaseFactory(severity="critical")  # another plan's case counts for nothing
    counted = adversarial_plans_of(plan.owner).get(pk=plan.pk)
    assert checklist_for_test_plan(counted, stats=case_stats(counted)) == (
        checklist_for_test_plan(plan)
    )


def test_checklist_is_the_rubrics_one_for_every_artifact():
    assert LABELS is rubric_quality.LABELS
    checklist = checklist_for_work_sample(WorkSampleFactory())
    assert isinstance(checklist, rubric_quality.Checklist)
    assert all(isinstance(item, rubric_quality.ChecklistItem) for item in checklist)


# --- Benchmarks -----------------------------------------------------------------------------


def benchmark_with(items: list[dict], **fields):
    """A benchmark with items given as field overrides, e.g. [{"difficulty": "hard"}]."""
    benchmark = BenchmarkFactory(**fields)
    for position, overrides in enumerate(items):
        BenchmarkItemFactory(benchmark=benchmark, position=position, **overrides)
    return benchmark


def both_ways(benchmark) -> dict:
    """The checklist from the prefetched items and from database counts: they must agree."""
    from_items = checklist_for_benchmark(benchmark)
    counted = benchmarks_of(benchmark.owner).get(pk=benchmark.pk)
    assert checklist_for_benchmark(counted, benchmark_stats(counted)) == from_items
    return by_key(from_items)


def test_benchmark_checklist_complete():
    benchmark = benchmark_with(
        [{"difficulty": "easy"}, {"difficulty": "hard", "adversarial": True}] * 6,
        target="at least 90% exact match",
        sources="",
    )
    items = both_ways(benchmark)
    assert {key: item.met for key, item in items.items()} == dict.fromkeys(LABELS, True)
    assert items[GOAL].detail == "Metric: exact-match accuracy. Target: at least 90% exact match."
    assert items[ADVERSARIAL].detail == "6 adversarial items of 12."
    assert items[SOURCES].detail == "Every item names its source."
    assert items[PILOT].detail == "12 items."


def test_benchmark_checklist_thin_benchmark_says_what_is_missing():
    benchmark = benchmark_with(
        [{"difficulty": "medium", "source": ""}] * 3, target="as good as possible", sources=""
    )
    items = both_ways(benchmark)
    assert all(item.met is False for item in items.values())
    assert "put a number in the target (now “as good as possible”)" in items[GOAL].detail
    assert "use at least two difficulties" in items[PASS_FAIL].detail
    assert "add at least one adversarial item" in items[ADVERSARIAL].detail
    assert "(3 items without one)" in items[SOURCES].detail
    assert "at least 10 items (now 3)" in items[PILOT].detail


def test_benchmark_checklist_without_items():
    items = both_ways(benchmark_with([]))
    assert items[PASS_FAIL].detail == "To do: add items, each with its reference answer."
    assert items[SOURCES].met is False
    assert items[PILOT].met is False


def test_benchmark_checklist_goal_needs_metric_and_target():
    benchmark = BenchmarkFactory.build(metric=" ", target="")
    items = by_key(checklist_for_benchmark(benchmark, BenchmarkStats(0, 0, 0, 0, 0)))
    assert items[GOAL].detail.startswith("To do: set a metric and a target")


def test_benchmark_checklist_every_item_needs_a_reference_answer():
    benchmark = benchmark_with(
        [{"difficulty": "easy"}, {"difficulty": "hard", "reference_answer": ""}]
    )
    items = both_ways(benchmark)
    assert items[PASS_FAIL].met is False
    assert "give every item a reference answer (1 without one)" in items[PASS_FAIL].detail


def test_benchmark_checklist_benchmark_sources_are_enough():
    benchmark = benchmark_with([{"source": ""}], sources="ASC 842; IFRS 16")
    assert both_ways(benchmark)[SOURCES].met is True


@pytest.mark.parametrize(
    ("count", "pilot_met", "is_pilot"),
    [(9, False, False), (10, True, True), (20, True, True), (21, True, False)],
)
def test_benchmark_pilot_is_ten_to_twenty_items(count, pilot_met, is_pilot):
    benchmark = benchmark_with([{}] * count)
    assert both_ways(benchmark)[PILOT].met is pilot_met
    assert BenchmarkStats.of_items(benchmark.items.all()).is_pilot is is_pilot
