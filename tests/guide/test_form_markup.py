"""The public tools' forms, drawn without crispy, give the markup {% crispy form %} gives."""

import pytest
from django.template import Context, Template
from pytest_django.asserts import assertHTMLEqual

from guide.forms import DecisionForm, IncomeForm

CRISPY = Template("{% load crispy_forms_tags %}{% crispy form %}")


def assert_same_markup(build, template: str) -> None:
    # Two forms: crispy adds classes to the widgets it renders.
    ours = Template(f'{{% include "{template}" %}}').render(Context({"form": build()}))
    assertHTMLEqual(ours, CRISPY.render(Context({"form": build()})))


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"rate": "42", "hours": "15", "weeks": "46"},
        {"rate": "abc", "hours": "12", "rate2": "5", "weeks2": "<b>"},
        {"rate": "", "hours": "-1", "weeks": "99", "hours2": "1.25"},
    ],
)
def test_income_form_markup_is_crispys(data):
    assert_same_markup(
        lambda: IncomeForm(data, initial={"rate": 30, "hours": 10}), "guide/_income_form.html"
    )


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"orchestrate": "yes", "rigor": "no", "early": "yes", "credentials": "no"},
        {"orchestrate": "yes", "rigor": "maybe"},
        {"orchestrate": "<b>", "early": "no"},
    ],
)
def test_decision_form_markup_is_crispys(data):
    assert_same_markup(lambda: DecisionForm(data), "guide/_decision_form.html")
