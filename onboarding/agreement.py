"""Inter-rater agreement: Krippendorff's alpha, so staff can see how far reviewers agree.

alpha = 1 − D_o / D_e, the observed disagreement between the values coders gave the same
unit over the disagreement expected by chance (Krippendorff 2011, "Computing Krippendorff's
Alpha-Reliability"). Every unit with at least two values is "pairable"; units coded once or
not at all carry no information about agreement and are left out.

Conventions:
- No pairable values at all: there is nothing to measure, and alpha is None.
- Every pairable value is the same (D_e = 0): the data show no variation, so reliability
  cannot strictly be assessed; by convention alpha is 1.0 (the coders never disagreed) and
  `Agreement.no_variation` says so, so a page can say why the figure is 1.

Arithmetic is exact (fractions) and only the result is rounded to a float, so the figure
does not depend on the order of units, coders or values.
"""

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from numbers import Real
from typing import Any, Literal

Metric = Literal["nominal", "ordinal", "interval"]
METRICS: tuple[Metric, ...] = ("nominal", "ordinal", "interval")


@dataclass(frozen=True)
class Agreement:
    """Alpha over one set of units, with what it is based on."""

    alpha: float | None  # None: no unit was coded at least twice
    units: int  # units with two or more values (the pairable ones)
    values: int  # pairable values, n in Krippendorff's notation
    coders: int  # coders who gave at least one pairable value
    no_variation: bool = False  # every pairable value identical: alpha 1.0 by convention


@dataclass(frozen=True)
class AgreementReport:
    """Alpha per category (e.g. per review rubric) and over all categories together."""

    metric: Metric
    overall: Agreement
    # In the order the categories first appear in the rows.
    by_category: dict[Hashable, Agreement] = field(default_factory=dict)


def krippendorff_alpha(data: Iterable[Sequence[Any]], *, metric: Metric) -> float | None:
    """Alpha of a reliability data matrix: one row per unit, one column per coder, None
    where a coder gave no value. Rows may be shorter than others (missing at the end)."""
    return measure_agreement(data, metric=metric).alpha


def measure_agreement(data: Iterable[Sequence[Any]], *, metric: Metric) -> Agreement:
    """Alpha of a units × coders matrix (see krippendorff_alpha), with its counts."""
    units: list[list[Any]] = []
    coders: set[int] = set()
    for row in data:
        coded = [(coder, value) for coder, value in enumerate(row) if value is not None]
        if len(coded) >= 2:
            units.append([value for _, value in coded])
            coders.update(coder for coder, _ in coded)
    return _agreement(units, metric=metric, coders=len(coders))


