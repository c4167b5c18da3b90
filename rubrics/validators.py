"""The rules a rubric must keep, as plain functions.

Every way in (the builder, YAML import, the admin, management commands) ends in
rubric_problems(), which names each broken rule with the path of the part that
breaks it, e.g. ("scale", 1, "score") — shown at that field in the builder and
as `rubric.scale[1].score` in a YAML error.
"""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from rubrics.content import RubricContent

TITLE_MAX = 120
OBJECTIVE_MAX = 500
SOURCES_MAX = 2000
TEXT_MAX = 300  # one criterion or one disallowed behaviour
SCORE_MIN, SCORE_MAX = 0, 100
LEVELS_MIN, LEVELS_MAX = 2, 10
CRITERIA_MIN, CRITERIA_MAX = 1, 10
DISALLOWED_MAX = 20

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One broken rule and where it is."""

    path: Path
    message: str

    def located(self, root: Path = ()) -> str:
        return f"{format_path(root + self.path)}: {self.message}"


class RubricInvalid(ValidationError):
    """A ValidationError that keeps each problem's path for whoever shows it."""

    def __init__(self, problems: Sequence[Problem], root: Path = ()):
        self.problems = tuple(problems)
        self.root = root
        super().__init__([problem.located(root) for problem in self.problems])


def format_path(path: Path) -> str:
    """("rubric", "scale", 1, "score") -> "rubric.scale[1].score"."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = str(part) if len(str(part)) <= 40 else str(part)[:39] + "…"
            text += f".{name}" if text else name
    return text or "the document"


def _check_characters(value: str, *, one_line: bool) -> None:
    for char in value:
        if char in "\n\t" and not one_line:
            continue
        if char in "\n\r\u2028\u2029\x85" and one_line:
            raise ValidationError("Keep this on one line.", code="line_break")
        if unicodedata.category(char) in ("Cc", "Cs"):
            raise ValidationError(
                f"Remove the control character U+{ord(char):04X} from this text.",
                code="control_character",
            )


def _check_length(value: str, limit: int, what: str) -> None:
    if len(value) > limit:
        raise ValidationError(
            f"Keep {what} to {limit} characters (it has {len(value)}).", code="too_long"
        )


def validate_title(value: str) -> None:
    """Optional: a rubric without a title is shown by its objective."""
    _check_length(value, TITLE_MAX, "the title")
    _check_characters(value, one_line=True)


def validate_objective(value: str) -> None:
    if not value.strip():
        raise ValidationError(
            "Write the objective: what this rubric measures.", code="objective_missing"
        )
    _check_length(value, OBJECTIVE_MAX, "the objective")
    _check_characters(value, one_line=False)


def validate_sources(value: str) -> None:
    _check_length(value, SOURCES_MAX, "the sources")
    _check_characters(value, one_line=False)


def validate_score(value: int | None) -> None:
    if value is None:
        raise ValidationError(
            f"Give this level a score: a whole number from {SCORE_MIN} to {SCORE_MAX}.",
            code="score_missing",
        )
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError("The score must be a whole number.", code="score_type")
    if not SCORE_MIN <= value <= SCORE_MAX:
        raise ValidationError(
            f"Use a whole number from {SCORE_MIN} to {SCORE_MAX} (not {value}).",
            code="score_range",
        )


def validate_score_unique(value: int, earlier: Sequence[int | None]) -> None:
    """earlier: the scores of the levels above this one."""
    if value in earlier:
        first = list(earlier).index(value) + 1
        raise ValidationError(
            f"Score {value} is already used by level {first}; each level needs its own score.",
            code="score_duplicate",
        )


def validate_level_count(count: int) -> None:
    if count < LEVELS_MIN:
        raise ValidationError(
            f"A rubric needs at least {LEVELS_MIN} levels so that answers can be told apart "
            f"(it has {count}).",
            code="too_few_levels",
        )
    if count > LEVELS_MAX:
        raise ValidationError(
            f"A rubric has at most {LEVELS_MAX} levels (it has {count}).", code="too_many_levels"
        )


def validate_criterion(value: str) -> None:
    if not value.strip():
        raise ValidationError("Write the criterion or remove it.", code="criterion_blank")
    _check_length(value, TEXT_MAX, "each criterion")
    _check_characters(value, one_line=True)


def validate_level_criteria(criteria: Sequence[str]) -> None:
    """The list of one level's criteria as a whole (each text is checked on its own)."""
    if len(criteria) < CRITERIA_MIN:
        raise ValidationError(
            "Give this level at least one criterion: what an answer must show to earn it.",
            code="no_criteria",
        )
    if len(criteria) > CRITERIA_MAX:
        raise ValidationError(
            f"A level has at most {CRITERIA_MAX} criteria (this one has {len(criteria)}).",
            code="too_many_criteria",
        )


