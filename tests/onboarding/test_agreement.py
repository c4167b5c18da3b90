"""Krippendorff's alpha against the published worked examples, and its invariances."""

from collections import defaultdict
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from onboarding.agreement import (
    METRICS,
    Agreement,
    agreement_by_category,
    krippendorff_alpha,
    measure_agreement,
)

_ = None
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers,
# twelve units, values 1–5, with missing data. Typed in by observer, units 1..12.
PAPER_OBSERVERS = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    "C": [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
}
# The reliability data matrix: one row per unit, one column per observer.
PAPER_UNITS = [list(unit) for unit in zip(*PAPER_OBSERVERS.values(), strict=True)]

# Section A: two observers, binary data, ten units, no missing values.
BINARY_BEN = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
BINARY_GERRY = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
# Section B: two observers, nominal data, twelve units, no missing values.
NOMINAL_FIRST = ["a", "a", "b", "b", "d", "c", "c", "c", "e", "d", "d", "a"]
NOMINAL_SECOND = ["b", "a", "b", "b", "b", "c", "c", "c", "e", "d", "d", "d"]


def reference_alpha(units, metric):
    """The paper's definitions spelled out: coincidence matrix o_ck, marginals n_c, δ²."""
    pairable = [[v for v in unit if v is not None] for unit in units]
    pairable = [values for values in pairable if len(values) >= 2]
    o = defaultdict(Fraction)
    for values in pairable:
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    o[c, k] += Fraction(1, len(values) - 1)
    categories = sorted({c for c, _ in o})
    n_c = {c: sum(o[c, k] for k in categories) for c in categories}
    n = sum(n_c.values())
    if n == 0:
        return None

    def delta2(c, k):
        if metric == "nominal":
            return 0 if c == k else 1
        if metric == "interval":
            return (Fraction(c) - Fraction(k)) ** 2
        low, high = sorted((c, k))
        between = sum(n_c[g] for g in categories if low <= g <= high)
        return (between - (n_c[c] + n_c[k]) / 2) ** 2

    observed = sum(o[c, k] * delta2(c, k) for c in categories for k in categories) / n
    expected = sum(n_c[c] * n_c[k] * delta2(c, k) for c in categories for k in categories) / (
        n * (n - 1)
    )
    return 1.0 if expected == 0 else float(1 - observed / expected)


# --- Published examples --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metric", "expected"), [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)]
)
def test_krippendorff_alpha_matches_the_papers_worked_example(metric, expected):
    assert round(krippendorff_alpha(PAPER_UNITS, metric=metric), 3) == expected


def test_measure_agreement_counts_what_the_paper_counts():
    # Unit 12 has a single value: it is not pairable, so 11 units and n = 40 values.
    result = measure_agreement(PAPER_UNITS, metric="ordinal")
    assert result == Agreement(
        alpha=result.alpha, units=11, values=40, coders=4, no_variation=False
    )


def test_krippendorff_alpha_nominal_paper_example_in_full_precision():
    # n = 40 with n_c = 9, 13, 10, 5, 3 for the values 1..5, and 8 disagreeing pairs in o_ck:
    # α = 1 − (n − 1) Σ_{c≠k} o_ck / (n² − Σ n_c²) = 1 − 39 × 8 / (1600 − 384).
    assert krippendorff_alpha(PAPER_UNITS, metric="nominal") == float(1 - Fraction(39 * 8, 1216))


def test_krippendorff_alpha_binary_example_from_the_paper():
    units = list(zip(BINARY_BEN, BINARY_GERRY, strict=True))
    # α = 1 − (n − 1) o_01 / (n_0 n_1) = 1 − 19 × 4 / (14 × 6)
    assert krippendorff_alpha(units, metric="nominal") == pytest.approx(1 - 76 / 84)
    assert round(krippendorff_alpha(units, metric="nominal"), 3) == 0.095


def test_krippendorff_alpha_nominal_two_observer_example_from_the_paper():
    units = list(zip(NOMINAL_FIRST, NOMINAL_SECOND, strict=True))
    assert round(krippendorff_alpha(units, metric="nominal"), 3) == 0.692


