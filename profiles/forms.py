from dataclasses import dataclass
from dataclasses import field as dataclass_field

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm

from common.forms import FileOrPasteForm
from common.versions import VersionedForm
from profiles.documents import json_number
from profiles.models import User, Visibility, WorkSampleType
from profiles.resume import ResumeImport, is_json_resume, resume_import
from profiles.schema import DocumentError, document_errors, max_items
from profiles.shape import DEPTH_LABELS, ShapeResult, shape_of
from profiles.validators import (
    MAX_DOCUMENT_BYTES,
    DocumentInvalid,
    parse_profile_document,
    size_words,
)


class SignupForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("name", "email")
        labels = {"name": "Full name", "email": "Email address"}
        help_texts = {"email": "You will log in with this address."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["name"].widget.attrs.update({"autocomplete": "name"})
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Create account"))

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(
                "An account with this email address already exists. Log in instead, "
                "or reset your password."
            )
        return email


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autofocus": True, "autocomplete": "email"}
        )
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Log in"))


# --- Tools: the income calculator and the decision guide (GET forms, never saved) -----

DEPTH_CHOICES = [
    ("", "Not set (counts as 2, working)"),
    *((depth, f"{depth}: {label}") for depth, label in DEPTH_LABELS.items()),
]
DEPTH_VALUES = {str(depth) for depth in DEPTH_LABELS}


class ProfileBasicsForm(forms.Form):
    headline = forms.CharField(
        required=False,
        help_text="One line that says who you are as an evaluator, e.g. "
        "“Quant researcher with evaluation design experience”.",
    )
    bio = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="A short, plain-language bio that states your domain authority "
        "(e.g. CFA, RN, JD, PhD, SWE). Up to 2,000 characters.",
    )
    visibility = forms.ChoiceField(
        label="Who can see your profile",
        choices=Visibility.choices,
        required=False,
        help_text="A public profile has its own address you can share.",
    )
    hours_per_week = forms.IntegerField(
        label="Hours per week",
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text="Between 1 and 80.",
    )
    timezone = forms.CharField(
        label="Time zone",
        required=False,
        widget=forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off"}),
        help_text="An IANA name such as Europe/Berlin or America/New_York, "
        "or a UTC offset such as UTC-5 or UTC+05:30.",
    )
    rate_amount = forms.DecimalField(
        label="Hourly rate you expect",
        required=False,
        max_digits=12,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text="For example 42 or 37.50.",
    )
    rate_currency = forms.CharField(
        label="Currency",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 4}),
        help_text="Three letters, e.g. USD or EUR.",
    )

    def clean_rate_currency(self) -> str:
        return self.cleaned_data["rate_currency"].upper()


