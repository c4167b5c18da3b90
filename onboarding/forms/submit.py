"""The confirmations an expert gives before submitting."""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError

from onboarding.confirmations import (
    CONFIRMATIONS,
    confirmations_required,
    validate_confirmations,
)


class SubmitConfirmationsForm(forms.Form):
    """The statements an expert confirms before submitting; the benchmark one only when the
    portfolio has benchmarks. validate_confirmations() says what is missing, per statement."""

    def __init__(self, *args, has_benchmarks: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_benchmarks = has_benchmarks
        for key in confirmations_required(has_benchmarks=has_benchmarks):
            self.fields[key] = forms.BooleanField(label=CONFIRMATIONS[key], required=False)
        self.helper = FormHelper()
        self.helper.form_tag = False

    @property
    def confirmed(self) -> list[str]:
        return [key for key, value in self.cleaned_data.items() if value]

    def clean(self):
        data = super().clean()
        try:
            validate_confirmations(self.confirmed, has_benchmarks=self.has_benchmarks)
        except ValidationError as error:
            self.add_error(None, error)
        return data


# --- Who reviews what: conflicts of interest, staff assigning ---------------------------------