@pytest.mark.parametrize("metric", METRICS)
def test_krippendorff_alpha_equals_the_definition_on_the_paper_data(metric):
    assert krippendorff_alpha(PAPER_UNITS, metric=metric) == reference_alpha(PAPER_UNITS, metric)


def test_ordinal_alpha_uses_marginal_frequencies_not_ranks():
    # The paper's values are their own ranks (1–5), so ranks-as-interval would give the
    # interval figure; the ordinal metric weighs the distances by how often values occur.
    ordinal = krippendorff_alpha(PAPER_UNITS, metric="ordinal")
    as_ranks = krippendorff_alpha(PAPER_UNITS, metric="interval")
    assert round(ordinal, 3) == 0.815 != round(as_ranks, 3)


def test_ordinal_alpha_depends_only_on_the_order_of_values():
    relabel = {1: -7, 2: 0, 3: 2.5, 4: 100, 5: 10_000}
    relabelled = [[relabel.get(v) for v in unit] for unit in PAPER_UNITS]
    assert krippendorff_alpha(relabelled, metric="ordinal") == krippendorff_alpha(
        PAPER_UNITS, metric="ordinal"
    )
    assert krippendorff_alpha(relabelled, metric="interval") != krippendorff_alpha(
        PAPER_UNITS, metric="interval"
    )


def test_ordinal_alpha_accepts_ordered_labels():
    scale = {1: "a-poor", 2: "b-fair", 3: "c-good", 4: "d-very good", 5: "e-excellent"}
    labelled = [[scale.get(v) for v in unit] for unit in PAPER_UNITS]
    assert round(krippendorff_alpha(labelled, metric="ordinal"), 3) == 0.815


# --- Edge cases ------------------------------------------------------------------------------


@pytest.mark.parametrize("metric", METRICS)
@pytest.mark.parametrize(
    "units",
    [[], [[]], [[None, None]], [[3, None], [None, 4], [5]], [[1], [2], [3]]],
    ids=["no units", "empty unit", "all missing", "one value per unit", "single coder"],
)
def test_measure_agreement_without_pairable_values_is_none(units, metric):
    assert measure_agreement(units, metric=metric) == Agreement(
        alpha=None, units=0, values=0, coders=0
    )
    assert krippendorff_alpha(units, metric=metric) is None


@pytest.mark.parametrize("metric", METRICS)
def test_measure_agreement_without_variation_is_one_by_convention(metric):
    units = [[3, 3, None], [3, None, 3], [None, 3, 3], [3, None, None]]
    assert measure_agreement(units, metric=metric) == Agreement(
        alpha=1.0, units=3, values=6, coders=3, no_variation=True
    )


@pytest.mark.parametrize("metric", METRICS)
def test_measure_agreement_perfect_agreement_with_variation_is_one(metric):
    units = [[1, 1, 1], [2, 2, None], [5, None, 5], [3, 3, 3]]
    result = measure_agreement(units, metric=metric)
    assert result.alpha == 1.0
    assert result.no_variation is False


def test_krippendorff_alpha_systematic_disagreement_is_negative():
    # Two coders who always pick the other value disagree more than chance.
    units = [[1, 2], [2, 1], [1, 2], [2, 1]]
    assert krippendorff_alpha(units, metric="nominal") < 0


def test_krippendorff_alpha_ignores_rows_of_different_length():
    ragged = [[1, 1], [2, 2, 2], [3], [1, 2, None, None]]
    padded = [[1, 1, None, None], [2, 2, 2, None], [3, None, None, None], [1, 2, None, None]]
    for metric in METRICS:
        assert krippendorff_alpha(ragged, metric=metric) == krippendorff_alpha(
            padded, metric=metric
        )


def test_krippendorff_alpha_unknown_metric_is_refused():
    with pytest.raises(ValueError, match="Unknown metric 'ratio'"):
        krippendorff_alpha(PAPER_UNITS, metric="ratio")


@pytest.mark.parametrize("value", ["high", "4", float("nan"), float("-inf")])
def test_interval_alpha_refuses_values_that_are_not_finite_numbers(value):
    with pytest.raises(ValueError, match="Interval values must be"):
        krippendorff_alpha([[1, 2], [value, 3]], metric="interval")


