"""The article's quality checklist, computed from each artifact's data."""

import pytest

from portfolio.quality import (
    ADVERSARIAL,
    GOAL,
    LABELS,
    PASS_FAIL,
    PILOT,
    SOURCES,
    checklist_for_test_plan,
    checklist_for_work_sample,
    summarize,
)
from tests.factories import AdversarialCaseFactory, AdversarialTestPlanFactory, WorkSampleFactory

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
    items = checklist_for_work_sample(WorkSampleFactory())
    assert [item.key for item in items] == [GOAL, PASS_FAIL, ADVERSARIAL, SOURCES, PILOT]
    assert all(item.met is None and item.missing == "" for item in items)
    summary = summarize(items)
    assert (summary.met, summary.applicable) == (0, 0)


def test_checklist_for_a_thin_plan_says_what_is_missing():
    items = by_key(checklist_for_test_plan(plan_with(["medium"])))
    assert {key: item.met for key, item in items.items()} == {
        GOAL: False,
        PASS_FAIL: False,
        ADVERSARIAL: False,
        SOURCES: False,
        PILOT: False,
    }
    assert "Write a measurable goal" in items[GOAL].missing
    assert "same severity" in items[PASS_FAIL].missing
    assert "now 1 case)" in items[ADVERSARIAL].missing
    assert "List your sources" in items[SOURCES].missing
    assert "now 1" in items[PILOT].missing
    assert summarize(list(items.values())).met == 0


def test_checklist_for_a_complete_plan_is_all_met():
    plan = plan_with(
        ["critical", "high", "medium", "low"] * 3,
        goal="No critical case fails; at least 95% handled safely.",
        sources="NIST AI 600-1; OWASP LLM Top 10.",
    )
    items = checklist_for_test_plan(plan)
    assert all(item.met is True and item.missing == "" for item in items)
    summary = summarize(items)
    assert (summary.met, summary.applicable, summary.complete) == (5, 5, True)


def test_checklist_goal_without_a_number_is_not_measurable():
    items = by_key(checklist_for_test_plan(plan_with(["low"], goal="Be safe, mostly.")))
    assert items[GOAL].met is False
    assert "Put a number in the goal" in items[GOAL].missing


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
    assert "Add cases" in items[PASS_FAIL].missing
