"""The no-JavaScript list editors' buttons: read, then carried out on a plain list."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.editablelist import (
    ListAction,
    apply_action,
    live_mover,
    parse_action,
)

RUBRIC = {"level": 0, "criterion": 1, "disallow": 0}
ONE_LIST = {"": 0}


@pytest.mark.parametrize(
    ("value", "lists", "expected"),
    [
        ("add-level", RUBRIC, ListAction("add", "level")),
        ("remove-level-3", RUBRIC, ListAction("remove", "level", (), 3)),
        ("level-up-2", RUBRIC, ListAction("up", "level", (), 2)),
        ("add-criterion-1", RUBRIC, ListAction("add", "criterion", (1,))),
        ("criterion-down-1-4", RUBRIC, ListAction("down", "criterion", (1,), 4)),
        ("remove-criterion-0-2", RUBRIC, ListAction("remove", "criterion", (0,), 2)),
        ("add", ONE_LIST, ListAction("add", "")),
        ("remove-7", ONE_LIST, ListAction("remove", "", (), 7)),
        ("up-1", ONE_LIST, ListAction("up", "", (), 1)),
    ],
)
def test_parse_action_reads_the_buttons_the_templates_send(value, lists, expected):
    assert parse_action(value, lists) == expected


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "save",
        "add-level-1",
        "remove-level",
        "add-criterion",
        "level-up-1-2",
        "sideways-1",
        "remove-abc",
        "remove--1",
        "remove-1234",
        "add-nothing",
        "REMOVE-1",
    ],
)
def test_parse_action_ignores_anything_else(value):
    assert parse_action(value, RUBRIC) is None
    assert parse_action(value, ONE_LIST) is None


def test_apply_action_adds_up_to_the_limit():
    rows = ["a"]
    change = apply_action(rows, ListAction("add", ""), new_row=str, limit=2)
    assert (rows, change.index, change.full) == (["a", ""], 1, False)
    change = apply_action(rows, ListAction("add", ""), new_row=str, limit=2)
    assert (rows, change.index, change.full) == (["a", ""], None, True)


def test_apply_action_removes_and_says_which_row_took_its_place():
    rows = ["a", "b", "c"]
    assert apply_action(rows, ListAction("remove", "", (), 2), new_row=str, limit=9).index == 1
    assert apply_action(rows, ListAction("remove", "", (), 0), new_row=str, limit=9).index == 0
    assert apply_action(rows, ListAction("remove", "", (), 0), new_row=str, limit=9).index is None
    assert rows == []


def test_apply_action_moves_within_the_list_only():
    rows = ["a", "b"]
    assert apply_action(rows, ListAction("up", "", (), 0), new_row=str, limit=9) is None
    assert apply_action(rows, ListAction("down", "", (), 1), new_row=str, limit=9) is None
    assert apply_action(rows, ListAction("remove", "", (), 2), new_row=str, limit=9) is None
    assert apply_action(rows, ListAction("down", "", (), 0), new_row=str, limit=9).index == 1
    assert rows == ["b", "a"]


@given(
    st.lists(st.integers(), max_size=6),
    st.sampled_from(["up", "down", "remove"]),
    st.integers(0, 7),
)
def test_apply_action_keeps_every_other_row(rows, verb, index):
    before = list(rows)
    change = apply_action(rows, ListAction(verb, "", (), index), new_row=int, limit=10)
    if change is None:
        assert rows == before
    elif verb == "remove":
        assert rows == before[:index] + before[index + 1 :]
    else:
        assert sorted(rows) == sorted(before) and rows[change.index] == before[index]


def test_live_mover_keeps_the_direction_until_the_end():
    assert live_mover(1, -1, 3) == "up"
    assert live_mover(0, -1, 3) == "down"
    assert live_mover(1, 1, 3) == "down"
    assert live_mover(2, 1, 3) == "up"