class ProfileRowForm(forms.Form):
    """One row of a list section; every field is optional so a blank row is skipped."""

    # (field name, column classes) in display order; the Remove box comes last.
    columns: tuple[tuple[str, str], ...] = ()

    def __init__(self, *args, suggestions: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if suggestions:
            # The <datalist> of values others use; browsers offer them without JavaScript.
            first = self.fields[self.columns[0][0]]
            first.widget.attrs.update({"list": suggestions, "autocomplete": "off"})

    def column_fields(self) -> list[tuple[forms.BoundField, str]]:
        columns = (*self.columns, ("DELETE", "col-md-auto editor-remove"))
        return [(self[name], css) for name, css in columns if name in self.fields]

    def is_blank(self) -> bool:
        return all(self.cleaned_data.get(name) in (None, "") for name, _css in self.columns)

    @property
    def marked_for_removal(self) -> bool:
        return bool(getattr(self, "cleaned_data", {}).get("DELETE"))


class DomainRowForm(ProfileRowForm):
    name = forms.CharField(label="Name", required=False)
    depth = forms.TypedChoiceField(
        label="Depth", choices=DEPTH_CHOICES, coerce=int, empty_value=None, required=False
    )
    columns = (("name", "col-md"), ("depth", "col-md-4"))


class TextRowForm(ProfileRowForm):
    """A one-field row: its field is labelled with the entry's number ("Tool 2")."""

    text = forms.CharField(required=False)
    columns = (("text", "col"),)

    def __init__(self, *args, item_label: str = "Entry", number: int | str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = f"{item_label} {number}"


class WorkSampleRowForm(ProfileRowForm):
    title = forms.CharField(required=False)
    type = forms.ChoiceField(choices=[("", "Not said"), *WorkSampleType.choices], required=False)
    link = forms.CharField(
        required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    columns = (("title", "col-md-4"), ("type", "col-md-3"), ("link", "col-md"))


class ProfileRowFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if "item_label" in kwargs:
            # The blank template row is numbered in the browser.
            kwargs["number"] = "__num__" if index is None else index + 1
        return kwargs

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = "Remove"


# Lists whose entries are offered from the values other profiles use.
SUGGESTED_LISTS = ("domains", "strengths", "credentials", "tools")


@dataclass
class ListSection:
    key: str
    title: str
    item_label: str
    add_label: str
    help_text: str
    form_class: type[ProfileRowForm]
    fields: tuple[str, ...]
    formset: forms.BaseFormSet | None = None
    errors: list[str] = dataclass_field(default_factory=list)

    @property
    def form_kwargs(self) -> dict:
        kwargs = {"item_label": self.item_label} if self.form_class is TextRowForm else {}
        if self.key in SUGGESTED_LISTS:
            kwargs["suggestions"] = f"{self.key}-suggestions"
        return kwargs

    @property
    def max_items(self) -> int:
        return max_items(self.key)

    @property
    def can_add(self) -> bool:
        return len(self.formset.forms) < self.max_items

    def formset_class(self) -> type[forms.BaseFormSet]:
        return forms.formset_factory(
            self.form_class,
            formset=ProfileRowFormSet,
            extra=0,
            can_delete=True,
            max_num=self.max_items + 10,
            absolute_max=self.max_items + 10,
        )


def _list_sections() -> list[ListSection]:
    text_fields = ("text",)
    return [
        ListSection(
            "domains",
            "Domains and depth",
            "Domain",
            "Add another domain",
            "The domains you can evaluate, each with a depth from 1 (familiar) to "
            "5 (authority). Depth 4 or more is deep; your shape comes from these.",
            DomainRowForm,
            ("name", "depth"),
        ),
        ListSection(
            "strengths",
            "Strengths",
            "Strength",
            "Add another strength",
            "What you do best, e.g. reasoning evaluation, benchmarking, prompt design.",
            TextRowForm,
            text_fields,
        ),
        ListSection(
            "credentials",
            "Credentials",
            "Credential",
            "Add another credential",
            "Degrees, certifications and licences, e.g. MSc Statistics, CFA Level II.",
            TextRowForm,
            text_fields,
        ),
        ListSection(
            "tools",
            "Tools",
            "Tool",
            "Add another tool",
            "Tooling you use, e.g. Python, SQL, annotation frameworks, LLM prompting.",
            TextRowForm,
            text_fields,
        ),
        ListSection(
            "topics_declined",
            "Topics you won't touch",
            "Topic",
            "Add another topic",
            "Topics you will not work on.",
            TextRowForm,
            text_fields,
        ),
        ListSection(
            "work_samples",
            "Work samples",
            "Work sample",
            "Add another work sample",
            "Links to work that shows your reasoning (rubrics, benchmarks, test plans, "
            "memos) and your domain (reports, datasets, code).",
            WorkSampleRowForm,
            ("title", "type", "link"),
        ),
    ]


# Where each document path lives in the basics form; list paths are mapped as rows are read.
_BASICS_PATHS: dict[tuple, str] = {
    ("headline",): "headline",
    ("bio",): "bio",
    ("visibility",): "visibility",
    ("availability",): "hours_per_week",
    ("availability", "hours_per_week"): "hours_per_week",
    ("availability", "timezone"): "timezone",
    ("hourly_rate",): "rate_amount",
    ("hourly_rate", "amount"): "rate_amount",
    ("hourly_rate", "currency"): "rate_currency",
}


@dataclass
class ErrorLink:
    """One line of the error summary at the top of the editor, linking to the field."""

    label: str
    message: str
    anchor: str


def _basics_initial(document: dict) -> dict:
    availability = document.get("availability", {})
    rate = document.get("hourly_rate", {})
    return {
        "headline": document.get("headline", ""),
        "bio": document.get("bio", ""),
        "visibility": document.get("visibility", Visibility.PRIVATE),
        "hours_per_week": availability.get("hours_per_week"),
        "timezone": availability.get("timezone", ""),
        "rate_amount": rate.get("amount"),
        "rate_currency": rate.get("currency", ""),
    }


def _rows_initial(document: dict, key: str) -> list[dict]:
    if key == "domains":
        depths = document.get("domain_depth", {})
        return [{"name": n, "depth": depths.get(n)} for n in document.get("domains", [])]
    if key == "work_samples":
        return [dict(sample) for sample in document.get("work_samples", [])]
    return [{"text": text} for text in document.get(key, [])]


class ProfileEditor:
    """The editor page's forms: the basics plus one formset per list section.

    Build it with `for_document()` (a GET), `ProfileEditor(data)` (a POST) or
    `with_row_added()` (the no-JavaScript "Add another" buttons).
    """

    def __init__(
        self, data=None, *, initial: dict | None = None, version: int = 0, based_on: str = ""
    ):
        self.data = data
        self.version = version
        self.based_on = based_on  # common.versions: the note of what the editor was opened at
        self.errors: list[str] = []
        self.sections = _list_sections()
        initial = initial or {}
        if data is not None:
            self.version = _version(data.get("version"))
            self.based_on = data.get("based_on", "")
        self.basics = ProfileBasicsForm(data, initial=initial.get("basics"))
        for section in self.sections:
            formset_class = section.formset_class()
            section.formset = formset_class(
                data,
                prefix=section.key,
                initial=initial.get(section.key),
                form_kwargs=section.form_kwargs,
            )
        self._document: dict | None = None

    @classmethod
    def for_document(cls, document: dict | None, *, version: int) -> "ProfileEditor":
        document = document or {}
        initial: dict = {"basics": _basics_initial(document)}
        for section in _list_sections():
            # An empty list shows one blank row to start typing in.
            initial[section.key] = _rows_initial(document, section.key) or [{}]
        return cls(initial=initial, version=version)

    @property
    def section(self) -> dict[str, ListSection]:
        return {section.key: section for section in self.sections}

    @property
    def requested_row(self) -> str | None:
        """The list whose "Add another" button sent this POST, if any."""
        wanted = (self.data or {}).get("add")
        return wanted if wanted in self.section else None

    def with_row_added(self, key: str) -> "ProfileEditor":
        """The same typed input, unsaved and without error messages, plus one blank row."""
        data = self.data
        initial: dict = {"basics": {name: data.get(name) for name in ProfileBasicsForm.base_fields}}
        for section in self.sections:
            rows = self._posted_rows(section)
            if section.key == key and len(rows) < section.max_items:
                rows.append({})
            initial[section.key] = rows or [{}]
        editor = ProfileEditor(initial=initial, version=self.version, based_on=self.based_on)
        new_row = editor.section[key].formset.forms[-1]
        first_field = editor.section[key].fields[0]
        new_row.fields[first_field].widget.attrs["autofocus"] = True
        return editor

    def _posted_rows(self, section: ListSection) -> list[dict]:
        """A list's rows as typed, valid or not, each with its Remove box as a bool."""
        data = self.data
        total = _count(data.get(f"{section.key}-TOTAL_FORMS"), section.max_items + 10)
        rows = []
        for index in range(total):
            prefix = f"{section.key}-{index}-"
            row = {name: data.get(prefix + name, "") for name in section.fields}
            row["DELETE"] = bool(data.get(prefix + "DELETE"))
            rows.append(row)
        return rows

    def shape(self) -> ShapeResult:
        """The shape the domains as typed make, before they are valid or saved: the editor's
        live picture, drawn by the same rule as the saved profile's."""
        section = self.section["domains"]
        rows = (section.formset.initial or []) if self.data is None else self._posted_rows(section)
        pairs = []
        for row in rows:
            name = str(row.get("name") or "").strip()
            depth = str(row.get("depth") or "")
            if name and not row.get("DELETE"):
                pairs.append((name, int(depth) if depth in DEPTH_VALUES else None))
        return shape_of(pairs)

    # --- reading the POST into a document ----------------------------------------------

    def _read_basics(self, document: dict, targets: dict) -> None:
        self.basics.is_valid()
        values = self.basics.cleaned_data
        for parts, name in _BASICS_PATHS.items():
            targets[parts] = (self.basics, name)
        for name in ("headline", "bio", "visibility"):
            if values.get(name):
                document[name] = values[name]
        availability = {}
        if values.get("hours_per_week") is not None:
            availability["hours_per_week"] = values["hours_per_week"]
        if values.get("timezone"):
            availability["timezone"] = values["timezone"]
        if availability:
            document["availability"] = availability
        rate = {}
        if values.get("rate_amount") is not None:
            rate["amount"] = json_number(values["rate_amount"])
        if values.get("rate_currency"):
            rate["currency"] = values["rate_currency"]
        if rate:
            document["hourly_rate"] = rate

    def _kept_rows(self, section: ListSection) -> list[ProfileRowForm]:
        formset = section.formset
        formset.is_valid()
        section.errors.extend(formset.non_form_errors())
        kept = []
        for form in formset.forms:
            form.is_valid()
            if form.marked_for_removal or not hasattr(form, "cleaned_data"):
                continue
            if form.is_blank() and not form.errors:
                continue
            kept.append(form)
        return kept

    def _read_lists(self, document: dict, targets: dict) -> None:
        for section in self.sections:
            targets[(section.key,)] = section
            rows = self._kept_rows(section)
            if section.key == "domains":
                targets[("domain_depth",)] = section
                names, depths = [], {}
                for form in rows:
                    name, depth = form.cleaned_data.get("name"), form.cleaned_data.get("depth")
                    if not name:
                        if depth is not None:
                            form.add_error(
                                "name", "Name this domain, or set its depth to “Not set”."
                            )
                        continue
                    targets[("domains", len(names))] = (form, "name")
                    targets[("domain_depth", name)] = (form, "depth")
                    names.append(name)
                    if depth is not None:
                        depths[name] = depth
                document["domains"] = names
                if depths:
                    document["domain_depth"] = depths
            elif section.key == "work_samples":
                samples = []
                for form in rows:
                    index = len(samples)
                    targets[("work_samples", index)] = (form, None)
                    sample = {}
                    for name in ("title", "type", "link"):
                        targets[("work_samples", index, name)] = (form, name)
                        if form.cleaned_data.get(name):
                            sample[name] = form.cleaned_data[name]
                    samples.append(sample)
                if samples:
                    document["work_samples"] = samples
            else:
                texts = []
                for form in rows:
                    if form.cleaned_data.get("text"):
                        targets[(section.key, len(texts))] = (form, "text")
                        texts.append(form.cleaned_data["text"])
                if texts:
                    document[section.key] = texts

    def is_valid(self) -> bool:
        """Read every form into a document and check it; errors land at their fields."""
        document: dict = {}
        targets: dict = {}
        self._read_basics(document, targets)
        self._read_lists(document, targets)
        self.show_document_errors(document_errors(document), targets)
        self._document = document
        return not self.has_errors

    @property
    def document(self) -> dict:
        if self._document is None:
            raise ValueError("Call is_valid() first.")
        return self._document

    def show_document_errors(self, errors: list[DocumentError], targets: dict | None = None):
        targets = targets if targets is not None else {}
        for error in errors:
            parts = error.parts
            while parts and parts not in targets:
                parts = parts[:-1]
            target = targets.get(parts)
            if isinstance(target, ListSection):
                target.errors.append(error.sentence if error.parts == parts else str(error))
            elif target is not None:
                form, field = target
                form.add_error(field, error.sentence)
            else:
                self.errors.append(str(error) if error.parts else error.sentence)

    @property
    def has_errors(self) -> bool:
        forms_with_errors = [self.basics, *(f for s in self.sections for f in s.formset.forms)]
        return (
            bool(self.errors)
            or any(s.errors for s in self.sections)
            or any(form.errors for form in forms_with_errors if form.is_bound)
        )

    def error_summary(self) -> list[ErrorLink]:
        links = [ErrorLink("Profile", message, "editor-errors") for message in self.errors]
        for name, messages in self.basics.errors.items():
            field = self.basics[name]
            for message in messages:
                links.append(ErrorLink(field.label, message, field.auto_id))
        for section in self.sections:
            for message in section.errors:
                links.append(ErrorLink(section.title, message, f"section-{section.key}"))
            for number, form in enumerate(section.formset.forms, start=1):
                if not form.is_bound or form.marked_for_removal:
                    continue
                for name, messages in form.errors.items():
                    where = f"{section.item_label} {number}"
                    anchor = f"{section.key}-row-{number - 1}"
                    if name != forms.forms.NON_FIELD_ERRORS:
                        where += f", {form[name].label.lower()}"
                        anchor = form[name].auto_id
                    for message in messages:
                        links.append(ErrorLink(where, message, anchor))
        return links


def _count(value, limit: int) -> int:
    try:
        return max(0, min(int(value), limit))
    except (TypeError, ValueError):
        return 0


def _version(value) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


class ProfileImportForm(VersionedForm, FileOrPasteForm):
    """An uploaded or pasted skill-profile document, parsed and validated; or a JSON Resume,
    parsed and mapped into `resume` for a preview."""

    max_bytes = MAX_DOCUMENT_BYTES
    both_message = "Upload a file or paste JSON, not both."
    neither_message = "Choose a file to upload, or paste a skill-profile JSON document."

    file = forms.FileField(
        label="JSON file",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
        help_text=(
            f"A skill-profile or JSON Resume .json file of at most {MAX_DOCUMENT_BYTES // 1024} KB."
        ),
    )
    text = forms.CharField(
        label="Or paste the JSON",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false", "class": "font-monospace"}),
    )
    # Set by the résumé preview's confirm button, which posts the mapped document as text.
    from_resume = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.document_errors: list[DocumentError] = []
        self.resume: ResumeImport | None = None

    def file_too_large_message(self, size: int) -> str:
        return f"The file is {size_words(size)}; the limit is {size_words(MAX_DOCUMENT_BYTES)}."

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.read_source():
            return cleaned
        source = self.source_field
        try:
            document = parse_profile_document(self.source)
        except DocumentInvalid as exc:
            raise forms.ValidationError({source: exc.document_errors[0].sentence}) from exc
        if is_json_resume(document):
            # Only previewed: nothing is saved until the person confirms what it maps to.
            self.resume = resume_import(document)
            return cleaned
        self.document_errors = document_errors(document)
        if self.document_errors:
            count = len(self.document_errors)
            raise forms.ValidationError(
                {
                    source: f"This document has {count} problem{'s' if count > 1 else ''}, "
                    "listed above. Nothing was changed."
                }
            )
        cleaned["document"] = document
        return cleaned
