"""Portfolio forms. They convert and validate input; services do the writing."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from common.forms import FileOrPasteForm
from common.uploads import ACCEPT_ATTRIBUTE, ALLOWED_DESCRIPTION, check_upload
from common.versions import VersionedForm
from portfolio import benchmark_items
from portfolio.benchmark_items import BenchmarkItemData
from portfolio.models import (
    AdversarialCase,
    AdversarialTestPlan,
    Benchmark,
    BenchmarkItem,
    WorkSample,
)
from portfolio.services import IMPORT_APPEND, IMPORT_REPLACE, CaseData
from portfolio.validators import (
    BENCHMARK_TEXT_MAX,
    ITEM_SOURCE_MAX,
    ITEM_TEXT_MAX,
    MAX_CASES,
    MAX_ITEMS,
    validate_case_count,
    validate_item_count,
    validate_link_url,
)

# --- Work samples ---------------------------------------------------------------------------

SOURCE_FILE, SOURCE_LINK = "file", "link"


class WorkSampleForm(VersionedForm):
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


class RowEditor:
    """A form and its ordered rows (a formset), edited in the browser without JavaScript.

    The row buttons (add, remove, move up/down) send the whole form back and get it re-rendered
    with the rows changed and nothing lost; only the Save button asks for a write. Subclasses
    say which form and formset, and how their rows are named.
    """

    ACTION: str  # the name of the row buttons; their value is add, remove-N, up-N or down-N
    PREFIX: str
    ROW_FIELDS: tuple[str, ...]
    FOCUS_FIELD: str  # the field a keyboard user lands in after adding or moving a row
    LIMIT: int
    ROW_NOUN: str  # "case": "Case 2 removed."
    HOLDER: str  # "A test plan": "A test plan holds at most 200 cases."
    formset_class: type[forms.BaseFormSet]

    def __init__(self, data=None, *, initial: dict | None = None, rows: list[dict] | None = None):
        self.saving = False
        self.focus_row: int | None = None
        self.notice = ""
        if data is None:
            self._unbound(initial, rows if rows is not None else [{}])
            return
        action = data.get(self.ACTION)
        if action is None:
            self.saving = True
            self.form = self.make_form(data)
            self.rows = self.formset_class(data, prefix=self.PREFIX)
            return
        bound_form = self.make_form(data)
        bound_rows = self.formset_class(data, prefix=self.PREFIX)
        values = [
            {name: form[name].value() for name in self.ROW_FIELDS} for form in bound_rows.forms
        ]
        self._unbound(
            {name: bound_form[name].value() for name in bound_form.fields},
            self._rearranged(values, action),
        )

    def make_form(self, data=None, **kwargs) -> forms.Form:
        raise NotImplementedError

    def _unbound(self, initial, rows: list[dict]) -> None:
        self.form = self.make_form(initial=initial)
        self.rows = self.formset_class(initial=rows, prefix=self.PREFIX)
        self.rows.extra = len(rows)
        if self.focus_row is not None:
            # Keyboard users land in the row they just added or moved.
            field = self.rows.forms[self.focus_row].fields[self.FOCUS_FIELD]
            field.widget.attrs["autofocus"] = True

    def _rearranged(self, rows: list[dict], action: str) -> list[dict]:
        verb, _, index_text = action.partition("-")
        if verb == "add":
            if len(rows) >= self.LIMIT:
                self.notice = f"{self.HOLDER} holds at most {self.LIMIT} {self.ROW_NOUN}s."
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
            self.notice = (
                f"{self.ROW_NOUN.capitalize()} {index + 1} removed. Save to keep the change."
            )
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
        return self.saving and all([self.form.is_valid(), self.rows.is_valid()])

    def add_error(self, error: ValidationError) -> None:
        self.form.add_error(None, error)


class AdversarialPlanEditor(RowEditor):
    ACTION = "case_action"
    PREFIX = CASES_PREFIX
    ROW_FIELDS = CASE_FIELDS
    FOCUS_FIELD = "attack"
    LIMIT = MAX_CASES
    ROW_NOUN = "case"
    HOLDER = "A test plan"
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
    def cases(self) -> BaseCaseFormSet:
        return self.rows

    def service_kwargs(self) -> dict:
        return {**self.form.cleaned_data, "cases": self.cases.case_data()}


def _plan_fields(plan: AdversarialTestPlan) -> dict:
    return {
        name: getattr(plan, name)
        for name in AdversarialTestPlanForm.base_fields
        if name not in VersionedForm.base_fields
    }


def _rows_of_plan(plan: AdversarialTestPlan) -> list[dict]:
    return [{name: getattr(case, name) for name in CASE_FIELDS} for case in plan.cases.all()]


# --- Benchmarks -------------------------------------------------------------------------------


class TextBlockField(forms.CharField):
    """Multi-line text, stored with one kind of line break. Browsers send a textarea's line
    breaks as two characters (CRLF): normalised first, so the length limit counts what is
    stored, as the browser's own maxlength does."""

    widget = forms.Textarea

    def to_python(self, value):
        return benchmark_items.clean_text(super().to_python(value))


