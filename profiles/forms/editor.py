"""The profile editor: the basics form and one formset per list section, read into a
skill-profile document and checked against the schema, errors shown at their fields."""

from dataclasses import dataclass

from django import forms

from common.editablelist import (
    ADD,
    REMOVE,
    Change,
    ListAction,
    apply_action,
    live_mover,
    parse_action,
)
from profiles.documents import json_number
from profiles.forms.sections import DEPTH_VALUES, ListSection, ProfileRowForm, list_sections
from profiles.models import Visibility
from profiles.schema import DocumentError, document_errors
from profiles.shape import ShapeResult, shape_of


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


# Ends the path of a problem with a key itself (DocumentError.at_key), not with its value.
_KEY = object()

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
    `with_action()` (a row button: add, remove, move; plain submit or htmx alike).
    """

    def __init__(
        self, data=None, *, initial: dict | None = None, version: int = 0, based_on: str = ""
    ):
        self.data = data
        self.version = version
        self.based_on = based_on  # common.versions: the note of what the editor was opened at
        self.errors: list[str] = []
        self.sections = list_sections()
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
        for section in list_sections():
            # An empty list shows one blank row to start typing in.
            initial[section.key] = _rows_initial(document, section.key) or [{}]
        return cls(initial=initial, version=version)

    @property
    def section(self) -> dict[str, ListSection]:
        return {section.key: section for section in self.sections}

    @property
    def row_button_pressed(self) -> bool:
        """Whether a row button (add, remove, move up or down) sent this POST, not Save."""
        return "action" in (self.data or {})

    def with_action(self) -> "ProfileEditor":
        """The same typed input, unsaved and without error messages, with the row button's
        change made (none for a stale or tampered button); the keyboard lands where it can go
        on, as in the other list editors."""
        by_name = {section.button_name: section for section in self.sections}
        action = parse_action(self.data.get("action"), dict.fromkeys(by_name, 0))
        section = by_name[action.name] if action else None
        data = self.data
        initial: dict = {"basics": {name: data.get(name) for name in ProfileBasicsForm.base_fields}}
        change = None
        for each in self.sections:
            rows = self._posted_rows(each)
            if section is not None and each.key == section.key:
                change = apply_action(rows, action, new_row=dict, limit=each.max_items)
            initial[each.key] = rows
        editor = ProfileEditor(initial=initial, version=self.version, based_on=self.based_on)
        if change is not None:
            _refocus(editor.section[section.key], action, change)
        return editor

    def _posted_rows(self, section: ListSection) -> list[dict]:
        """A list's rows as typed, valid or not."""
        data = self.data
        total = _count(data.get(f"{section.key}-TOTAL_FORMS"), section.max_items + 10)
        return [
            {name: data.get(f"{section.key}-{index}-{name}", "") for name in section.fields}
            for index in range(total)
        ]

    def shape(self) -> ShapeResult:
        """The shape the domains as typed make, before they are valid or saved: the editor's
        live picture, drawn by the same rule as the saved profile's."""
        section = self.section["domains"]
        rows = (section.formset.initial or []) if self.data is None else self._posted_rows(section)
        pairs = []
        for row in rows:
            # Without NUL characters, as the name's field shows it again (common.forms).
            name = str(row.get("name") or "").replace("\x00", "").strip()
            depth = str(row.get("depth") or "")
            if name:
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
            if not hasattr(form, "cleaned_data"):
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
                        if depth is not None and not form.has_error("name"):
                            form.add_error(
                                "name", "Name this domain, or set its depth to “Not set”."
                            )
                        continue
                    targets[("domains", len(names))] = (form, "name")
                    targets[("domain_depth", name)] = (form, "depth")
                    # The name as domain_depth's key: its own problems belong to the name.
                    targets[("domain_depth", name, _KEY)] = (form, "name")
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
            whole = (*error.parts, _KEY) if error.at_key else error.parts
            parts = whole
            while parts and parts not in targets:
                parts = parts[:-1]
            target = targets.get(parts)
            if isinstance(target, ListSection):
                target.errors.append(error.sentence if whole == parts else str(error))
            elif target is not None:
                form, field = target
                # A refused field is missing from the document: not also "This is required."
                if not form.has_error(field):
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
                if not form.is_bound:
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


def _refocus(section: ListSection, action: ListAction, change: Change) -> None:
    """Say what changed and put the keyboard where it can go on: in the row added, on the move
    button of the row moved, in the row that took a removed one's place."""
    label = section.item_label
    if change.full:
        section.notice = f"This list holds at most {section.max_items} entries."
        return
    if change.verb == REMOVE:
        section.notice = f"{label} {action.index + 1} removed. Save to keep the change."
        section.focus = ("field", change.index) if change.index is not None else ("add", None)
    elif change.verb == ADD:
        section.focus = ("field", change.index)
    else:
        count = len(section.formset.forms)
        section.focus = (live_mover(change.index, action.step, count), change.index)
    if section.focus[0] == "field":
        form = section.formset.forms[change.index]
        form.fields[section.fields[0]].widget.attrs["autofocus"] = True


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
