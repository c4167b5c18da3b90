"""How far along a list of things to do is: the profile's completeness and the onboarding
checklist both count the same way."""

from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar


class Doable(Protocol):
    @property
    def done(self) -> bool: ...


Item = TypeVar("Item", bound=Doable)


@dataclass(frozen=True)
class Progress(Generic[Item]):
    items: tuple[Item, ...]

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.items if item.done)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / self.total)

    @property
    def missing(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if not item.done)

    @property
    def first_missing(self) -> Item | None:
        return next((item for item in self.items if not item.done), None)

    @property
    def is_complete(self) -> bool:
        return self.first_missing is None