def test_interval_alpha_accepts_decimals_and_fractions():
    from decimal import Decimal

    as_decimals = [[Decimal(v) if v is not None else None for v in u] for u in PAPER_UNITS]
    as_halves = [[Fraction(v, 2) if v is not None else None for v in u] for u in PAPER_UNITS]
    expected = krippendorff_alpha(PAPER_UNITS, metric="interval")
    assert krippendorff_alpha(as_decimals, metric="interval") == expected
    assert krippendorff_alpha(as_halves, metric="interval") == expected


def test_ordinal_alpha_refuses_values_that_cannot_be_ordered():
    with pytest.raises(ValueError, match="comparable"):
        krippendorff_alpha([[1, "two"], [1, 1]], metric="ordinal")


# --- Per category ----------------------------------------------------------------------------


def _rows(units, category, unit_prefix="round"):
    return [
        (f"{unit_prefix}-{u}", coder, category, value)
        for u, values in enumerate(units)
        for coder, value in zip("ABCD", values, strict=False)
    ]


def test_agreement_by_category_per_category_equals_the_matrix_alpha():
    other = [[5, 5, 4], [1, 2, 1], [3, 3, None], [2, None, None]]
    rows = _rows(PAPER_UNITS, "reasoning") + _rows(other, "rigor")

    report = agreement_by_category(rows, metric="ordinal")

    assert list(report.by_category) == ["reasoning", "rigor"]
    assert report.by_category["reasoning"] == measure_agreement(PAPER_UNITS, metric="ordinal")
    assert report.by_category["rigor"] == measure_agreement(other, metric="ordinal")
    assert report.metric == "ordinal"


def test_agreement_by_category_overall_pools_unit_category_pairs():
    other = [[5, 5, 4], [1, 2, 1], [3, 3, None], [2, None, None]]
    rows = _rows(PAPER_UNITS, "reasoning") + _rows(other, "rigor")

    overall = agreement_by_category(rows, metric="ordinal").overall

    pooled = measure_agreement(PAPER_UNITS + other, metric="ordinal")
    assert overall.alpha == pooled.alpha
    assert overall.values == 40 + 8
    # Rounds 0..10 are pairable in one rubric or both; round 11 has one score only.
    assert overall.units == 11
    assert overall.coders == 4


def test_agreement_by_category_counts_distinct_units_not_unit_category_pairs():
    rows = [
        ("r1", "rita", "reasoning", 3),
        ("r1", "sam", "reasoning", 4),
        ("r1", "rita", "rigor", 2),
        ("r1", "sam", "rigor", 2),
        ("r2", "rita", "reasoning", 5),
        ("r2", "sam", "reasoning", 5),
        ("r3", "rita", "rigor", 1),  # reviewed once: not pairable
    ]
    report = agreement_by_category(rows, metric="ordinal")
    assert report.overall.units == 2
    assert report.by_category["reasoning"].units == 2
    assert report.by_category["rigor"].units == 1


def test_agreement_by_category_skips_missing_values():
    rows = [("r1", "rita", "c", 1), ("r1", "sam", "c", None), ("r2", "rita", "c", 2)]
    report = agreement_by_category(rows, metric="nominal")
    assert report.by_category["c"] == Agreement(alpha=None, units=0, values=0, coders=0)
    assert report.overall.alpha is None
    assert report.overall.units == 0


def test_agreement_by_category_without_rows_is_empty():
    report = agreement_by_category([], metric="ordinal")
    assert report.by_category == {}
    assert report.overall == Agreement(alpha=None, units=0, values=0, coders=0)


def test_agreement_by_category_repeated_identical_row_counts_once():
    rows = [("r1", "rita", "c", 1), ("r1", "rita", "c", 1), ("r1", "sam", "c", 2)]
    assert agreement_by_category(rows, metric="nominal").overall.values == 2


def test_agreement_by_category_two_values_from_one_coder_is_an_error():
    rows = [("r1", "rita", "c", 1), ("r1", "rita", "c", 2), ("r1", "sam", "c", 2)]
    with pytest.raises(ValueError, match="'rita' gave two values for unit 'r1'"):
        agreement_by_category(rows, metric="ordinal")


