"""Estimated income, E = r × h × w, as pure functions on Decimal.

r is the hourly rate, h the hours worked a week and w the working weeks a year.
Money is rounded to the cent, half up, only once at the end of each figure, so a
month is the exact year divided by twelve and not a rounded year divided again.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

RATE_MIN, RATE_MAX = Decimal(1), Decimal(1000)
HOURS_MIN, HOURS_MAX = Decimal(1), Decimal(80)
WEEKS_MIN, WEEKS_MAX = 1, 52
RATE_DECIMAL_PLACES = 2
HOURS_DECIMAL_PLACES = 1
MONTHS_A_YEAR = 12

CENT = Decimal("0.01")
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Scenario:
    """One set of inputs: hourly rate, weekly hours, working weeks a year."""

    rate: Decimal
    hours: Decimal
    weeks: int


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    scenario: Scenario


# The article's two worked examples.
GENERALIST_EXAMPLE = Preset(
    key="generalist",
    label="Generalist example",
    scenario=Scenario(rate=Decimal(30), hours=Decimal(20), weeks=46),
)
SPECIALIST_EXAMPLE = Preset(
    key="specialist",
    label="Specialist example",
    scenario=Scenario(rate=Decimal(42), hours=Decimal(15), weeks=46),
)
PRESETS = (GENERALIST_EXAMPLE, SPECIALIST_EXAMPLE)
# An empty calculator starts from the article's working year.
DEFAULT_WEEKS = 46


@dataclass(frozen=True)
class Income:
    scenario: Scenario
    annual: Decimal
    monthly: Decimal
    weekly: Decimal


@dataclass(frozen=True)
class Difference:
    """The second scenario minus the first."""

    first: Income
    second: Income
    annual: Decimal
    monthly: Decimal
    weekly: Decimal
    percent: Decimal


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def income_of(scenario: Scenario) -> Income:
    """E = r × h × w for the year, with the month (E ÷ 12) and a working week (r × h)."""
    rate, hours, weeks = Decimal(scenario.rate), Decimal(scenario.hours), int(scenario.weeks)
    exact = rate * hours * weeks
    return Income(
        scenario=scenario,
        annual=to_cents(exact),
        monthly=to_cents(exact / MONTHS_A_YEAR),
        weekly=to_cents(rate * hours),
    )


def difference_of(first: Income, second: Income) -> Difference:
    percent = ((second.annual - first.annual) * 100 / first.annual).quantize(
        TENTH, rounding=ROUND_HALF_UP
    )
    return Difference(
        first=first,
        second=second,
        annual=second.annual - first.annual,
        monthly=second.monthly - first.monthly,
        weekly=second.weekly - first.weekly,
        percent=percent,
    )


def format_money(amount: Decimal) -> str:
    """$28,980 for whole dollars, $2,443.75 otherwise; -$1,380 below zero."""
    cents = to_cents(Decimal(amount))
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    text = f"{cents:,.0f}" if cents == cents.to_integral_value() else f"{cents:,.2f}"
    return f"{sign}${text}"


def format_change(amount: Decimal) -> str:
    """A difference with its sign: +$1,380, −$1,380 (a true minus sign) or $0."""
    amount = to_cents(Decimal(amount))
    if amount > 0:
        return "+" + format_money(amount)
    if amount < 0:
        return "\u2212" + format_money(-amount)
    return format_money(amount)


def format_quantity(value: Decimal) -> str:
    """15 rather than 15.0, 12.5 as it is: hours and rates people typed."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    return f"{value.normalize():,f}"


def query_of(first: Scenario, second: Scenario | None = None) -> str:
    """The calculator's query string for a scenario (and a second one), for links."""
    parts = [
        f"rate={format_quantity(first.rate).replace(',', '')}",
        f"hours={format_quantity(first.hours).replace(',', '')}",
        f"weeks={first.weeks}",
    ]
    if second is not None:
        parts += [
            f"rate2={format_quantity(second.rate).replace(',', '')}",
            f"hours2={format_quantity(second.hours).replace(',', '')}",
            f"weeks2={second.weeks}",
        ]
    return "&".join(parts)


def initial_values(*, rate: Decimal | None = None, hours: Decimal | None = None) -> dict:
    """What an empty calculator shows: a known rate and weekly hours, and the article's year."""
    initial: dict = {"weeks": DEFAULT_WEEKS}
    if rate is not None:
        initial["rate"] = rate
    if hours is not None:
        initial["hours"] = hours
    return initial


def _signed_quantity(value: Decimal) -> str:
    if value > 0:
        return "+" + format_quantity(value)
    if value < 0:
        return "\u2212" + format_quantity(-value)
    return "0"


@dataclass(frozen=True)
class Row:
    """One line of the estimate table, already written for people."""

    label: str
    first: str
    second: str | None
    change: str | None
    total: bool


# (label, the value in an estimate, how to write it, how to write a change, a money total?)
_ROWS = (
    ("Hourly rate", lambda e: e.scenario.rate, format_money, format_change, False),
    ("Hours a week", lambda e: e.scenario.hours, format_quantity, _signed_quantity, False),
    (
        "Working weeks a year",
        lambda e: Decimal(e.scenario.weeks),
        format_quantity,
        _signed_quantity,
        False,
    ),
    ("A year", lambda e: e.annual, format_money, format_change, True),
    ("A month", lambda e: e.monthly, format_money, format_change, True),
    ("A working week", lambda e: e.weekly, format_money, format_change, True),
)


def estimate_rows(first: Income, second: Income | None = None) -> tuple[Row, ...]:
    """The inputs and the three figures, with the second scenario and the change when given."""
    rows = []
    for label, value_of, write, write_change, total in _ROWS:
        a = value_of(first)
        if second is None:
            rows.append(Row(label, write(a), None, None, total))
        else:
            b = value_of(second)
            rows.append(Row(label, write(a), write(b), write_change(b - a), total))
    return tuple(rows)


def describe_difference(difference: Difference) -> str:
    """One sentence on how the second scenario compares with the first, over a year."""
    if difference.annual > 0:
        return (
            f"The second scenario earns {format_money(difference.annual)} more a year "
            f"({format_quantity(difference.percent)}% more)."
        )
    if difference.annual < 0:
        return (
            f"The second scenario earns {format_money(-difference.annual)} less a year "
            f"({format_quantity(-difference.percent)}% less)."
        )
    return "Both scenarios earn the same in a year."


@dataclass(frozen=True)
class Estimate:
    """Everything the calculator shows for one or two scenarios."""

    first: Income
    second: Income | None
    rows: tuple[Row, ...]
    comparison: str | None


def estimate_of(first: Scenario, second: Scenario | None = None) -> Estimate:
    first_income = income_of(first)
    if second is None:
        return Estimate(first_income, None, estimate_rows(first_income), None)
    second_income = income_of(second)
    return Estimate(
        first=first_income,
        second=second_income,
        rows=estimate_rows(first_income, second_income),
        comparison=describe_difference(difference_of(first_income, second_income)),
    )
