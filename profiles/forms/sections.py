"""The profile editor's list sections (domains, strengths, credentials, tools, declined
topics, work samples): their row forms and what each section is."""

from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django import forms

from profiles.models import WorkSampleType
from profiles.schema import max_items
from profiles.shape import DEPTH_LABELS

DEPTH_CHOICES = [
    ("", "Not set (counts as 2, working)"),
    *((depth, f"{depth}: {label}") for depth, label in DEPTH_LABELS.items()),
]
DEPTH_VALUES = {str(depth) for depth in DEPTH_LABELS}


class ProfileRowForm(forms.Form):
    """One row of a list section; every field is optional so a blank row is skipped."""

    # (field name, column classes) in display order.
    columns: tuple[tuple[str, str], ...] = ()

    def __init__(self, *args, suggestions: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if suggestions:
            # The <datalist> of values others use; browsers offer them without JavaScript.
            first = self.fields[self.columns[0][0]]
            first.widget.attrs.update({"list": suggestions, "autocomplete": "off"})

    def column_fields(self) -> list[tuple[forms.BoundField, str]]:
        return [(self[name], css) for name, css in self.columns]

    def is_blank(self) -> bool:
        return all(self.cleaned_data.get(name) in (None, "") for name, _css in self.columns)


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
    # Title and type on a line of their own below 1200 px, the link beside the row's buttons:
    # all on one line, the link had 85 px at 992.
    columns = (("title", "col-md-8 col-xl-4"), ("type", "col-md-4 col-xl-3"), ("link", "col-md"))


class ProfileRowFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if "item_label" in kwargs:
            kwargs["number"] = "" if index is None else index + 1
        return kwargs


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
    notice: str = ""
    # Where the keyboard lands after a row button: ("field", row), ("up"|"down"|"remove", row)
    # or ("add", None); see ProfileEditor.with_action().
    focus: tuple[str, int | None] | None = None

    @property
    def button_name(self) -> str:
        """The list's name in its row buttons' values (common.editablelist takes no "_")."""
        return self.key.replace("_", "-")

    @property
    def focus_kind(self) -> str:
        return self.focus[0] if self.focus else ""

    @property
    def focus_row(self) -> int | None:
        return self.focus[1] if self.focus else None

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
            max_num=self.max_items + 10,
            absolute_max=self.max_items + 10,
        )


def list_sections() -> list[ListSection]:
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
