"""The rubric builder: RubricForm plus the rows, edited without JavaScript.

Every button ("Add level", "Move up", "Remove", ...) submits the whole form, the page comes
back with the change applied and everything typed so far kept, and only "Save" stores anything.
"""

import re

from django.core.exceptions import ValidationError

from common.editablelist import (
    ADD,
    REMOVE,
    Change,
    ListAction,
    apply_action,
    live_mover,
    parse_action,
)
from common.versions import VersionedForm
from rubrics.content import LevelContent, RubricContent, clean_line
from rubrics.forms.rows import CriterionRow, DisallowRow, LevelRow
from rubrics.forms.rubric import RubricForm
from rubrics.models import Rubric
from rubrics.validators import (
    CRITERIA_MAX,
    DISALLOWED_MAX,
    LEVELS_MAX,
    TEXT_MAX,
    Problem,
    rubric_problems,
)

_SCORE = re.compile(r"^\s*-?\d{1,6}\s*$")


def _count(data, name: str, limit: int) -> int:
    try:
        return max(0, min(int(data.get(name, "0")), limit))
    except (TypeError, ValueError):
        return 0


def _score(raw: str) -> int | None:
    return int(raw) if _SCORE.match(raw) else None


def _new_level() -> LevelRow:
    return LevelRow(score="", criteria=[CriterionRow("")])


def _new_criterion() -> CriterionRow:
    return CriterionRow("")


def _new_disallow() -> DisallowRow:
    return DisallowRow("")


