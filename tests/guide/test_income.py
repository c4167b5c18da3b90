"""E = r × h × w: the arithmetic, its rounding and how amounts are written."""

import re
from decimal import Decimal

import pytest
from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

from guide.forms import IncomeForm
from guide.income import (
    GENERALIST_EXAMPLE,
    SPECIALIST_EXAMPLE,
    Scenario,
    describe_difference,
    difference_of,
    estimate_of,
    estimate_rows,
    format_change,
    format_money,
    format_quantity,
    income_of,
    initial_values,
    query_of,
)

D = Decimal

rates = st.decimals(min_value=1, max_value=1000, places=2, allow_nan=False, allow_infinity=False)
hours = st.decimals(min_value=1, max_value=80, places=1, allow_nan=False, allow_infinity=False)
weeks = st.integers(min_value=1, max_value=52)
scenarios = st.builds(Scenario, rate=rates, hours=hours, weeks=weeks)


def test_income_generalist_example_is_27600():
    result = income_of(GENERALIST_EXAMPLE.scenario)
    assert (result.annual, result.monthly, result.weekly) == (D(27600), D(2300), D(600))
    assert format_money(result.annual) == "$27,600"


def test_income_specialist_example_is_28980():
    result = income_of(SPECIALIST_EXAMPLE.scenario)
    assert (result.annual, result.monthly, result.weekly) == (D(28980), D(2415), D(630))
    assert format_money(result.annual) == "$28,980"


def test_income_rounds_each_figure_half_up_to_the_cent_from_the_exact_year():
    # 33.33 × 12.5 × 45 = 18,748.125 exactly; a month is 1,562.34375; a week 416.625.
    result = income_of(Scenario(rate=D("33.33"), hours=D("12.5"), weeks=45))
    assert result.annual == D("18748.13")
    assert result.monthly == D("1562.34")
    assert result.weekly == D("416.63")


def test_income_month_comes_from_the_exact_year_not_the_rounded_one():
    # 0.01 × 1.5 × 1 = 0.015: the year rounds up to 0.02, but a month is 0.00125 → 0.00.
    result = income_of(Scenario(rate=D("0.01"), hours=D("1.5"), weeks=1))
    assert result.annual == D("0.02")
    assert result.monthly == D("0.00")


def test_income_largest_allowed_inputs():
    result = income_of(Scenario(rate=D(1000), hours=D(80), weeks=52))
    assert format_money(result.annual) == "$4,160,000"
    assert format_money(result.monthly) == "$346,666.67"
    assert format_money(result.weekly) == "$80,000"


@pytest.mark.parametrize(
    ("amount", "written"),
    [
        (D(28980), "$28,980"),
        (D("28980.00"), "$28,980"),
        (D("2443.75"), "$2,443.75"),
        (D("2443.5"), "$2,443.50"),
        (D("0.005"), "$0.01"),
        (D("999.995"), "$1,000"),
        (D("1234567.891"), "$1,234,567.89"),
        (D(0), "$0"),
        (D(-1380), "-$1,380"),
    ],
)
def test_format_money_writes_dollars_with_separators(amount, written):
    assert format_money(amount) == written


@pytest.mark.parametrize(
    ("amount", "written"),
    [(D(1380), "+$1,380"), (D(-1380), "\u2212$1,380"), (D("-0.001"), "$0"), (D("12.5"), "+$12.50")],
)
def test_format_change_shows_the_sign(amount, written):
    assert format_change(amount) == written


@pytest.mark.parametrize(
    ("value", "written"), [(D("15.0"), "15"), (D("12.5"), "12.5"), (D("37.50"), "37.5")]
)
def test_format_quantity_drops_trailing_zeros(value, written):
    assert format_quantity(value) == written


def test_difference_between_the_two_examples():
    generalist = income_of(GENERALIST_EXAMPLE.scenario)
    specialist = income_of(SPECIALIST_EXAMPLE.scenario)
    difference = difference_of(generalist, specialist)
    assert (difference.annual, difference.monthly, difference.weekly) == (
        D(1380),
        D(115),
        D(30),
    )
    assert difference.percent == D("5.0")
    assert describe_difference(difference) == (
        "The second scenario earns $1,380 more a year (5% more)."
    )
    assert describe_difference(difference_of(specialist, generalist)) == (
        "The second scenario earns $1,380 less a year (4.8% less)."
    )
    assert describe_difference(difference_of(specialist, specialist)) == (
        "Both scenarios earn the same in a year."
    )


