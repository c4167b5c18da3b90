"""/tools/income/: a GET form whose address holds the inputs, with messages at the field."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from guide import views
from tests.factories import make_profile

pytestmark = pytest.mark.django_db

URL = "/tools/income/"


def field_message(html: str, field_id: str) -> str:
    """The message shown under one field (crispy puts it in <div id="<field>_error">)."""
    match = re.search(
        rf'<div id="{field_id}_error" class="invalid-feedback">(.*?)</div>', html, re.S
    )
    return re.sub(r"<[^>]+>|\s+", " ", match.group(1)).strip() if match else ""


def test_income_url_is_stable():
    assert reverse("income_calculator") == URL


def test_income_specialist_example_from_the_address(client):
    response = client.get(URL, {"rate": "42", "hours": "15", "weeks": "46"})
    html = response.content.decode()
    assert response.status_code == 200
    first = response.context["estimate"].first
    assert (first.annual, first.monthly, first.weekly) == (
        Decimal(28980),
        Decimal(2415),
        Decimal(630),
    )
    assert '<span class="estimate-amount">$28,980</span> a year' in html
    assert "$42 × 15 hours × 46 weeks = $28,980" in html
    assert "$2,415" in html and "$630" in html
    # The inputs stay in the form, so the reader can change one and recalculate.
    assert 'name="rate" value="42"' in html
    assert response.context["estimate"].second is None


def test_income_generalist_example_from_the_address(client):
    html = client.get(URL + "?rate=30&hours=20&weeks=46").content.decode()
    assert '<span class="estimate-amount">$27,600</span> a year' in html
    assert "$2,300" in html and "$600" in html


def test_income_presets_are_one_click_links(client):
    html = client.get(URL).content.decode()
    generalist = URL + "?rate=30&amp;hours=20&amp;weeks=46#estimate"
    specialist = URL + "?rate=42&amp;hours=15&amp;weeks=46#estimate"
    both = URL + "?rate=30&amp;hours=20&amp;weeks=46&amp;rate2=42&amp;hours2=15&amp;weeks2=46"
    assert f'href="{generalist}"' in html
    assert f'href="{specialist}"' in html
    assert f'href="{both}#estimate"' in html
    assert "Generalist example: $30 × 20 h × 46 weeks" in html
    assert "Specialist example: $42 × 15 h × 46 weeks" in html


def test_income_empty_calculator_shows_no_estimate_and_no_messages(client):
    response = client.get(URL)
    html = response.content.decode()
    assert response.context["estimate"] is None
    assert "invalid-feedback" not in html and "Please correct" not in html
    assert 'id="estimate"' not in html
    # Starts from the article's 46 working weeks.
    assert 'name="weeks" value="46"' in html
    assert 'method="get"' in html and "csrfmiddlewaretoken" not in html


def test_income_initial_values_come_from_one_function(client, alice):
    assert views.calculator_initial_for(alice) == {"weeks": 46}
    client.force_login(alice)
    response = client.get(URL)
    assert response.context["form"].initial == {"weeks": 46}
    assert "Prefilled from" not in response.content.decode()


def test_income_prefills_from_the_profile_rate_and_hours(client, alice):
    make_profile(
        alice,
        availability={"hours_per_week": 15, "timezone": "UTC-5"},
        hourly_rate={"amount": 42, "currency": "USD"},
    )
    client.force_login(alice)
    response = client.get(URL)
    html = response.content.decode()
    assert response.context["form"].initial == {"weeks": 46, "rate": Decimal(42), "hours": 15}
    assert 'name="rate" value="42' in html and 'name="hours" value="15"' in html
    assert "Prefilled from" in html
    # Submitting the prefilled form gives the article's specialist example.
    estimate = client.get(URL, {"rate": "42", "hours": "15", "weeks": "46"}).context["estimate"]
    assert estimate.first.annual == Decimal(28980)


def test_income_prefill_skips_a_rate_in_another_currency(client, alice):
    make_profile(
        alice,
        availability={"hours_per_week": 20, "timezone": "Europe/Berlin"},
        hourly_rate={"amount": 40, "currency": "EUR"},
    )
    assert views.calculator_initial_for(alice) == {"weeks": 46, "hours": Decimal(20)}


def test_income_prefill_ignores_a_rate_outside_the_calculator_range(client, alice):
    make_profile(alice, hourly_rate={"amount": 5000, "currency": "USD"})
    assert views.calculator_initial_for(alice) == {"weeks": 46}


def test_income_prefill_is_nothing_for_anonymous_visitors():
    from django.contrib.auth.models import AnonymousUser

    assert views.calculator_initial_for(AnonymousUser()) == {"weeks": 46}


def test_income_form_fields_are_labelled_and_grouped(client):
    html = client.get(URL).content.decode()
    for field in ("rate", "hours", "weeks", "rate2", "hours2", "weeks2"):
        assert f'for="id_{field}"' in html
    assert "<legend" in html and "First scenario" in html and "Second scenario" in html
    assert 'aria-describedby="second-scenario-help"' in html


def test_income_second_scenario_side_by_side_with_the_difference(client):
    response = client.get(URL + "?rate=30&hours=20&weeks=46&rate2=42&hours2=15&weeks2=46")
    html = response.content.decode()
    assert response.context["estimate"].second.annual == Decimal(28980)
    assert "The second scenario earns $1,380 more a year (5% more)." in html
    assert '<th scope="col" class="text-end">Difference</th>' in html
    assert "+$1,380" in html and "+$115" in html and "+$30" in html


def test_income_second_scenario_takes_empty_fields_from_the_first(client):
    response = client.get(URL, {"rate": "30", "hours": "20", "weeks": "46", "rate2": "42"})
    second = response.context["estimate"].second
    assert (second.scenario.rate, second.scenario.hours, second.scenario.weeks) == (
        Decimal(42),
        Decimal(20),
        46,
    )
    assert second.annual == Decimal(38640)
    assert "earns $11,040 more a year" in response.content.decode()


def test_income_second_scenario_that_earns_less(client):
    html = client.get(URL + "?rate=42&hours=15&weeks=46&rate2=30&hours2=20").content.decode()
    assert "The second scenario earns $1,380 less a year (4.8% less)." in html
    assert "\u2212$1,380" in html


def test_income_empty_second_scenario_fields_compare_nothing(client):
    response = client.get(URL + "?rate=42&hours=15&weeks=46&rate2=&hours2=&weeks2=")
    assert response.context["estimate"].second is None
    assert "Difference" not in response.content.decode()


def test_income_rounds_to_the_cent(client):
    html = client.get(URL + "?rate=33.33&hours=12.5&weeks=45").content.decode()
    assert "$18,748.13" in html
    assert "$1,562.34" in html
    assert "$416.63" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [("rate=1&hours=1&weeks=1", "$1"), ("rate=1000&hours=80&weeks=52", "$4,160,000")],
)
def test_income_accepts_the_ends_of_each_range(client, query, expected):
    response = client.get(f"{URL}?{query}")
    assert response.context["form"].errors == {}
    assert f'<span class="estimate-amount">{expected}</span>' in response.content.decode()


RATE_RANGE = "Enter an hourly rate from $1 to $1,000."
HOURS_RANGE = "Enter weekly hours from 1 to 80."
WEEKS_RANGE = "Enter working weeks a year from 1 to 52."
MESSAGES = [
    ("rate", "", "Enter an hourly rate, for example 42."),
    ("rate", "forty", "Enter the hourly rate as a number of dollars, for example 42 or 37.50."),
    ("rate", "NaN", "Enter the hourly rate as a number of dollars, for example 42 or 37.50."),
    ("rate", "0.99", RATE_RANGE),
    ("rate", "1000.01", RATE_RANGE),
    ("rate", "42.505", "Enter the hourly rate to the cent at most, for example 37.50."),
    ("hours", "", "Enter the hours you work a week, for example 15."),
    ("hours", "abc", "Enter the weekly hours as a number, for example 15 or 12.5."),
    ("hours", "0.5", HOURS_RANGE),
    ("hours", "81", HOURS_RANGE),
    ("hours", "12.25", "Enter weekly hours to one decimal place at most, for example 12.5."),
    ("weeks", "", "Enter the weeks you work a year, for example 46."),
    ("weeks", "46.5", "Enter working weeks as a whole number, for example 46."),
    ("weeks", "0", WEEKS_RANGE),
    ("weeks", "53", WEEKS_RANGE),
]


@pytest.mark.parametrize(("field", "value", "message"), MESSAGES)
def test_income_message_at_the_field(client, field, value, message):
    query = {"rate": "42", "hours": "15", "weeks": "46", field: value}
    response = client.get(URL, query)
    html = response.content.decode()
    assert response.context["form"].errors == {field: [message]}
    assert field_message(html, f"id_{field}") == message
    # The typed value is kept next to its message, and no estimate is shown.
    assert f'name="{field}" value="{value}"' in html or value == ""
    assert 'aria-invalid="true"' in html
    assert 'id="estimate"' not in html
    # The summary at the top links to the field.
    assert f'<a class="alert-link" href="#id_{field}">First scenario, ' in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("rate2", "2000", RATE_RANGE),
        ("hours2", "0", HOURS_RANGE),
        ("weeks2", "60", WEEKS_RANGE),
        ("rate2", "lots", "Enter the hourly rate as a number of dollars, for example 42 or 37.50."),
    ],
)
def test_income_second_scenario_message_at_the_field(client, field, value, message):
    response = client.get(URL, {"rate": "42", "hours": "15", "weeks": "46", field: value})
    html = response.content.decode()
    assert response.context["form"].errors == {field: [message]}
    assert field_message(html, f"id_{field}") == message
    assert f'aria-describedby="second-scenario-help id_{field}_error"' in html
    assert f'<a class="alert-link" href="#id_{field}">Second scenario, ' in html
    assert 'id="estimate"' not in html


def test_income_every_wrong_field_gets_its_own_message(client):
    response = client.get(URL + "?rate=0&hours=abc&weeks=53&rate2=1.234")
    assert set(response.context["form"].errors) == {"rate", "hours", "weeks", "rate2"}


def test_income_for_a_logged_in_expert(client, alice):
    client.force_login(alice)
    response = client.get(URL + "?rate=42&hours=15&weeks=46")
    html = response.content.decode()
    assert '<span class="estimate-amount">$28,980</span>' in html
    assert "Log out" in html


def test_income_head_is_allowed(client):
    assert client.head(URL).status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_income_wrong_method(client, method):
    assert getattr(client, method)(URL).status_code == 405


def test_income_in_navigation_for_everyone(client, alice):
    header = client.get("/").content.decode().split("</header>")[0]
    assert f'href="{URL}">Income calculator</a>' in header
    client.force_login(alice)
    header = client.get(URL).content.decode().split("</header>")[0]
    assert f'href="{URL}" aria-current="page">Income calculator</a>' in header


def test_income_page_has_no_inline_scripts_or_styles(client):
    html = client.get(URL + "?rate=42&hours=15&weeks=46&rate2=30").content.decode()
    assert "<script>" not in html and " style=" not in html and "<style" not in html


def test_income_form_markup_follows_the_values_each_visit(client, alice):
    for _ in range(2):  # the second visit of each address is served from the cache
        bad = client.get(URL, {"rate": "0", "hours": "15", "weeks": "46"}).content.decode()
        assert field_message(bad, "id_rate") == "Enter an hourly rate from $1 to $1,000."
        good = client.get(URL, {"rate": "30", "hours": "20", "weeks": "46"}).content.decode()
        assert field_message(good, "id_rate") == "" and 'name="rate" value="30"' in good
    # An empty form prefilled from a profile is not an empty form prefilled from nothing.
    anonymous = client.get(URL).content.decode()
    make_profile(alice, hourly_rate={"amount": 55, "currency": "USD"})
    client.force_login(alice)
    prefilled = client.get(URL).content.decode()
    assert 'name="rate" value="55' in prefilled and 'name="rate" value="55' not in anonymous
