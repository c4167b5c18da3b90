"""The public tools' forms: the income calculator and the decision guide."""

from crispy_forms.bootstrap import InlineRadios, StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Fieldset, Layout, Row
from django import forms
from django.urls import reverse

from common.forms import NulFreeBoundField
from guide.income import (
    HOURS_DECIMAL_PLACES,
    HOURS_MAX,
    HOURS_MIN,
    RATE_DECIMAL_PLACES,
    RATE_MAX,
    RATE_MIN,
    WEEKS_MAX,
    WEEKS_MIN,
    Scenario,
    format_money,
)
from guide.matrix import QUESTIONS, Answers

SCENARIO_FIELDS = ("rate", "hours", "weeks")
SECOND_SCENARIO_FIELDS = ("rate2", "hours2", "weeks2")


class SecondScenarioBoundField(NulFreeBoundField):
    """Also described by the fieldset's note on how empty fields are filled."""

    @property
    def aria_describedby(self) -> str:
        return " ".join(filter(None, ["second-scenario-help", super().aria_describedby]))


def _number_input(inputmode: str) -> forms.TextInput:
    # A text box with a numeric keyboard keeps whatever was typed (a number input drops
    # "abc"), so the message at the field can be read next to the mistake.
    return forms.TextInput(attrs={"inputmode": inputmode, "autocomplete": "off"})


def _rate_field(*, required: bool) -> forms.DecimalField:
    range_message = (
        f"Enter an hourly rate from {format_money(RATE_MIN)} to {format_money(RATE_MAX)}."
    )
    return forms.DecimalField(
        label="Hourly rate (US$)",
        required=required,
        min_value=RATE_MIN,
        max_value=RATE_MAX,
        decimal_places=RATE_DECIMAL_PLACES,
        error_messages={
            "required": "Enter an hourly rate, for example 42.",
            "invalid": "Enter the hourly rate as a number of dollars, for example 42 or 37.50.",
            "min_value": range_message,
            "max_value": range_message,
            "max_decimal_places": "Enter the hourly rate to the cent at most, for example 37.50.",
        },
        widget=_number_input("decimal"),
        bound_field_class=None if required else SecondScenarioBoundField,
    )


def _hours_field(*, required: bool) -> forms.DecimalField:
    range_message = f"Enter weekly hours from {HOURS_MIN} to {HOURS_MAX}."
    return forms.DecimalField(
        label="Hours a week",
        required=required,
        min_value=HOURS_MIN,
        max_value=HOURS_MAX,
        decimal_places=HOURS_DECIMAL_PLACES,
        error_messages={
            "required": "Enter the hours you work a week, for example 15.",
            "invalid": "Enter the weekly hours as a number, for example 15 or 12.5.",
            "min_value": range_message,
            "max_value": range_message,
            "max_decimal_places": "Enter weekly hours to one decimal place at most, "
            "for example 12.5.",
        },
        widget=_number_input("decimal"),
        bound_field_class=None if required else SecondScenarioBoundField,
    )


def _weeks_field(*, required: bool) -> forms.IntegerField:
    range_message = f"Enter working weeks a year from {WEEKS_MIN} to {WEEKS_MAX}."
    return forms.IntegerField(
        label="Working weeks a year",
        required=required,
        min_value=WEEKS_MIN,
        max_value=WEEKS_MAX,
        error_messages={
            "required": "Enter the weeks you work a year, for example 46.",
            "invalid": "Enter working weeks as a whole number, for example 46.",
            "min_value": range_message,
            "max_value": range_message,
        },
        widget=_number_input("numeric"),
        bound_field_class=None if required else SecondScenarioBoundField,
    )


class IncomeForm(forms.Form):
    """E = r × h × w for one scenario, and optionally a second one to compare."""

    rate = _rate_field(required=True)
    hours = _hours_field(required=True)
    weeks = _weeks_field(required=True)
    rate2 = _rate_field(required=False)
    hours2 = _hours_field(required=False)
    weeks2 = _weeks_field(required=False)

    SECOND_HELP = (
        "Change one or more values to compare. An empty field takes the first scenario's value."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The layout as crispy would draw it; the page draws the same markup without a
        # template per field (guide/_income_form.html, held equal by the tests).
        self.helper = FormHelper()
        self.helper.form_method = "get"
        # The fragment takes the reader straight to the estimate after a calculation.
        self.helper.form_action = reverse("income_calculator") + "#estimate"
        # Our messages, at the field, rather than each browser's own bubbles.
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Row(
                Column(Fieldset("First scenario", *SCENARIO_FIELDS), css_class="col-md-6"),
                Column(
                    Fieldset(
                        "Second scenario (optional)",
                        HTML(
                            '<p id="second-scenario-help" class="form-text mt-0">'
                            f"{self.SECOND_HELP}</p>"
                        ),
                        *SECOND_SCENARIO_FIELDS,
                    ),
                    css_class="col-md-6",
                ),
            ),
            StrictButton("Calculate", type="submit", css_class="btn-primary"),
        )

    @classmethod
    def is_submitted(cls, query) -> bool:
        """An empty address shows an empty calculator, not a page of 'required' messages."""
        return any(name in query for name in cls.base_fields)

    def error_summary(self) -> list[dict]:
        """Every message, named after its scenario and field, linking to the field."""
        summary = []
        for name, field in self.fields.items():
            scenario = "Second scenario" if name in SECOND_SCENARIO_FIELDS else "First scenario"
            for error in self.errors.get(name, []):
                summary.append(
                    {
                        "id": self[name].id_for_label,
                        "label": f"{scenario}, {field.label}",
                        "error": error,
                    }
                )
        return summary

    def scenarios(self) -> tuple[Scenario, Scenario | None]:
        data = self.cleaned_data
        first = Scenario(rate=data["rate"], hours=data["hours"], weeks=data["weeks"])
        second_given = [data.get(name) for name in SECOND_SCENARIO_FIELDS]
        if all(value is None for value in second_given):
            return first, None
        rate2, hours2, weeks2 = second_given
        second = Scenario(
            rate=first.rate if rate2 is None else rate2,
            hours=first.hours if hours2 is None else hours2,
            weeks=first.weeks if weeks2 is None else weeks2,
        )
        return first, second


YES_NO = (("yes", "Yes"), ("no", "No"))


class DecisionForm(forms.Form):
    """The article's decision matrix: four yes-or-no questions."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.question.value] = forms.ChoiceField(
                label=question.text,
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Answer yes or no.",
                    "invalid_choice": "Answer yes or no.",
                },
            )
        # As for IncomeForm: the page draws this with guide/_decision_form.html.
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_action = reverse("decision_guide") + "#suggestion"
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            *(
                InlineRadios(question.question.value, template="guide/_radios_inline.html")
                for question in QUESTIONS
            ),
            StrictButton("Suggest my path", type="submit", css_class="btn-primary"),
        )

    @staticmethod
    def is_submitted(query) -> bool:
        return any(question.question.value in query for question in QUESTIONS)

    def error_summary(self) -> list[dict]:
        return [
            {"id": f"{self[name].auto_id}_0", "label": self.fields[name].label, "error": error}
            for name in self.fields
            for error in self.errors.get(name, [])
        ]

    def answers(self) -> Answers:
        data = self.cleaned_data
        return Answers(**{q.question.value: data[q.question.value] == "yes" for q in QUESTIONS})


# --- The skill-profile editor ---------------------------------------------------------
# The editor's forms only convert what people type into a skill-profile document; the
# document then goes through the same validator as an import, and its errors are put
# back next to the fields they are about.