def test_estimate_rows_side_by_side_with_the_change():
    rows = estimate_rows(
        income_of(GENERALIST_EXAMPLE.scenario), income_of(SPECIALIST_EXAMPLE.scenario)
    )
    assert [(r.label, r.first, r.second, r.change) for r in rows] == [
        ("Hourly rate", "$30", "$42", "+$12"),
        ("Hours a week", "20", "15", "\u22125"),
        ("Working weeks a year", "46", "46", "0"),
        ("A year", "$27,600", "$28,980", "+$1,380"),
        ("A month", "$2,300", "$2,415", "+$115"),
        ("A working week", "$600", "$630", "+$30"),
    ]
    assert [r.total for r in rows] == [False, False, False, True, True, True]


def test_estimate_rows_for_one_scenario_have_no_comparison():
    rows = estimate_rows(income_of(SPECIALIST_EXAMPLE.scenario))
    assert [(r.first, r.second, r.change) for r in rows][3] == ("$28,980", None, None)


def test_query_of_the_presets_is_the_published_address():
    assert query_of(SPECIALIST_EXAMPLE.scenario) == "rate=42&hours=15&weeks=46"
    assert query_of(GENERALIST_EXAMPLE.scenario, SPECIALIST_EXAMPLE.scenario) == (
        "rate=30&hours=20&weeks=46&rate2=42&hours2=15&weeks2=46"
    )


def test_initial_values_start_from_the_articles_working_year():
    assert initial_values() == {"weeks": 46}
    assert initial_values(rate=D(40), hours=D(15)) == {"weeks": 46, "rate": D(40), "hours": D(15)}


@given(scenarios)
def test_income_is_rate_times_hours_times_weeks_to_the_cent(scenario):
    result = income_of(scenario)
    exact = scenario.rate * scenario.hours * scenario.weeks
    assert abs(result.annual - exact) <= D("0.005")
    assert result.annual == result.annual.quantize(D("0.01"))
    assert abs(result.monthly * 12 - exact) <= D("0.06")
    assert abs(result.weekly * scenario.weeks - exact) <= D("0.005") * scenario.weeks


@given(scenarios)
def test_format_money_reads_back_as_the_same_amount(scenario):
    annual = income_of(scenario).annual
    written = format_money(annual)
    assert re.fullmatch(r"\$\d{1,3}(,\d{3})*(\.\d{2})?", written)
    assert D(written.removeprefix("$").replace(",", "")) == annual


@given(scenarios, rates)
def test_income_grows_with_the_rate(scenario, other_rate):
    higher = Scenario(
        rate=max(scenario.rate, other_rate), hours=scenario.hours, weeks=scenario.weeks
    )
    assert income_of(higher).annual >= income_of(scenario).annual


@given(scenarios, scenarios)
def test_difference_is_antisymmetric(first, second):
    a, b = income_of(first), income_of(second)
    assert difference_of(a, b).annual == -difference_of(b, a).annual
    assert difference_of(a, b).annual == b.annual - a.annual


@given(scenarios, scenarios)
def test_query_of_round_trips_through_the_calculator_form(first, second):
    form = IncomeForm(QueryDict(query_of(first, second)))
    assert form.is_valid(), form.errors
    assert form.scenarios() == (first, second)


def test_estimate_of_one_scenario_and_of_two():
    single = estimate_of(SPECIALIST_EXAMPLE.scenario)
    assert single.first.annual == D(28980)
    assert single.second is None and single.comparison is None
    assert len(single.rows) == 6
    both = estimate_of(GENERALIST_EXAMPLE.scenario, SPECIALIST_EXAMPLE.scenario)
    assert both.second.annual == D(28980)
    assert both.comparison == "The second scenario earns $1,380 more a year (5% more)."
    assert both.rows[3].change == "+$1,380"