def validate_disallowed(value: str) -> None:
    if not value.strip():
        raise ValidationError(
            "Describe the disallowed behaviour or remove it.", code="disallowed_blank"
        )
    _check_length(value, TEXT_MAX, "each disallowed behaviour")
    _check_characters(value, one_line=True)


def validate_disallowed_count(count: int) -> None:
    if count > DISALLOWED_MAX:
        raise ValidationError(
            f"List at most {DISALLOWED_MAX} disallowed behaviours (there are {count}).",
            code="too_many_disallowed",
        )


def validate_not_repeated(value: str, earlier: Sequence[str], what: str) -> None:
    if value.strip() and value.strip().casefold() in {e.strip().casefold() for e in earlier}:
        raise ValidationError(f"This {what} is already listed above.", code="repeated")


def validate_pass_score(value: int | None, scores: Sequence[int]) -> None:
    """Optional; when set it must be a level's score and leave at least one level failing."""
    if value is None:
        return
    if value not in scores:
        listed = ", ".join(str(score) for score in sorted(set(scores), reverse=True))
        raise ValidationError(
            f"The passing score must be one of the levels' scores ({listed or 'none yet'}).",
            code="pass_score_unknown",
        )
    if value == min(scores):
        raise ValidationError(
            f"Every level would pass: choose a score above the lowest one ({min(scores)}).",
            code="pass_score_lowest",
        )


def _collect(problems: list[Problem], path: Path, check, *args) -> bool:
    try:
        check(*args)
    except ValidationError as error:
        problems.extend(Problem(path, message) for message in error.messages)
        return False
    return True


def rubric_problems(content: RubricContent) -> list[Problem]:
    """Every broken rule in the content, in reading order; empty when the rubric is valid."""
    problems: list[Problem] = []
    _collect(problems, ("title",), validate_title, content.title)
    _collect(problems, ("objective",), validate_objective, content.objective)
    _collect(problems, ("scale",), validate_level_count, len(content.levels))
    earlier_scores: list[int | None] = []
    for index, level in enumerate(content.levels):
        score_path = ("scale", index, "score")
        if _collect(problems, score_path, validate_score, level.score):
            _collect(problems, score_path, validate_score_unique, level.score, earlier_scores)
        earlier_scores.append(level.score)
        criteria_path = ("scale", index, "criteria")
        _collect(problems, criteria_path, validate_level_criteria, level.criteria)
        for position, text in enumerate(level.criteria):
            path = (*criteria_path, position)
            if _collect(problems, path, validate_criterion, text):
                _collect(
                    problems,
                    path,
                    validate_not_repeated,
                    text,
                    level.criteria[:position],
                    "criterion",
                )
    valid_scores = [
        level.score
        for level in content.levels
        if isinstance(level.score, int) and SCORE_MIN <= level.score <= SCORE_MAX
    ]
    _collect(problems, ("pass_score",), validate_pass_score, content.pass_score, valid_scores)
    _collect(problems, ("disallow",), validate_disallowed_count, len(content.disallowed))
    for position, text in enumerate(content.disallowed):
        path = ("disallow", position)
        if _collect(problems, path, validate_disallowed, text):
            _collect(
                problems,
                path,
                validate_not_repeated,
                text,
                content.disallowed[:position],
                "behaviour",
            )
    _collect(problems, ("sources",), validate_sources, content.sources)
    return problems


def validate_rubric_content(content: RubricContent, root: Path = ()) -> None:
    """Raise RubricInvalid naming every broken rule, or return quietly."""
    problems = rubric_problems(content)
    if problems:
        raise RubricInvalid(problems, root)
