"""The list editors that work without JavaScript: every row button (add, remove, move up, move
down) submits the whole form, and the page comes back with the change made and nothing typed
lost. This module reads which button was pressed and makes the change on a plain list; each
editor words its notices and decides where the keyboard lands.

Button values, as the templates send them (`name` is the list's name in the form):
    add-<name>[-<parent>...]          add a row at the end (of the list under those parents)
    remove-<name>-[<parent>-...]<i>   remove row i
    <name>-up-[<parent>-...]<i>       move row i up; <name>-down-... moves it down
A form that edits one list leaves the name out: add, remove-<i>, up-<i>, down-<i>.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

ADD, REMOVE, UP, DOWN = "add", "remove", "up", "down"
STEPS = {UP: -1, DOWN: 1}

_BUTTON = re.compile(r"^(?P<words>[a-z]+(?:-[a-z]+)*)(?P<numbers>(?:-\d{1,3})*)$")

Row = TypeVar("Row")


@dataclass(frozen=True)
class ListAction:
    """A pressed row button: what to do, to which list, and where. `parents` picks the list
    (a criterion list sits under a level), `index` the row (None for add)."""

    verb: str
    name: str
    parents: tuple[int, ...] = ()
    index: int | None = None

    @property
    def step(self) -> int:
        return STEPS.get(self.verb, 0)


def parse_action(value: str | None, lists: Mapping[str, int]) -> ListAction | None:
    """The button behind `value`, or None for anything else (Save, a stale or tampered value).

    `lists` maps each list's name to how many parent indexes pick one of its lists: {"level":
    0, "criterion": 1} for criteria that sit under levels, {"": 0} for a form with one list.
    """
    match = _BUTTON.match(value or "")
    if match is None:
        return None
    words = match["words"].split("-")
    numbers = tuple(int(n) for n in match["numbers"].split("-")[1:])
    if words[0] in (ADD, REMOVE):
        verb, name = words[0], "-".join(words[1:])
    elif words[-1] in STEPS:
        verb, name = words[-1], "-".join(words[:-1])
    else:
        return None
    if name not in lists:
        return None
    depth = lists[name]
    if verb == ADD:
        return ListAction(verb, name, numbers) if len(numbers) == depth else None
    if len(numbers) != depth + 1:
        return None
    return ListAction(verb, name, numbers[:-1], numbers[-1])


@dataclass(frozen=True)
class Change:
    """What apply_action() did. `index`: the row added or moved, or the row that took a removed
    one's place (None when the list is now empty). `full`: nothing added, the list is full."""

    verb: str
    index: int | None
    full: bool = False


def apply_action(
    rows: list[Row], action: ListAction, *, new_row: Callable[[], Row], limit: int
) -> Change | None:
    """Make the change on `rows` in place; None when the button points nowhere (a row that is
    not there, a first row moved up) and nothing changed."""
    if action.verb == ADD:
        if len(rows) >= limit:
            return Change(ADD, None, full=True)
        rows.append(new_row())
        return Change(ADD, len(rows) - 1)
    index = action.index
    if index is None or not 0 <= index < len(rows):
        return None
    if action.verb == REMOVE:
        rows.pop(index)
        return Change(REMOVE, min(index, len(rows) - 1) if rows else None)
    target = index + action.step
    if not 0 <= target < len(rows):
        return None
    rows[index], rows[target] = rows[target], rows[index]
    return Change(action.verb, target)


def live_mover(index: int, step: int, count: int) -> str:
    """The move button a keyboard user stays on after a move: the same direction while the row
    can go on, the other one at the end of the list."""
    up_ok, down_ok = index > 0, index < count - 1
    return UP if (step < 0 and up_ok) or not down_ok else DOWN
