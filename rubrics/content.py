"""A rubric's content as plain values, independent of how it is stored.

The builder, YAML import, the admin and the database all meet here: each turns
its input into a RubricContent, the validators judge it, and the services store it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class LevelContent:
    """One level of the scale. The score is None while a builder row has no number yet."""

    score: int | None
    criteria: tuple[str, ...]


@dataclass(frozen=True)
class RubricContent:
    objective: str
    levels: tuple[LevelContent, ...]
    disallowed: tuple[str, ...] = ()
    title: str = ""
    sources: str = ""
    # The lowest score that passes; levels below it fail.
    pass_score: int | None = None

    @property
    def scores(self) -> tuple[int, ...]:
        return tuple(level.score for level in self.levels if level.score is not None)

    @property
    def display_title(self) -> str:
        return display_title(self.title, self.objective)

    @property
    def levels_with_result(self) -> tuple[tuple[LevelContent, bool | None], ...]:
        """Each level with whether it passes (None throughout when no pass score is set)."""
        return tuple((level, passes(level.score, self.pass_score)) for level in self.levels)


def passes(score: int | None, pass_score: int | None) -> bool | None:
    """A level passes when its score reaches the pass score; None when there is no pass
    score (or no score yet), so pass and fail are not shown at all."""
    if score is None or pass_score is None:
        return None
    return score >= pass_score


def display_title(title: str, objective: str) -> str:
    """A rubric without a title is known by its objective (the seed example has no title)."""
    if title:
        return title
    if len(objective) <= 80:
        return objective or "Untitled rubric"
    return objective[:79].rstrip() + "…"


def clean_line(text: str) -> str:
    """One-line texts (title, criteria, disallowed behaviours): surrounding space removed."""
    return text.strip()


def clean_block(text: str) -> str:
    """Multi-line texts (objective, sources): one kind of line break, no surrounding space."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()
