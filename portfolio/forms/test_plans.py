"""An adversarial test plan and its cases."""

from crispy_forms.helper import FormHelper
from django import forms

from common.versions import VersionedForm
from portfolio.forms.rows import BaseRowFormSet, RowEditor, row_formset
from portfolio.models import (
    AdversarialCase,
    AdversarialTestPlan,
)
from portfolio.services import CaseData
from portfolio.validators import (
    MAX_CASES,
    validate_case_count,
)


class AdversarialTestPlanForm(VersionedForm):
    title = forms.CharField(max_length=200)
    scope = forms.CharField(
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The model or product under test, and what is in and out of bounds.",
    )
    threat_model = forms.CharField(
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Who attacks, with what knowledge and access, and what they want.",
    )
    goal = forms.CharField(
        label="Measurable goal",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What counts as passing, in numbers, e.g. “no critical case fails; at "
        "least 95% of cases handled safely”.",
    )
    sources = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Standards, regulations, incident reports or papers the cases draw on.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class CaseForm(forms.Form):
    attack = forms.CharField(
        label="Input or attack",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    expected_behaviour = forms.CharField(
        label="Expected safe behaviour",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    severity = forms.ChoiceField(
        choices=AdversarialCase.Severity.choices, initial=AdversarialCase.Severity.MEDIUM
    )


CaseFormSet = row_formset(
    CaseForm,
    row_type=CaseData,
    validate_count=validate_case_count,
    max_rows=MAX_CASES,
    too_many=f"A test plan holds at most {MAX_CASES} cases; split it into several plans.",
)
CASES_PREFIX = "cases"
CASE_FIELDS = ("attack", "expected_behaviour", "severity")


class AdversarialPlanEditor(RowEditor):
    ACTION = "case_action"
    PREFIX = CASES_PREFIX
    ROW_FIELDS = CASE_FIELDS
    FOCUS_FIELD = "attack"
    LIMIT = MAX_CASES
    ROW_NOUN = "case"
    HOLDER = "A test plan"
    WHAT = "test plan"
    ROWS_ANCHOR = "cases-heading"
    formset_class = CaseFormSet

    def __init__(self, data=None, *, plan: AdversarialTestPlan | None = None):
        super().__init__(
            data,
            initial=_plan_fields(plan) if plan is not None else None,
            rows=_rows_of_plan(plan) if plan is not None else None,
        )

    def make_form(self, data=None, **kwargs) -> forms.Form:
        return AdversarialTestPlanForm(data, **kwargs)

    @property
    def cases(self) -> BaseRowFormSet:
        return self.rows

    def service_kwargs(self) -> dict:
        return {**self.form.cleaned_data, "cases": self.cases.row_data()}


def _plan_fields(plan: AdversarialTestPlan) -> dict:
    return {
        name: getattr(plan, name)
        for name in AdversarialTestPlanForm.base_fields
        if name not in VersionedForm.base_fields
    }


def _rows_of_plan(plan: AdversarialTestPlan) -> list[dict]:
    return [{name: getattr(case, name) for name in CASE_FIELDS} for case in plan.cases.all()]
