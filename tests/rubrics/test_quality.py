"""The article's quality checklist, computed from a rubric's data."""

from dataclasses import replace

import pytest

from rubrics import documents, quality, queries
from rubrics.content import LevelContent
from rubrics.models import Rubric
from rubrics.quality import Checklist, ChecklistItem, rubric_checklist
from tests.factories import RubricFactory


def statuses(checklist: Checklist) -> dict[str, bool | None]:
    return {item.key: item.met for item in checklist}


def test_complete_rubric_meets_every_applicable_check(content):
    checklist = rubric_checklist(content)
    assert statuses(checklist) == {
        "goal": True,
        "pass_fail": True,
        "adversarial": True,
        "sources": True,
        "pilot": None,
    }
    assert checklist.complete and checklist.summary == "4 of 4 quality checks met"
    assert [item.label for item in checklist] == [
        "Goal defined in measurable terms",
        "Explicit pass/fail and gradations",
        "Adversarial cases and tricky edge conditions",
        "Sources documented",
        "Piloted on 10–20 items",
    ]
    by_key = {item.key: item for item in checklist}
    assert by_key["goal"].detail == "The objective is scored on 3 levels, from 1 to 5."
    assert by_key["pass_fail"].detail.startswith("Scores 3 and up pass (2 of 3 levels)")


def test_seed_rubric_misses_pass_fail_and_sources(seed_text):
    checklist = rubric_checklist(documents.content_from_yaml(seed_text))
    assert statuses(checklist) == {
        "goal": True,
        "pass_fail": False,
        "adversarial": True,
        "sources": False,
        "pilot": None,
    }
    assert [item.key for item in checklist.missing] == ["pass_fail", "sources"]
    assert checklist.summary == "2 of 4 quality checks met" and not checklist.complete
    missing = {item.key: item.detail for item in checklist.missing}
    assert "set the lowest passing score" in missing["pass_fail"]
    assert "standards, regulations or textbooks" in missing["sources"]


def test_two_levels_have_no_gradations(content):
    two = replace(content, levels=content.levels[:2], pass_score=5)
    item = {i.key: i for i in rubric_checklist(two)}["pass_fail"]
    assert item.met is False
    assert "add a level between the best and the worst" in item.detail
    assert "passing score" not in item.detail


def test_no_disallowed_behaviours_misses_adversarial_cases(content):
    item = {i.key: i for i in rubric_checklist(replace(content, disallowed=()))}["adversarial"]
    assert item.met is False and "fabricated citations" in item.detail


@pytest.mark.parametrize(
    "disallowed, detail",
    [
        (("Fabricated citations",), "1 disallowed behaviour fails a response whatever its score."),
        (("A", "B"), "2 disallowed behaviours fail a response whatever its score."),
    ],
)
def test_disallowed_behaviours_are_counted_in_a_sentence(content, disallowed, detail):
    item = {i.key: i for i in rubric_checklist(replace(content, disallowed=disallowed))}
    assert item["adversarial"].met is True and item["adversarial"].detail == detail


def test_goal_needs_an_objective_and_a_scale(content):
    empty = replace(content, objective="", levels=(LevelContent(None, ()),))
    item = {i.key: i for i in rubric_checklist(empty)}["goal"]
    assert item.met is False and item.detail == "Write the objective: what the rubric measures."


@pytest.mark.django_db
def test_checklist_of_a_stored_rubric(alice):
    rubric = RubricFactory(owner=alice, disallowed=[])
    assert statuses(rubric_checklist(rubric))["adversarial"] is False


def test_checklist_item_status_words():
    assert ChecklistItem("k", "K", True).status == "met"
    assert ChecklistItem("k", "K", False).status == "missing"
    assert ChecklistItem("k", "K", None).status == "not_applicable"
    assert quality.item(quality.SOURCES, True).label == "Sources documented"
    assert len(Checklist((ChecklistItem("k", "K", None),)).applicable) == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "rubric",
    [
        {},
        {"pass_score": 3, "sources": "ISO 9001"},
        {"pass_score": 5, "levels": [(5, ["a"]), (1, ["b"])], "disallowed": []},
        {"levels": [], "disallowed": ["x", "y", "z"]},
        {"objective": "", "levels": [(2, ["a"])], "pass_score": 2},
        {"levels": [(0, ["a"]), (100, ["b"]), (50, ["c", "d"]), (7, ["e"])], "pass_score": 50},
    ],
)
def test_listed_rubric_checklist_is_the_rubrics_checklist(alice, rubric):
    RubricFactory(owner=alice, **rubric)
    listed = queries.listed(Rubric.objects.all()).prefetch_related(queries.scale_levels()).get()
    stored = queries.with_scale(Rubric.objects.all()).get()
    assert quality.listed_rubric_checklist(listed) == rubric_checklist(stored)
