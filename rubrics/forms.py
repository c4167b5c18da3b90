"""The rubric builder and the import form. Forms convert and validate; they never write.

The builder works without JavaScript: every button ("Add level", "Move up",
"Remove", ...) submits the whole form, the page comes back with the change
applied and everything typed so far kept, and only "Save" stores anything.
"""

import re
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError

from common.forms import FileOrPasteForm
from common.versions import VersionedForm
from rubrics import documents
from rubrics.content import LevelContent, RubricContent, clean_block, clean_line
from rubrics.models import Rubric
from rubrics.validators import (
    CRITERIA_MAX,
    DISALLOWED_MAX,
    LEVELS_MAX,
    OBJECTIVE_MAX,
    SCORE_MAX,
    SCORE_MIN,
    SOURCES_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Problem,
    rubric_problems,
)

KIND_CHOICES = [
    (Rubric.Kind.REVIEW.value, "Review rubric — reviewers score portfolios with it"),
    (Rubric.Kind.ARTIFACT.value, "Portfolio rubric — your own artifact"),
]


class RubricForm(VersionedForm):
    """The rubric's own fields; the scale is handled by RubricBuilder around it."""

    kind = forms.ChoiceField(
        label="Kind of rubric", choices=KIND_CHOICES, widget=forms.RadioSelect, required=False
    )
    title = forms.CharField(
        label="Title (optional)",
        required=False,
        help_text="Shown in lists. Without one, the objective names the rubric.",
        widget=forms.TextInput(attrs={"maxlength": TITLE_MAX}),
    )
    objective = forms.CharField(
        label="Objective",
        required=False,  # the rule in validators.py says what is missing
        help_text="What the rubric measures, e.g. “Assess step-by-step reasoning clarity "
        "and correctness”.",
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": OBJECTIVE_MAX}),
    )
    pass_score = forms.IntegerField(
        label="Lowest passing score (optional)",
        required=False,
        help_text="Levels with this score or higher pass; the levels below fail.",
        widget=forms.NumberInput(
            attrs={"min": SCORE_MIN, "max": SCORE_MAX, "step": 1, "class": "score-input"}
        ),
    )
    sources = forms.CharField(
        label="Sources (optional)",
        required=False,
        help_text="Standards, regulations or textbooks the criteria come from, one per line.",
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": SOURCES_MAX}),
    )

    def __init__(self, *args, choose_kind: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not choose_kind:
            del self.fields["kind"]

    def clean_title(self) -> str:
        return clean_line(self.cleaned_data["title"])

    def clean_objective(self) -> str:
        return clean_block(self.cleaned_data["objective"])

    def clean_sources(self) -> str:
        return clean_block(self.cleaned_data["sources"])


@dataclass
class CriterionRow:
    text: str
    errors: list[str] = field(default_factory=list)
    level: int = 0
    index: int = 0

    @property
    def name(self) -> str:
        return f"level-{self.level}-criterion-{self.index}"

    @property
    def id(self) -> str:
        return f"id_{self.name}"

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def up_id(self) -> str:
        return f"{self.name}-up"

    @property
    def down_id(self) -> str:
        return f"{self.name}-down"


@dataclass
class LevelRow:
    score: str
    criteria: list[CriterionRow]
    score_errors: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    index: int = 0

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def prefix(self) -> str:
        return f"level-{self.index}"

    @property
    def score_id(self) -> str:
        return f"id_{self.prefix}-score"

    @property
    def up_id(self) -> str:
        return f"{self.prefix}-up"

    @property
    def down_id(self) -> str:
        return f"{self.prefix}-down"

    @property
    def add_criterion_id(self) -> str:
        return f"{self.prefix}-add-criterion"

    @property
    def has_errors(self) -> bool:
        return bool(self.score_errors or self.errors or any(c.errors for c in self.criteria))


@dataclass
class DisallowRow:
    text: str
    errors: list[str] = field(default_factory=list)
    index: int = 0

    @property
    def name(self) -> str:
        return f"disallow-{self.index}"

    @property
    def id(self) -> str:
        return f"id_{self.name}"

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def up_id(self) -> str:
        return f"{self.name}-up"

    @property
    def down_id(self) -> str:
        return f"{self.name}-down"


_ACTION = re.compile(r"^(?P<verb>[a-z]+(?:-[a-z]+)*?)(?:-(?P<a>\d{1,3}))?(?:-(?P<b>\d{1,3}))?$")
_SCORE = re.compile(r"^\s*-?\d{1,6}\s*$")


def _count(data, name: str, limit: int) -> int:
    try:
        return max(0, min(int(data.get(name, "0")), limit))
    except (TypeError, ValueError):
        return 0


def _score(raw: str) -> int | None:
    return int(raw) if _SCORE.match(raw) else None


def _move(items: list, index: int, step: int) -> bool:
    target = index + step
    if not (0 <= index < len(items) and 0 <= target < len(items)):
        return False
    items[index], items[target] = items[target], items[index]
    return True


class RubricBuilder:
    """The whole builder page: RubricForm plus the levels, criteria and disallowed rows."""

    # The value of a pressed button, without its numbers -> the method that carries it out.
    ACTIONS = {
        "add-level": "_add_level",
        "remove-level": "_remove_level",
        "level-up": "_level_up",
        "level-down": "_level_down",
        "add-criterion": "_add_criterion",
        "remove-criterion": "_remove_criterion",
        "criterion-up": "_criterion_up",
        "criterion-down": "_criterion_down",
        "add-disallow": "_add_disallow",
        "remove-disallow": "_remove_disallow",
        "disallow-up": "_disallow_up",
        "disallow-down": "_disallow_down",
    }

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
                choose_kind=choose_kind,
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
        else:
            self.action = data.get("action", "save") or "save"
            if self.wants_save:
                self.form = RubricForm(data, choose_kind=choose_kind)
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
                    initial={name: data.get(name, "") for name in names}, choose_kind=choose_kind
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
        self._renumber()

    # --- Editing actions ----------------------------------------------------------------

    @property
    def wants_save(self) -> bool:
        return self.action == "save"

    def apply_action(self) -> None:
        """Carry out the button that was pressed (anything but Save); unknown ones do nothing."""
        match = _ACTION.match(self.action)
        if match is None:
            return
        verb = match["verb"]
        a = int(match["a"]) if match["a"] else None
        b = int(match["b"]) if match["b"] else None
        if verb not in self.ACTIONS:
            return
        handler = getattr(self, self.ACTIONS[verb])
        try:
            handler(*[n for n in (a, b) if n is not None])
        except (IndexError, TypeError):
            return  # a stale or tampered button: show the form as it is
        self._renumber()
        self._refocus()

    def _add_level(self) -> None:
        if len(self.levels) >= LEVELS_MAX:
            self.status = f"A rubric has at most {LEVELS_MAX} levels."
            self._focus_on = ("add-level",)
            return
        self.levels.append(LevelRow(score="", criteria=[CriterionRow("")]))
        self.status = f"Level {len(self.levels)} added."
        self._focus_on = ("level-score", len(self.levels) - 1)

    def _remove_level(self, i: int) -> None:
        self.levels.pop(i)
        self.status = f"Level {i + 1} removed."
        target = min(i, len(self.levels) - 1)
        self._focus_on = ("level-score", target) if target >= 0 else ("add-level",)

    def _level_up(self, i: int) -> None:
        self._move_level(i, -1)

    def _level_down(self, i: int) -> None:
        self._move_level(i, 1)

    def _move_level(self, i: int, step: int) -> None:
        if _move(self.levels, i, step):
            self.status = f"Level moved; it is now level {i + step + 1}."
            self._focus_on = ("level-move", i + step, step)

    def _add_criterion(self, i: int) -> None:
        level = self.levels[i]
        if len(level.criteria) >= CRITERIA_MAX:
            self.status = f"A level has at most {CRITERIA_MAX} criteria."
            self._focus_on = ("add-criterion", i)
            return
        level.criteria.append(CriterionRow(""))
        self.status = f"Criterion {len(level.criteria)} added to level {i + 1}."
        self._focus_on = ("criterion", i, len(level.criteria) - 1)

    def _remove_criterion(self, i: int, j: int) -> None:
        criteria = self.levels[i].criteria
        criteria.pop(j)
        self.status = f"Criterion {j + 1} of level {i + 1} removed."
        target = min(j, len(criteria) - 1)
        self._focus_on = ("criterion", i, target) if target >= 0 else ("add-criterion", i)

    def _criterion_up(self, i: int, j: int) -> None:
        self._move_criterion(i, j, -1)

    def _criterion_down(self, i: int, j: int) -> None:
        self._move_criterion(i, j, 1)

    def _move_criterion(self, i: int, j: int, step: int) -> None:
        if _move(self.levels[i].criteria, j, step):
            self.status = f"Criterion moved; it is now criterion {j + step + 1} of level {i + 1}."
            self._focus_on = ("criterion-move", i, j + step, step)

    def _add_disallow(self) -> None:
        if len(self.disallowed) >= DISALLOWED_MAX:
            self.status = f"List at most {DISALLOWED_MAX} disallowed behaviours."
            self._focus_on = ("add-disallow",)
            return
        self.disallowed.append(DisallowRow(""))
        self.status = f"Disallowed behaviour {len(self.disallowed)} added."
        self._focus_on = ("disallow", len(self.disallowed) - 1)

    def _remove_disallow(self, k: int) -> None:
        self.disallowed.pop(k)
        self.status = f"Disallowed behaviour {k + 1} removed."
        target = min(k, len(self.disallowed) - 1)
        self._focus_on = ("disallow", target) if target >= 0 else ("add-disallow",)

    def _disallow_up(self, k: int) -> None:
        self._move_disallow(k, -1)

    def _disallow_down(self, k: int) -> None:
        self._move_disallow(k, 1)

    def _move_disallow(self, k: int, step: int) -> None:
        if _move(self.disallowed, k, step):
            self.status = f"Disallowed behaviour moved; it is now number {k + step + 1}."
            self._focus_on = ("disallow-move", k + step, step)

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
            # Keep moving in the same direction; at the end, the other button is the live one.
            up_ok, down_ok = index > 0, index < count - 1
            direction = "up" if (step < 0 and up_ok) or not down_ok else "down"
            return f"{prefix}-{direction}"

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


class RubricImportForm(FileOrPasteForm):
    max_bytes = documents.MAX_BYTES
    both_message = "Use either a file or pasted YAML, not both."
    neither_message = "Choose a YAML file or paste the YAML."

    file = forms.FileField(
        label="YAML file",
        required=False,
        help_text=f"A .yaml or .yml file of at most {documents.MAX_BYTES // 1024} KB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml,application/yaml,text/yaml"}),
    )
    text = forms.CharField(
        label="Or paste the YAML",
        required=False,
        strip=False,  # indentation is meaning in YAML
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false", "class": "font-monospace"}),
    )
    kind = forms.ChoiceField(
        label="Kind of rubric", choices=KIND_CHOICES, widget=forms.RadioSelect, required=False
    )

    def __init__(self, *args, choose_kind: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not choose_kind:
            del self.fields["kind"]
        else:
            self.fields["kind"].initial = Rubric.Kind.REVIEW

    def file_too_large_message(self, size: int) -> str:
        return (
            f"The file is {size:,} bytes; the limit is "
            f"{documents.MAX_BYTES // 1024} KB ({documents.MAX_BYTES:,} bytes)."
        )

    def clean(self) -> dict:
        data = super().clean()
        if self.read_source():
            try:
                self.content = documents.content_from_yaml(self.source)
            except ValidationError as error:
                self.add_source_error(error)
        return data