class RubricBuilder:
    """The whole builder page: RubricForm plus the levels, criteria and disallowed rows."""

    # The lists the builder edits, by their name in the buttons -> how many parent indexes
    # pick one of them (a level's criteria are picked by the level).
    LISTS = {"level": 0, "criterion": 1, "disallow": 0}

    def __init__(
        self,
        data=None,
        *,
        content: RubricContent | None = None,
        choose_kind: bool = False,
        kind: str = Rubric.Kind.ARTIFACT,
    ):
        self.choose_kind = choose_kind
        self.scale_errors: list[str] = []
        self.disallow_errors: list[str] = []
        self.error_summary: list[tuple[str, str]] = []
        self.status = ""
        self.focus = ""
        self.text_max = TEXT_MAX
        if data is None:
            self._from_content(content, kind)
        else:
            self._from_data(data)
        self._renumber()

    def _from_content(self, content: RubricContent | None, kind: str) -> None:
        """A GET: the rubric's content, or two empty levels to start from."""
        content = content or RubricContent(
            objective="",
            levels=(LevelContent(None, ("",)), LevelContent(None, ("",))),
        )
        self.form = RubricForm(
            initial={
                "kind": kind,
                "title": content.title,
                "objective": content.objective,
                "pass_score": content.pass_score,
                "sources": content.sources,
            },
            choose_kind=self.choose_kind,
        )
        self.levels = [
            LevelRow(
                score="" if level.score is None else str(level.score),
                criteria=[CriterionRow(text) for text in level.criteria],
            )
            for level in content.levels
        ]
        self.disallowed = [DisallowRow(text) for text in content.disallowed]
        self.action = ""

    def _from_data(self, data) -> None:
        """A POST: what was typed, and which button sent it."""
        self.action = data.get("action", "save") or "save"
        if self.wants_save:
            self.form = RubricForm(data, choose_kind=self.choose_kind)
        else:
            # Not saving: show what was typed as it is, without judging it yet.
            names = (
                "kind",
                "title",
                "objective",
                "pass_score",
                "sources",
                *VersionedForm.base_fields,
            )
            self.form = RubricForm(
                initial={name: data.get(name, "") for name in names},
                choose_kind=self.choose_kind,
            )
        self.levels = [
            LevelRow(
                score=data.get(f"level-{i}-score", ""),
                criteria=[
                    CriterionRow(data.get(f"level-{i}-criterion-{j}", ""))
                    for j in range(_count(data, f"level-{i}-criterion-count", CRITERIA_MAX))
                ],
            )
            for i in range(_count(data, "level-count", LEVELS_MAX))
        ]
        self.disallowed = [
            DisallowRow(data.get(f"disallow-{k}", ""))
            for k in range(_count(data, "disallow-count", DISALLOWED_MAX))
        ]

    # --- Editing actions ----------------------------------------------------------------

    @property
    def wants_save(self) -> bool:
        return self.action == "save"

    def apply_action(self) -> None:
        """Carry out the button that was pressed (anything but Save); unknown ones do nothing."""
        action = parse_action(self.action, self.LISTS)
        if action is None or any(i >= len(self.levels) for i in action.parents):
            return  # a stale or tampered button: show the form as it is
        if action.name == "level":
            rows, new_row, limit = self.levels, _new_level, LEVELS_MAX
        elif action.name == "criterion":
            rows, new_row, limit = (
                self.levels[action.parents[0]].criteria,
                _new_criterion,
                CRITERIA_MAX,
            )
        else:
            rows, new_row, limit = self.disallowed, _new_disallow, DISALLOWED_MAX
        change = apply_action(rows, action, new_row=new_row, limit=limit)
        if change is None:
            return
        getattr(self, f"_{action.name}_changed")(action, change)
        self._renumber()
        self._refocus()

    def _level_changed(self, action: ListAction, change: Change) -> None:
        if change.full:
            self.status = f"A rubric has at most {LEVELS_MAX} levels."
            self._focus_on = ("add-level",)
        elif change.verb == ADD:
            self.status = f"Level {change.index + 1} added."
            self._focus_on = ("level-score", change.index)
        elif change.verb == REMOVE:
            self.status = f"Level {action.index + 1} removed."
            has_next = change.index is not None
            self._focus_on = ("level-score", change.index) if has_next else ("add-level",)
        else:
            self.status = f"Level moved; it is now level {change.index + 1}."
            self._focus_on = ("level-move", change.index, action.step)

    def _criterion_changed(self, action: ListAction, change: Change) -> None:
        (i,) = action.parents
        if change.full:
            self.status = f"A level has at most {CRITERIA_MAX} criteria."
            self._focus_on = ("add-criterion", i)
        elif change.verb == ADD:
            self.status = f"Criterion {change.index + 1} added to level {i + 1}."
            self._focus_on = ("criterion", i, change.index)
        elif change.verb == REMOVE:
            self.status = f"Criterion {action.index + 1} of level {i + 1} removed."
            has_next = change.index is not None
            self._focus_on = ("criterion", i, change.index) if has_next else ("add-criterion", i)
        else:
            self.status = (
                f"Criterion moved; it is now criterion {change.index + 1} of level {i + 1}."
            )
            self._focus_on = ("criterion-move", i, change.index, action.step)

    def _disallow_changed(self, action: ListAction, change: Change) -> None:
        if change.full:
            self.status = f"List at most {DISALLOWED_MAX} disallowed behaviours."
            self._focus_on = ("add-disallow",)
        elif change.verb == ADD:
            self.status = f"Disallowed behaviour {change.index + 1} added."
            self._focus_on = ("disallow", change.index)
        elif change.verb == REMOVE:
            self.status = f"Disallowed behaviour {action.index + 1} removed."
            has_next = change.index is not None
            self._focus_on = ("disallow", change.index) if has_next else ("add-disallow",)
        else:
            self.status = f"Disallowed behaviour moved; it is now number {change.index + 1}."
            self._focus_on = ("disallow-move", change.index, action.step)

    def _renumber(self) -> None:
        for i, level in enumerate(self.levels):
            level.index = i
            for j, criterion in enumerate(level.criteria):
                criterion.level, criterion.index = i, j
        for k, row in enumerate(self.disallowed):
            row.index = k

    def _refocus(self) -> None:
        """After a change, the keyboard continues where it was (see the autofocus in the page)."""
        target = getattr(self, "_focus_on", None)
        if not target:
            return
        kind, *at = target

        def mover(prefix: str, index: int, step: int, count: int) -> str:
            return f"{prefix}-{live_mover(index, step, count)}"

        if kind == "add-level":
            self.focus = "add-level"
        elif kind == "add-disallow":
            self.focus = "add-disallow"
        elif kind == "level-score":
            self.focus = self.levels[at[0]].score_id
        elif kind == "add-criterion":
            self.focus = f"level-{at[0]}-add-criterion"
        elif kind == "criterion":
            self.focus = self.levels[at[0]].criteria[at[1]].id
        elif kind == "disallow":
            self.focus = self.disallowed[at[0]].id
        elif kind == "level-move":
            self.focus = mover(f"level-{at[0]}", at[0], at[1], len(self.levels))
        elif kind == "criterion-move":
            count = len(self.levels[at[0]].criteria)
            self.focus = mover(f"level-{at[0]}-criterion-{at[1]}", at[1], at[2], count)
        elif kind == "disallow-move":
            self.focus = mover(f"disallow-{at[0]}", at[0], at[1], len(self.disallowed))

    # --- Saving ---------------------------------------------------------------------

    @property
    def kind(self) -> str:
        if not self.choose_kind:
            return Rubric.Kind.ARTIFACT
        return self.form.cleaned_data.get("kind") or Rubric.Kind.ARTIFACT

    @property
    def content(self) -> RubricContent:
        data = getattr(self.form, "cleaned_data", {})
        return RubricContent(
            title=data.get("title", ""),
            objective=data.get("objective", ""),
            pass_score=data.get("pass_score"),
            sources=data.get("sources", ""),
            levels=tuple(
                LevelContent(
                    score=_score(level.score),
                    criteria=tuple(clean_line(c.text) for c in level.criteria),
                )
                for level in self.levels
            ),
            disallowed=tuple(clean_line(row.text) for row in self.disallowed),
        )

    def is_valid(self) -> bool:
        form_valid = self.form.is_valid()
        problems = rubric_problems(self.content)
        for problem in problems:
            self.add_problem(problem)
        for name, errors in self.form.errors.items():
            if name in self.form.fields:
                label = self.form.fields[name].label.removesuffix(" (optional)")
                self.error_summary.extend((f"id_{name}", f"{label}: {e}") for e in errors)
        self.error_summary.sort(key=lambda item: self._order(item[0]))
        if problems or not form_valid:
            self.focus = "error-summary"
        return form_valid and not problems

    def add_problem(self, problem: Problem) -> None:
        """Show a broken rule at its field (form fields are summarised in is_valid)."""
        path, message = problem.path, problem.message
        head = path[0]
        if head in ("title", "objective", "pass_score", "sources"):
            self.form.add_error(head, message)
        elif head == "scale" and len(path) == 1:
            self.scale_errors.append(message)
            self.error_summary.append(("levels", f"Levels: {message}"))
        elif head == "scale":
            level = self.levels[path[1]]
            if len(path) >= 3 and path[2] == "score":
                level.score_errors.append(message)
                self.error_summary.append(
                    (level.score_id, f"Level {level.number} score: {message}")
                )
            elif len(path) >= 4:
                row = level.criteria[path[3]]
                row.errors.append(message)
                self.error_summary.append(
                    (row.id, f"Level {level.number}, criterion {row.number}: {message}")
                )
            else:
                level.errors.append(message)
                self.error_summary.append(
                    (f"{level.prefix}-add-criterion", f"Level {level.number}: {message}")
                )
        elif head == "disallow" and len(path) == 1:
            self.disallow_errors.append(message)
            self.error_summary.append(("disallowed", f"Disallowed behaviours: {message}"))
        elif head == "disallow":
            row = self.disallowed[path[1]]
            row.errors.append(message)
            self.error_summary.append((row.id, f"Disallowed behaviour {row.number}: {message}"))
        else:
            self.form.add_error(None, message)

    def add_error(self, error: ValidationError) -> None:
        """A refusal from the service (e.g. the kind of rubric), shown above the form."""
        for message in error.messages:
            self.form.add_error(None, message)
            self.error_summary.append(("builder-form", message))
        self.focus = "error-summary"

    def _order(self, anchor: str) -> int:
        """Summary entries in page order."""
        fixed = ["id_kind", "id_title", "id_objective", "levels"]
        if anchor in fixed:
            return fixed.index(anchor)
        match = re.match(r"^(?:id_)?level-(\d+)-", anchor)
        if match:
            return 10 + int(match[1])
        if anchor == "id_pass_score":
            return 100
        if anchor == "disallowed" or anchor.startswith("id_disallow"):
            return 101
        return 102 if anchor == "id_sources" else 103
