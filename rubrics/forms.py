"""The rubric builder and the import form. Forms convert and validate; they never write.

The builder works without JavaScript: every button ("Add level", "Move up",
"Remove", ...) submits the whole form, the page comes back with the change
applied and everything typed so far kept, and only "Save" stores anything.
"""

import re
from dataclasses import dataclass, field

from django import forms
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
from common.forms import FileOrPasteForm
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


class RubricForm(forms.Form):
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
            names = ("kind", "title", "objective", "pass_score", "sources")
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
