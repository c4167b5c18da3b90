"""The rubric's own rules on its content: which levels pass."""

from dataclasses import replace

import pytest

from rubrics.content import LevelContent, passes
from rubrics.models import ScaleLevel


@pytest.mark.parametrize(
    ("score", "pass_score", "expected"),
    [(5, 3, True), (3, 3, True), (1, 3, False), (0, 0, True), (3, None, None), (None, 3, None)],
)
def test_passes_from_the_pass_score_up(score, pass_score, expected):
    assert passes(score, pass_score) is expected


def test_levels_with_result_marks_each_level(content):
    assert [(level.score, result) for level, result in content.levels_with_result] == [
        (5, True),
        (3, True),
        (1, False),
    ]


def test_levels_with_result_without_a_pass_score_decides_nothing(content):
    unset = replace(content, pass_score=None)
    assert [result for _level, result in unset.levels_with_result] == [None, None, None]
    assert [level for level, _result in unset.levels_with_result] == list(unset.levels)


def test_a_level_with_no_score_yet_decides_nothing(content):
    blank = replace(content, levels=(LevelContent(None, ()), *content.levels))
    assert blank.levels_with_result[0] == (LevelContent(None, ()), None)


def test_a_stored_level_follows_the_same_rule():
    assert ScaleLevel(score=3).passes(3) is True
    assert ScaleLevel(score=2).passes(3) is False
    assert ScaleLevel(score=2).passes(None) is None