def agreement_by_category(
    rows: Iterable[tuple[Hashable, Hashable, Hashable, Any]], *, metric: Metric
) -> AgreementReport:
    """Alpha per category and overall, from rows of (unit, coder, category, value).

    For reviews: unit = the round, coder = the reviewer, category = the review rubric,
    value = the score given. A None value is a missing one. Overall, every (unit, category)
    pair is a unit of its own, so all categories pool into one figure; its `units` counts the
    distinct units (rounds) behind it. A coder may give one value per unit and category;
    two different values for the same is a data error (ValueError).
    """
    _check_metric(metric)
    # category -> unit -> coder -> value
    table: dict[Hashable, dict[Hashable, dict[Hashable, Any]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for unit, coder, category, value in rows:
        if value is None:
            continue
        given = table[category][unit]
        if coder in given and not _same_value(given[coder], value):
            raise ValueError(
                f"Coder {coder!r} gave two values for unit {unit!r} in {category!r}: "
                f"{given[coder]!r} and {value!r}."
            )
        given[coder] = value

    by_category: dict[Hashable, Agreement] = {}
    pooled: list[list[Any]] = []
    pooled_units: set[Hashable] = set()
    pooled_coders: set[Hashable] = set()
    for category, units in table.items():
        pairable = {unit: given for unit, given in units.items() if len(given) >= 2}
        coders = {coder for given in pairable.values() for coder in given}
        values = [list(given.values()) for given in pairable.values()]
        by_category[category] = _agreement(values, metric=metric, coders=len(coders))
        pooled.extend(values)
        pooled_units.update(pairable)
        pooled_coders.update(coders)
    overall = _agreement(pooled, metric=metric, coders=len(pooled_coders))
    # A unit of the pooled figure is a (unit, category) pair; people count units (rounds).
    overall = Agreement(
        alpha=overall.alpha,
        units=len(pooled_units),
        values=overall.values,
        coders=overall.coders,
        no_variation=overall.no_variation,
    )
    return AgreementReport(metric=metric, overall=overall, by_category=by_category)


# --- The computation --------------------------------------------------------------------


def _same_value(first: Any, second: Any) -> bool:
    return type(first) is type(second) and first == second


def _check_metric(metric: str) -> None:
    if metric not in METRICS:
        raise ValueError(f"Unknown metric {metric!r}; use one of {', '.join(METRICS)}.")


def _agreement(units: list[list[Any]], *, metric: Metric, coders: int) -> Agreement:
    """Alpha over pairable units (each a list of two or more values)."""
    _check_metric(metric)
    # n_c: how often each value occurs among pairable values. These are the marginals of
    # the coincidence matrix (each value sits in m_u − 1 pairs, each weighing 1/(m_u − 1)).
    marginals = Counter(value for values in units for value in values)
    n = sum(marginals.values())
    if n == 0:
        return Agreement(alpha=None, units=0, values=0, coders=0)
    if metric == "nominal":
        observed = _per_size(units, _nominal_disagreement)
        expected = Fraction(n * n - sum(count * count for count in marginals.values()))
    else:
        position = _whole_positions(_positions(marginals, metric))
        observed = _per_size(units, lambda values: _spread([position[v] for v in values]))
        expected = _squared_differences(
            [(position[value], count) for value, count in marginals.items()]
        )
    if expected == 0:
        return Agreement(alpha=1.0, units=len(units), values=n, coders=coders, no_variation=True)
    # alpha = 1 − D_o / D_e with D_o = observed / n and D_e = expected / (n (n − 1)).
    alpha = 1 - (n - 1) * observed / expected
    return Agreement(alpha=float(alpha), units=len(units), values=n, coders=coders)


def _per_size(units: list[list[Any]], disagreement) -> Fraction:
    """Σ over units of disagreement(values) / (m_u − 1), with m_u the unit's number of
    values: whole numbers summed per size first, so there are as many fractions as sizes
    (a few), not as units (a reviewer's dashboard reads hundreds)."""
    by_size: dict[int, int] = defaultdict(int)
    for values in units:
        by_size[len(values)] += disagreement(values)
    return sum((Fraction(total, m - 1) for m, total in by_size.items()), Fraction(0))


def _nominal_disagreement(values: list[Any]) -> int:
    """One unit's ordered pairs of different values (each pair then weighs 1 / (m_u − 1))."""
    m = len(values)
    return m * m - sum(count * count for count in Counter(values).values())


def _spread(positions: list[int]) -> int:
    """One unit's Σ δ²(c, k) over its ordered pairs, for metrics where δ(c, k) is the
    difference of two positions on a line: 2 m Σ p² − 2 (Σ p)²."""
    total = sum(positions)
    return 2 * len(positions) * sum(p * p for p in positions) - 2 * total * total


def _whole_positions(positions: dict[Any, Fraction]) -> dict[Any, int]:
    """The positions times their common denominator: whole numbers, with every distance
    scaled alike, so D_o / D_e, and alpha, are the same."""
    scale = math.lcm(*(Fraction(p).denominator for p in positions.values()))
    return {value: int(p * scale) for value, p in positions.items()}


def _squared_differences(weighted: list[tuple[int, int]]) -> Fraction:
    """Σ_c Σ_k w_c w_k (p_c − p_k)², computed as 2 W Σ w p² − 2 (Σ w p)² in linear time."""
    total = sum(weight for _, weight in weighted)
    first = sum(weight * p for p, weight in weighted)
    second = sum(weight * p * p for p, weight in weighted)
    return Fraction(2 * total * second - 2 * first * first)


def _positions(marginals: Counter, metric: Metric) -> dict[Any, Fraction]:
    """Where each value sits on a line, so that δ²(c, k) = (position c − position k)².

    interval: the value itself.
    ordinal: Krippendorff's δ(c, k) = Σ_{g=c..k} n_g − (n_c + n_k) / 2 over the values in
    rank order. With N_c the count of values ranked below c, that sum is
    (N_k + n_k / 2) − (N_c + n_c / 2), so each value's position is N_c + n_c / 2: the
    midpoint of its run in the sorted marginals. Ranks alone would ignore the n_g.
    """
    if metric == "interval":
        return {value: _as_number(value) for value in marginals}
    try:
        ordered = sorted(marginals)
    except TypeError:
        raise ValueError("Ordinal values must all be comparable with each other.") from None
    positions = {}
    below = 0
    for value in ordered:
        positions[value] = below + Fraction(marginals[value], 2)
        below += marginals[value]
    return positions


def _as_number(value: Any) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, Real | Decimal):
        raise ValueError(f"Interval values must be numbers, not {value!r}.")
    if not math.isfinite(value):
        raise ValueError(f"Interval values must be finite numbers, not {value!r}.")
    return Fraction(value)
