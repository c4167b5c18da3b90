"""A benchmark, its items, and importing items from CSV or JSON Lines."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.template.defaultfilters import filesizeformat

from common.forms import FileOrPasteForm, paste_field, upload_field
from common.text import over_limit
from common.versions import VersionedForm
from portfolio import benchmark_items
from portfolio.benchmark_items import BenchmarkItemData
from portfolio.forms.rows import BaseRowFormSet, RowEditor, row_formset
from portfolio.models import (
    Benchmark,
    BenchmarkItem,
)
from portfolio.services import IMPORT_APPEND, IMPORT_REPLACE
from portfolio.validators import (
    BENCHMARK_TEXT_MAX,
    ITEM_SOURCE_MAX,
    ITEM_TEXT_MAX,
    MAX_ITEMS,
    validate_item_count,
)


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


BenchmarkItemFormSet = row_formset(
    BenchmarkItemForm,
    row_type=BenchmarkItemData,
    validate_count=validate_item_count,
    max_rows=MAX_ITEMS,
    too_many=f"A benchmark holds at most {MAX_ITEMS} items; split it into several benchmarks.",
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
    WHAT = "benchmark"
    ROWS_ANCHOR = "items-heading"
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
    def items(self) -> BaseRowFormSet:
        return self.rows

    def service_kwargs(self) -> dict:
        return {**self.form.cleaned_data, "items": self.items.row_data()}


FORMAT_AUTO = "auto"


class BenchmarkItemsImportForm(VersionedForm, FileOrPasteForm):
    max_bytes = benchmark_items.MAX_BYTES
    both_message = "Upload a file or paste the items, not both."
    neither_message = "Choose a file to upload, or paste the items."

    file = upload_field(
        label="File",
        help_text=f"A .csv or .jsonl file of at most {filesizeformat(benchmark_items.MAX_BYTES)}, "
        "in UTF-8.",
        accept=".csv,.jsonl,.ndjson,.json,.txt,text/csv,application/jsonl",
    )
    text = paste_field(
        label="Or paste the items",
        rows=10,
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
            f"The file is {over_limit(size, self.max_bytes)}. "
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