def test_agreement_by_category_unknown_metric_is_refused():
    with pytest.raises(ValueError, match="Unknown metric"):
        agreement_by_category([], metric="kappa")


# --- Properties ----------------------------------------------------------------------------

_score = st.one_of(st.none(), st.integers(1, 5))


@st.composite
def reliability_data(draw, values=_score):
    coders = draw(st.integers(1, 5))
    return draw(st.lists(st.lists(values, min_size=coders, max_size=coders), max_size=12))


_metrics = st.sampled_from(METRICS)


@given(reliability_data(), _metrics)
def test_alpha_property_equals_the_papers_definition(units, metric):
    assert krippendorff_alpha(units, metric=metric) == reference_alpha(units, metric)


@given(reliability_data(), _metrics)
def test_alpha_property_is_at_most_one(units, metric):
    alpha = krippendorff_alpha(units, metric=metric)
    assert alpha is None or alpha <= 1.0


@given(reliability_data(), _metrics, st.randoms(use_true_random=False))
def test_alpha_property_ignores_the_order_of_coders_and_units(units, metric, random):
    shuffled_units = list(units)
    random.shuffle(shuffled_units)
    order = list(range(len(units[0]) if units else 0))
    random.shuffle(order)
    shuffled = [[unit[i] for i in order] for unit in shuffled_units]
    assert measure_agreement(shuffled, metric=metric) == measure_agreement(units, metric=metric)


@given(reliability_data(), st.lists(st.integers(-50, 50), min_size=5, max_size=5, unique=True))
def test_ordinal_alpha_property_survives_order_preserving_relabelling(units, labels):
    relabel = dict(zip(range(1, 6), sorted(labels), strict=True))
    relabelled = [[relabel.get(v) for v in unit] for unit in units]
    assert krippendorff_alpha(relabelled, metric="ordinal") == krippendorff_alpha(
        units, metric="ordinal"
    )


@given(reliability_data(), st.permutations(["p", "q", "r", "s", "t"]))
def test_nominal_alpha_property_survives_any_relabelling(units, labels):
    relabel = dict(zip(range(1, 6), labels, strict=True))
    relabelled = [[relabel.get(v) for v in unit] for unit in units]
    assert krippendorff_alpha(relabelled, metric="nominal") == krippendorff_alpha(
        units, metric="nominal"
    )


@given(reliability_data(), st.integers(-9, 9), st.integers(-100, 100))
def test_interval_alpha_property_survives_linear_rescaling(units, scale, shift):
    assume(scale != 0)
    rescaled = [[None if v is None else scale * v + shift for v in unit] for unit in units]
    assert krippendorff_alpha(rescaled, metric="interval") == krippendorff_alpha(
        units, metric="interval"
    )


@given(
    st.lists(
        st.tuples(st.integers(1, 5), st.integers(2, 5), st.integers(0, 4)), min_size=1, max_size=10
    ),
    _metrics,
)
def test_alpha_property_perfect_agreement_is_one(units, metric):
    # Each unit: one value, given by `coders` of five coders, the others missing.
    matrix = [
        [value if i < coders else None for i in range(5)][offset:]
        + [value if i < coders else None for i in range(5)][:offset]
        for value, coders, offset in units
    ]
    assert krippendorff_alpha(matrix, metric=metric) == 1.0


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["r1", "r2", "r3", "r4"]),
            st.sampled_from(["rita", "sam", "tom"]),
            st.sampled_from(["reasoning", "rigor"]),
        ),
        unique=True,
        max_size=24,
    ),
    st.data(),
)
def test_agreement_by_category_property_matches_the_matrix_per_category(keys, data):
    rows = [(unit, coder, category, data.draw(_score)) for unit, coder, category in keys]
    report = agreement_by_category(rows, metric="ordinal")
    for category, result in report.by_category.items():
        matrix = [
            [value for unit_, _, category_, value in rows if (unit_, category_) == (u, category)]
            for u in ["r1", "r2", "r3", "r4"]
        ]
        expected = measure_agreement(matrix, metric="ordinal")
        assert (result.alpha, result.units, result.values) == (
            expected.alpha,
            expected.units,
            expected.values,
        )
    assert report.overall.alpha is None or report.overall.alpha <= 1.0
