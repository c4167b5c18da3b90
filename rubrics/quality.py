"""The article's quality checklist, computed from an artifact's data.

"Quality that travels: a checklist you can reuse" — the same five checks apply to
every artifact (rubrics here; benchmarks and test plans reuse ChecklistItem,
Checklist and the keys below). An item is met (True), missing (False) or not
applicable to this kind of artifact (None); `detail` says what is there or what
is missing.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from rubrics.content import RubricContent, passes
from rubrics.models import Rubric
from rubrics.queries import rubric_content

GOAL = "goal"
PASS_FAIL = "pass_fail"  # noqa: S105 - a checklist key, not a password
ADVERSARIAL = "adversarial"
SOURCES = "sources"
PILOT = "pilot"

LABELS = {
    GOAL: "Goal defined in measurable terms",
    PASS_FAIL: "Explicit pass/fail and gradations",
    ADVERSARIAL: "Adversarial cases and tricky edge conditions",
    SOURCES: "Sources documented",
    PILOT: "Piloted on 10–20 items",
}
PILOT_MIN, PILOT_MAX = 10, 20


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    met: bool | None
    detail: str = ""

    @property
    def status(self) -> str:
        """met, missing or not_applicable: for templates and CSS classes."""
        if self.met is None:
            return "not_applicable"
        return "met" if self.met else "missing"


@dataclass(frozen=True)
class Checklist:
    items: tuple[ChecklistItem, ...]

    def __iter__(self) -> Iterator[ChecklistItem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def applicable(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for item in self.items if item.met is not None)

    @property
    def met(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for item in self.items if item.met)

    @property
    def missing(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for item in self.items if item.met is False)

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def summary(self) -> str:
        return f"{len(self.met)} of {len(self.applicable)} quality checks met"


def item(key: str, met: bool | None, detail: str = "") -> ChecklistItem:
    return ChecklistItem(key=key, label=LABELS[key], met=met, detail=detail)


@dataclass(frozen=True)
class RubricShape:
    """What the checklist reads of a rubric: no criterion text, the behaviours counted."""

    objective: str
    scores: tuple[int, ...]  # the levels' scores, in the rubric's order
    level_count: int
    pass_score: int | None
    disallowed_count: int
    sources: str

    @classmethod
    def of_content(cls, content: RubricContent) -> "RubricShape":
        return cls(
            objective=content.objective,
            scores=content.scores,
            level_count=len(content.levels),
            pass_score=content.pass_score,
            disallowed_count=len(content.disallowed),
            sources=content.sources,
        )

    @classmethod
    def of_listed(cls, rubric: Rubric) -> "RubricShape":
        """A rubric from queries.listed(): its scores kept with it, behaviours counted."""
        scores = rubric.listed_scores
        return cls(
            objective=rubric.objective,
            scores=scores,
            level_count=len(scores),
            pass_score=rubric.pass_score,
            disallowed_count=rubric.disallowed_count,
            sources=rubric.sources,
        )


def _scale_words(shape: RubricShape) -> str:
    scores = shape.scores
    if not scores:
        return "no scored levels yet"
    return f"{shape.level_count} levels, from {min(scores)} to {max(scores)}"


def shape_checklist(shape: RubricShape) -> Checklist:
    goal = item(
        GOAL,
        bool(shape.objective) and len(shape.scores) >= 2,
        f"The objective is scored on {_scale_words(shape)}."
        if shape.objective
        else "Write the objective: what the rubric measures.",
    )

    missing = []
    if shape.pass_score is None:
        missing.append("set the lowest passing score so that pass and fail are explicit")
    if shape.level_count < 3:
        missing.append("add a level between the best and the worst so partial work has a grade")
    if missing:
        pass_fail_detail = "To do: " + "; ".join(missing) + "."
    else:
        passing = sum(1 for score in shape.scores if passes(score, shape.pass_score))
        pass_fail_detail = (
            f"Scores {shape.pass_score} and up pass ({passing} of {shape.level_count} "
            "levels); every level has its own criteria."
        )
    pass_fail = item(PASS_FAIL, not missing, pass_fail_detail)

    count = shape.disallowed_count
    adversarial = item(
        ADVERSARIAL,
        count > 0,
        f"{count} disallowed behaviour{'s fail' if count != 1 else ' fails'} a response "
        "whatever its score."
        if count
        else "To do: list the behaviours that fail a response whatever its score "
        "(for example fabricated citations or unsafe advice).",
    )
    sources = item(
        SOURCES,
        bool(shape.sources),
        "Sources are listed."
        if shape.sources
        else "To do: name the standards, regulations or textbooks the criteria come from.",
    )
    pilot = item(
        PILOT,
        None,
        f"Applies to benchmarks: a rubric is piloted by scoring {PILOT_MIN} to {PILOT_MAX} "
        "benchmark items with it.",
    )
    return Checklist((goal, pass_fail, adversarial, sources, pilot))


def content_checklist(content: RubricContent) -> Checklist:
    return shape_checklist(RubricShape.of_content(content))


def listed_rubric_checklist(rubric: Rubric) -> Checklist:
    """The checklist of a rubric from queries.listed(): the same as rubric_checklist(), without
    reading its criteria or behaviours."""
    return shape_checklist(RubricShape.of_listed(rubric))


def rubric_checklist(rubric: Rubric | RubricContent) -> Checklist:
    """The quality checklist of a stored rubric (with its scale prefetched) or of content."""
    if isinstance(rubric, RubricContent):
        return content_checklist(rubric)
    return content_checklist(rubric_content(rubric))