class BenchmarkForm(VersionedForm):
    title = forms.CharField(max_length=200)
    domain = forms.ChoiceField(
        help_text="One of the domains in your profile: a benchmark shows depth in a domain."
    )
    description = TextBlockField(
        required=False,
        max_length=BENCHMARK_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the benchmark tests, for which kind of model, and why it matters.",
    )
    metric = forms.CharField(
        max_length=Benchmark._meta.get_field("metric").max_length,
        help_text="What is measured, e.g. “exact-match accuracy” or “pass rate against the "
        "reference answer”.",
    )
    target = forms.CharField(
        max_length=Benchmark._meta.get_field("target").max_length,
        help_text="The bar to reach, with a number, e.g. “at least 90%, and every adversarial "
        "item passed”.",
    )
    sources = TextBlockField(
        required=False,
        max_length=BENCHMARK_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Standards, regulations, textbooks or papers the items draw on. Or give each "
        "item its own source.",
    )

    def __init__(self, *args, domains: list[str], current_domain: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(name, name) for name in domains]
        if current_domain and current_domain not in domains:
            choices.append((current_domain, f"{current_domain} (no longer in your profile)"))
        if len(choices) == 1:
            self.fields["domain"].initial = choices[0][0]
        self.fields["domain"].choices = [("", "Choose a domain…"), *choices]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "title",
            "domain",
            "description",
            Fieldset(
                "Measurable goal",
                Row(Column("metric", css_class="col-md-6"), Column("target", css_class="col-md-6")),
            ),
            "sources",
        )


