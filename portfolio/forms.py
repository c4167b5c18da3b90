"""Portfolio forms. They convert and validate input; services do the writing."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from portfolio.models import AdversarialCase, AdversarialTestPlan, WorkSample
from portfolio.services import CaseData
from portfolio.uploads import ACCEPT_ATTRIBUTE, ALLOWED_DESCRIPTION, check_upload
from portfolio.validators import MAX_CASES, validate_case_count, validate_link_url

# --- Work samples ---------------------------------------------------------------------------

SOURCE_FILE, SOURCE_LINK = "file", "link"


class WorkSampleForm(forms.Form):
    title = forms.CharField(max_length=200)
    sample_type = forms.ChoiceField(label="Type", choices=WorkSample.Type.choices)
    description = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What it is, what you did, and what it shows about your judgement.",
    )
    source = forms.ChoiceField(
        label="The sample is",
        choices=[(SOURCE_FILE, "An uploaded file"), (SOURCE_LINK, "A link")],
        widget=forms.RadioSelect,
        initial=SOURCE_FILE,
    )
    file = forms.FileField(
        label="File",
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    url = forms.URLField(
        label="Link",
        required=False,
        max_length=2000,
        assume_scheme="https",
        validators=[validate_link_url],
        help_text="An http:// or https:// address reviewers can open without logging in.",
    )

    def __init__(self, *args, sample: WorkSample | None = None, refused_upload=None, **kwargs):
        if sample is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": sample.title,
                "sample_type": sample.sample_type,
                "description": sample.description,
                "source": SOURCE_FILE if sample.is_upload else SOURCE_LINK,
                "url": sample.url,
            }
        super().__init__(*args, **kwargs)
        self.sample = sample
        self.refused_upload = refused_upload
        has_file = sample is not None and sample.is_upload
        help_text = (
            f"{ALLOWED_DESCRIPTION}, up to {filesizeformat(settings.UPLOAD_MAX_BYTES)}. "
            "Private to you, staff and your reviewers."
        )
        if has_file:
            help_text = (
                f"Now: {sample.file.original_name} ({filesizeformat(sample.file.size)}). "
                f"Choose a new file to replace it, or leave this empty to keep it. {help_text}"
            )
        self.fields["file"].help_text = help_text
        self.helper = FormHelper()
        self.helper.form_class = "work-sample-form"
        self.helper.add_input(Submit("save", "Save work sample"))

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            check_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        source = cleaned.get("source")
        if source == SOURCE_LINK:
            cleaned["file"] = None
            if not cleaned.get("url") and "url" not in self.errors:
                self.add_error("url", "Give the link to your work sample.")
        elif source == SOURCE_FILE:
            cleaned["url"] = ""
            if self.refused_upload:
                # Dropped while the request was read (too large): only the reason is left.
                self.add_error("file", self.refused_upload)
            has_file = self.sample is not None and self.sample.is_upload
            if not (cleaned.get("file") or has_file or "file" in self.errors):
                self.add_error("file", "Choose a file to upload.")
        return cleaned

    def full_clean(self):
        super().full_clean()
        # Browsers never send a chosen file twice: say so when the page comes back.
        if self.errors and self.cleaned_data.get("file"):
            # The bound field copied the help text when it was created: change both.
            self.fields["file"].help_text = self["file"].help_text = (
                "Your file was fine, but browsers forget a chosen file when a page comes back "
                "with errors: choose it again before saving."
            )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "sample_type": data["sample_type"],
            "description": data["description"],
            "url": data["url"],
            "upload": data["file"] or None,
        }


# --- Adversarial test plans -------------------------------------------------------------------


class AdversarialTestPlanForm(forms.Form):
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


class BaseCaseFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": f"A test plan holds at most {MAX_CASES} cases; split it into "
        "several plans.",
    }

    def initial_form_count(self) -> int:
        # Every row is new on each save, so a row left blank is skipped instead of refused.
        return 0

    def filled_forms(self) -> list[forms.Form]:
        return [form for form in self.forms if form.has_changed()]

    def clean(self):
        if any(self.errors):
            return
        validate_case_count(len(self.filled_forms()))

    def case_data(self) -> list[CaseData]:
        return [CaseData(**form.cleaned_data) for form in self.filled_forms()]


CaseFormSet = forms.formset_factory(
    CaseForm, formset=BaseCaseFormSet, extra=0, max_num=MAX_CASES, absolute_max=MAX_CASES
)
CASES_PREFIX = "cases"
CASE_FIELDS = ("attack", "expected_behaviour", "severity")


class AdversarialPlanEditor:
    """The plan form and its ordered case rows, edited in the browser without JavaScript.

    The row buttons (add, remove, move up/down) send the whole form back and get it re-rendered
    with the rows changed and nothing lost; only the Save button asks for a write.
    """

    ACTION = "case_action"

    def __init__(self, data=None, *, plan: AdversarialTestPlan | None = None):
        self.saving = False
        self.focus_row: int | None = None
        self.notice = ""
        if data is None:
            rows = _rows_of_plan(plan) if plan is not None else [{}]
            initial = _plan_fields(plan) if plan is not None else None
            self._unbound(initial, rows)
            return
        action = data.get(self.ACTION)
        if action is None:
            self.saving = True
            self.form = AdversarialTestPlanForm(data)
            self.cases = CaseFormSet(data, prefix=CASES_PREFIX)
            return
        bound_form = AdversarialTestPlanForm(data)
        bound_cases = CaseFormSet(data, prefix=CASES_PREFIX)
        rows = [{name: form[name].value() for name in CASE_FIELDS} for form in bound_cases.forms]
        self._unbound(
            {name: bound_form[name].value() for name in bound_form.fields},
            self._rearranged(rows, action),
        )

    def _unbound(self, initial, rows: list[dict]) -> None:
        self.form = AdversarialTestPlanForm(initial=initial)
        self.cases = CaseFormSet(initial=rows, prefix=CASES_PREFIX)
        self.cases.extra = len(rows)
        if self.focus_row is not None:
            # Keyboard users land in the row they just added or moved.
            self.cases.forms[self.focus_row].fields["attack"].widget.attrs["autofocus"] = True

    def _rearranged(self, rows: list[dict], action: str) -> list[dict]:
        verb, _, index_text = action.partition("-")
        if verb == "add":
            if len(rows) >= MAX_CASES:
                self.notice = f"A test plan holds at most {MAX_CASES} cases."
                return rows
            self.focus_row = len(rows)
            return [*rows, {}]
        try:
            index = int(index_text)
        except ValueError:
            return rows
        if not 0 <= index < len(rows):
            return rows
        if verb == "remove":
            self.notice = f"Case {index + 1} removed. Save to keep the change."
            return rows[:index] + rows[index + 1 :]
        target = index - 1 if verb == "up" else index + 1 if verb == "down" else None
        if target is None or not 0 <= target < len(rows):
            return rows
        rows = list(rows)
        rows[index], rows[target] = rows[target], rows[index]
        self.focus_row = target
        return rows

    def is_valid(self) -> bool:
        # Both forms are validated, so every error shows at once.
        return self.saving and all([self.form.is_valid(), self.cases.is_valid()])

    def add_error(self, error: ValidationError) -> None:
        self.form.add_error(None, error)

    def service_kwargs(self) -> dict:
        return {**self.form.cleaned_data, "cases": self.cases.case_data()}


def _plan_fields(plan: AdversarialTestPlan) -> dict:
    return {name: getattr(plan, name) for name in AdversarialTestPlanForm.base_fields}


def _rows_of_plan(plan: AdversarialTestPlan) -> list[dict]:
    return [{name: getattr(case, name) for name in CASE_FIELDS} for case in plan.cases.all()]
