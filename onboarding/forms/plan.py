"""The 60–90 day plan's form."""

from datetime import date, timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from common.versions import VersionedForm
from onboarding.validators import (
    PLAN_MAX_DAYS,
    PLAN_MIN_DAYS,
    validate_plan_target,
)

# --- The 60–90 day plan ---------------------------------------------------------------------


class DeepeningPlanForm(VersionedForm):
    domain = forms.ChoiceField(
        label="Domain to deepen",
        help_text="One of your profile's domains below depth 5 (authority), the top of the scale.",
    )
    target_date = forms.DateField(
        label="Target date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, domains: list[str], today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["domain"].choices = [("", "Choose a domain"), *((d, d) for d in domains)]
        earliest = today + timedelta(days=PLAN_MIN_DAYS)
        latest = today + timedelta(days=PLAN_MAX_DAYS)
        self.fields["target_date"].widget.attrs.update(
            {"min": earliest.isoformat(), "max": latest.isoformat()}
        )
        self.fields["target_date"].help_text = (
            f"{PLAN_MIN_DAYS} to {PLAN_MAX_DAYS} days from today: between "
            f"{earliest:%-d %B %Y} and {latest:%-d %B %Y}."
        )
        self.helper = FormHelper()
        self.helper.form_action = "deepening_plan"
        self.helper.add_input(Submit("save", "Save my plan"))

    def clean_target_date(self) -> date:
        target = self.cleaned_data["target_date"]
        validate_plan_target(target, set_on=self.today)
        return target


# --- The reviewer queue ---------------------------------------------------------------------