class BenchmarkItemForm(forms.Form):
    prompt = TextBlockField(max_length=ITEM_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    reference_answer = TextBlockField(
        max_length=ITEM_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    rationale = TextBlockField(
        required=False, max_length=ITEM_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    difficulty = forms.ChoiceField(
        choices=BenchmarkItem.Difficulty.choices, initial=BenchmarkItem.Difficulty.MEDIUM
    )
    adversarial = forms.BooleanField(
        label="Adversarial: a trap, a misleading premise or a tricky edge case",
        required=False,
        initial=False,
    )
    source = forms.CharField(required=False, max_length=ITEM_SOURCE_MAX)


class BaseBenchmarkItemFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": f"A benchmark holds at most {MAX_ITEMS} items; split it into "
        "several benchmarks.",
    }

    def initial_form_count(self) -> int:
        # Every row is new on each save, so a row left blank is skipped instead of refused.
        return 0

    def filled_forms(self) -> list[forms.Form]:
        return [form for form in self.forms if form.has_changed()]

    def clean(self):
        if any(self.errors):
            return
        validate_item_count(len(self.filled_forms()))

    def item_data(self) -> list[BenchmarkItemData]:
        return [BenchmarkItemData(**form.cleaned_data) for form in self.filled_forms()]


BenchmarkItemFormSet = forms.formset_factory(
    BenchmarkItemForm,
    formset=BaseBenchmarkItemFormSet,
    extra=0,
    max_num=MAX_ITEMS,
    absolute_max=MAX_ITEMS,
)
ITEM_FIELDS = benchmark_items.HEADER


class BenchmarkEditor(RowEditor):
    ACTION = "item_action"
    PREFIX = "items"
    ROW_FIELDS = ITEM_FIELDS
    FOCUS_FIELD = "prompt"
    LIMIT = MAX_ITEMS
    ROW_NOUN = "item"
    HOLDER = "A benchmark"
    formset_class = BenchmarkItemFormSet

    def __init__(self, data=None, *, domains: list[str], benchmark: Benchmark | None = None):
        self.domains = domains
        self.current_domain = benchmark.domain if benchmark is not None else ""
        initial = rows = None
        if benchmark is not None:
            initial = {
                name: getattr(benchmark, name)
                for name in BenchmarkForm.base_fields
                if name not in VersionedForm.base_fields
            }
            rows = [
                {name: getattr(item, name) for name in ITEM_FIELDS}
                for item in benchmark.items.all()
            ]
        super().__init__(data, initial=initial, rows=rows)

    def make_form(self, data=None, **kwargs) -> forms.Form:
        return BenchmarkForm(
            data, domains=self.domains, current_domain=self.current_domain, **kwargs
        )

    @property
    def items(self) -> BaseBenchmarkItemFormSet:
        return self.rows

    def service_kwargs(self) -> dict:
        return {**self.form.cleaned_data, "items": self.items.item_data()}


FORMAT_AUTO = "auto"


class BenchmarkItemsImportForm(VersionedForm, FileOrPasteForm):
    max_bytes = benchmark_items.MAX_BYTES
    both_message = "Upload a file or paste the items, not both."
    neither_message = "Choose a file to upload, or paste the items."

    file = forms.FileField(
        label="File",
        required=False,
        help_text=f"A .csv or .jsonl file of at most {filesizeformat(benchmark_items.MAX_BYTES)}, "
        "in UTF-8.",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".csv,.jsonl,.ndjson,.json,.txt,text/csv,application/jsonl"}
        ),
    )
    text = forms.CharField(
        label="Or paste the items",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false", "class": "font-monospace"}),
        help_text="CSV with its header row, or one JSON object per line.",
    )
    file_format = forms.ChoiceField(
        label="Format",
        choices=[
            (FORMAT_AUTO, "Tell from the file name or the text"),
            (benchmark_items.CSV, "CSV"),
            (benchmark_items.JSONL, "JSON Lines"),
        ],
        initial=FORMAT_AUTO,
        widget=forms.RadioSelect,
    )
    mode = forms.ChoiceField(
        label="The imported items",
        choices=[
            (IMPORT_APPEND, "Add after the items the benchmark has"),
            (IMPORT_REPLACE, "Replace all the items the benchmark has"),
        ],
        initial=IMPORT_APPEND,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.resolved_format = benchmark_items.CSV

    def refused_upload_message(self) -> str:
        # Dropped while the request was read: only the fact that it was too large is left.
        return f"The file is too large; the limit is {filesizeformat(self.max_bytes)}."

    def file_too_large_message(self, size: int) -> str:
        return (
            f"The file is {filesizeformat(size)}; the limit is {filesizeformat(self.max_bytes)}. "
            "Split it and import the parts one after the other (choose “Add”)."
        )

    def text_too_large_message(self, size: int) -> str:
        limit = filesizeformat(self.max_bytes)
        return f"The pasted text is over {limit}; split it into several imports."

    def clean(self) -> dict:
        data = super().clean()
        if not self.read_source():
            return data
        if self.source_field == "file":
            head = self.source[:256].decode("utf-8", "ignore")
            name = data["file"].name or ""
        else:
            head, name = self.source[:256], ""
        chosen = data.get("file_format")
        if chosen in (benchmark_items.CSV, benchmark_items.JSONL):
            self.resolved_format = chosen
        else:
            self.resolved_format = benchmark_items.detect_format(name, head)
        return data


# --- What the public page shows ---------------------------------------------------------------


class PublicationForm(forms.Form):
    """A checkbox per artifact (and per benchmark for its items); unticked means private."""

    def __init__(self, *args, rows: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for kind, kind_rows in rows.items():
            self.fields[kind] = forms.TypedMultipleChoiceField(
                choices=[(row.id, row.title) for row in kind_rows],
                coerce=int,
                required=False,
            )
        self.fields["benchmark_items"] = forms.TypedMultipleChoiceField(
            choices=[(row.id, row.title) for row in rows.get("benchmarks", [])],
            coerce=int,
            required=False,
        )

    def choices(self) -> dict:
        """The service's arguments: every listed artifact, the ticked ones, the items."""
        return {
            "shown": {kind: {row.id for row in rows} for kind, rows in self.rows.items()},
            "public": {kind: set(self.cleaned_data[kind]) for kind in self.rows},
            "items": set(self.cleaned_data["benchmark_items"]),
        }
