"""Depth and shape: the rule of PRODUCT.md, as pure functions.

Each domain has a depth 1-5; a domain without one counts as 2. Deep means depth >= 4;
breadth B is the number of domains at depth >= 2.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.text import get_text_list

DEPTH_LABELS = {1: "familiar", 2: "working", 3: "proficient", 4: "expert", 5: "authority"}
DEFAULT_DEPTH = 2
DEEP_DEPTH = 4
TOP_DEPTH = 5  # as deep as the scale goes: nothing left to deepen
BREADTH_DEPTH = 2
WIDE_BREADTH = 3


class Shape(StrEnum):
    EMERGING = "emerging"
    GENERALIST = "generalist"
    SPECIALIST = "specialist"
    T_SHAPED = "t_shaped"
    PI_SHAPED = "pi_shaped"
    COMB_SHAPED = "comb_shaped"

    @property
    def label(self) -> str:
        return SHAPE_LABELS[self]


SHAPE_LABELS = {
    Shape.EMERGING: "Emerging",
    Shape.GENERALIST: "Generalist",
    Shape.SPECIALIST: "Specialist",
    Shape.T_SHAPED: "T-shaped",
    Shape.PI_SHAPED: "π-shaped",
    Shape.COMB_SHAPED: "Comb-shaped",
}


@dataclass(frozen=True)
class DomainDepth:
    name: str
    depth: int

    @property
    def is_deep(self) -> bool:
        return self.depth >= DEEP_DEPTH

    @property
    def depth_label(self) -> str:
        return DEPTH_LABELS[self.depth]


@dataclass(frozen=True)
class ShapeResult:
    shape: Shape
    domains: tuple[DomainDepth, ...]
    deep: tuple[DomainDepth, ...]
    breadth: int
    reason: str

    @property
    def label(self) -> str:
        return self.shape.label


def domain_depths(domains: Iterable[tuple[str, int | None]]) -> tuple[DomainDepth, ...]:
    """Normalise (name, depth-or-None) pairs; a missing depth counts as 2."""
    return tuple(
        DomainDepth(name=name, depth=DEFAULT_DEPTH if depth is None else int(depth))
        for name, depth in domains
    )


def _names(domains: tuple[DomainDepth, ...]) -> str:
    return get_text_list([d.name for d in domains], "and")


def _domains(count: int) -> str:
    return f"{count} domain{'' if count == 1 else 's'}"


def _emerging_reason(domains: tuple[DomainDepth, ...], span: str) -> str:
    """Why a profile is still emerging, without counting "only 0 domains"."""
    if not domains:
        return "No domains yet: list the domains you can evaluate, each with its depth."
    if not any(d.depth >= BREADTH_DEPTH for d in domains):
        return "No domain at working depth or more yet, and none at expert depth."
    return f"Only {span} and no domain at expert depth yet."


def shape_of(domains: Iterable[tuple[str, int | None]]) -> ShapeResult:
    """The shape of a set of (domain, depth) pairs, with a one-sentence reason."""
    normalised = domain_depths(domains)
    deep = tuple(d for d in normalised if d.is_deep)
    breadth = sum(1 for d in normalised if d.depth >= BREADTH_DEPTH)
    wide = breadth >= WIDE_BREADTH
    span = f"{_domains(breadth)} at working depth or more"

    if len(deep) >= 3:
        shape = Shape.COMB_SHAPED
        reason = f"{len(deep)} deep domains ({_names(deep)}) make a comb."
    elif len(deep) == 2:
        shape = Shape.PI_SHAPED if wide else Shape.SPECIALIST
        reason = (
            f"Two deep pillars ({_names(deep)}) across {span} make a π."
            if wide
            else f"Two deep domains ({_names(deep)}) but only {span}: depth without breadth."
        )
    elif len(deep) == 1:
        shape = Shape.T_SHAPED if wide else Shape.SPECIALIST
        reason = (
            f"One deep domain ({deep[0].name}) across {span} makes a T."
            if wide
            else f"One deep domain ({deep[0].name}) and only {span}: depth without breadth."
        )
    else:
        shape = Shape.GENERALIST if wide else Shape.EMERGING
        reason = (
            f"Breadth across {span} with no domain at expert depth yet."
            if wide
            else _emerging_reason(normalised, span)
        )
    return ShapeResult(shape=shape, domains=normalised, deep=deep, breadth=breadth, reason=reason)


# One example per shape, for the landing page and the documentation of the rule.
EXAMPLES: dict[Shape, tuple[tuple[str, int], ...]] = {
    Shape.GENERALIST: (("reasoning", 3), ("writing", 3), ("coding", 2), ("finance", 2)),
    Shape.SPECIALIST: (("clinical medicine", 5), ("pharmacology", 1)),
    Shape.T_SHAPED: (("statistics", 2), ("finance", 5), ("writing", 3), ("coding", 2)),
    Shape.PI_SHAPED: (("law", 2), ("contracts", 5), ("writing", 3), ("NLP", 4), ("policy", 2)),
    Shape.COMB_SHAPED: (("security", 4), ("compilers", 5), ("math", 4), ("writing", 3)),
}
