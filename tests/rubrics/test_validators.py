"""Each rule of a rubric, on its own and as rubric_problems() reports it with its path."""

from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError

from rubrics.content import LevelContent
from rubrics.validators import (
    Problem,
    RubricInvalid,
    format_path,
    rubric_problems,
    validate_criterion,
    validate_disallowed,
    validate_disallowed_count,
    validate_level_count,
    validate_level_criteria,
    validate_objective,
    validate_pass_score,
    validate_rubric_content,
    validate_score,
    validate_score_unique,
    validate_sources,
    validate_title,
)


def messages(check, *args) -> str:
    with pytest.raises(ValidationError) as info:
        check(*args)
    return " ".join(info.value.messages)


def test_valid_content_has_no_problems(content):
    assert rubric_problems(content) == []
    validate_rubric_content(content)


def test_objective_is_required():
    assert "Write the objective" in messages(validate_objective, "   ")
    validate_objective("Assess reasoning")


def test_objective_length_limit():
    validate_objective("x" * 500)
    assert "500 characters (it has 501)" in messages(validate_objective, "x" * 501)


def test_objective_may_span_lines_but_not_hold_control_characters():
    validate_objective("Assess reasoning\n\tand clarity")
    assert "U+0007" in messages(validate_objective, "Assess\x07 reasoning")
    assert "U+0000" in messages(validate_objective, "Assess\x00")


def test_title_is_optional_one_line_and_limited():
    validate_title("")
    assert "one line" in messages(validate_title, "two\nlines")
    assert "120 characters" in messages(validate_title, "t" * 121)


def test_sources_length_limit():
    validate_sources("")
    validate_sources("ISO 9001\nIFRS 15")
    assert "2000 characters" in messages(validate_sources, "s" * 2001)


@pytest.mark.parametrize("score", [0, 1, 50, 100])
def test_score_in_range_is_valid(score):
    validate_score(score)


@pytest.mark.parametrize(
    ("score", "text"),
    [
        (None, "Give this level a score"),
        (-1, "from 0 to 100 (not -1)"),
        (101, "from 0 to 100 (not 101)"),
        (True, "whole number"),
        (2.5, "whole number"),
    ],
)
def test_score_must_be_whole_number_in_range(score, text):
    assert text in messages(validate_score, score)


def test_scores_are_unique():
    validate_score_unique(3, [5, 1])
    assert "Score 3 is already used by level 2" in messages(validate_score_unique, 3, [5, 3])


def test_at_least_two_and_at_most_ten_levels():
    validate_level_count(2)
    validate_level_count(10)
    assert "at least 2 levels" in messages(validate_level_count, 1)
    assert "at least 2 levels" in messages(validate_level_count, 0)
    assert "at most 10 levels" in messages(validate_level_count, 11)


def test_each_level_needs_one_to_ten_criteria():
    validate_level_criteria(["a"])
    assert "at least one criterion" in messages(validate_level_criteria, [])
    assert "at most 10 criteria" in messages(validate_level_criteria, ["c"] * 11)


def test_criterion_text_rules():
    validate_criterion("Correct final answer")
    assert "Write the criterion or remove it" in messages(validate_criterion, "  ")
    assert "300 characters" in messages(validate_criterion, "c" * 301)
    assert "one line" in messages(validate_criterion, "two\nlines")


def test_disallowed_text_and_count_rules():
    validate_disallowed("Fabricated citations")
    assert "Describe the disallowed behaviour" in messages(validate_disallowed, "")
    assert "300 characters" in messages(validate_disallowed, "d" * 301)
    validate_disallowed_count(20)
    assert "at most 20" in messages(validate_disallowed_count, 21)


def test_pass_score_must_be_a_level_and_leave_a_failing_level():
    validate_pass_score(None, [5, 3, 1])
    validate_pass_score(3, [5, 3, 1])
    validate_pass_score(5, [5, 3, 1])
    assert "one of the levels' scores (5, 3, 1)" in messages(validate_pass_score, 4, [5, 3, 1])
    assert "Every level would pass" in messages(validate_pass_score, 1, [5, 3, 1])


def test_problems_carry_paths_in_reading_order(content):
    broken = replace(
        content,
        objective="",
        pass_score=4,
        levels=(
            LevelContent(5, ("Correct", "correct ")),
            LevelContent(5, ()),
            LevelContent(None, ("",)),
        ),
        disallowed=("Fabricated", ""),
    )
    assert [(p.path, p.message.split(" ")[0]) for p in rubric_problems(broken)] == [
        (("objective",), "Write"),
        (("scale", 0, "criteria", 1), "This"),  # repeated, whatever the case and spaces
        (("scale", 1, "score"), "Score"),
        (("scale", 1, "criteria"), "Give"),
        (("scale", 2, "score"), "Give"),
        (("scale", 2, "criteria", 0), "Write"),
        (("pass_score",), "The"),
        (("disallow", 1), "Describe"),
    ]


def test_one_level_is_reported_at_the_scale(content):
    problems = rubric_problems(replace(content, levels=content.levels[:1], pass_score=None))
    assert problems == [
        Problem(
            ("scale",),
            "A rubric needs at least 2 levels so that answers can be told apart (it has 1).",
        )
    ]


def test_validate_rubric_content_names_paths_under_a_root(content):
    with pytest.raises(RubricInvalid) as info:
        validate_rubric_content(replace(content, objective=" "), root=("rubric",))
    assert info.value.messages == [
        "rubric.objective: Write the objective: what this rubric measures."
    ]
    assert info.value.problems[0].path == ("objective",)


def test_format_path():
    assert format_path(("rubric", "scale", 1, "score")) == "rubric.scale[1].score"
    assert format_path(()) == "the document"
    assert format_path((0, 2)) == "[0][2]"
