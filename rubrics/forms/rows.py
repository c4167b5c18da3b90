"""The builder's rows: levels with their criteria, and disallowed behaviours, each
named and numbered for the page."""

from dataclasses import dataclass, field


@dataclass
class TextRow:
    """A one-line row with its move buttons; `name` is its field's name in the form."""

    text: str
    errors: list[str] = field(default_factory=list)
    index: int = 0

    @property
    def name(self) -> str:
        raise NotImplementedError

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
class CriterionRow(TextRow):
    level: int = 0

    @property
    def name(self) -> str:
        return f"level-{self.level}-criterion-{self.index}"


@dataclass
class DisallowRow(TextRow):
    @property
    def name(self) -> str:
        return f"disallow-{self.index}"


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
