"""The review queue's filters."""

import html

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from common.forms import ErrorsDescribedForm
from onboarding.queries.queue import (
    BLIND_NAME_SORT,
    QUEUE_OPEN,
    QUEUE_SORTS,
    QUEUE_STATES,
    WAITING_DAYS,
    QueueFilters,
)


class QuickSelect(forms.Select):
    """The same markup as Select, built in Python: the queue's filters list every domain and
    credential, and a template per option cost the page milliseconds (bench/README.md)."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        # Escaped value by value and joined: format_html() per option costs twice as much,
        # and Django's escape() checks for lazy text on every call.
        options = "".join(
            f'<option value="{html.escape(str(key))}"{" selected" if str(key) in chosen else ""}>'
            f"{html.escape(str(label))}</option>"
            for key, label in self.choices
        )
        options = mark_safe(options)  # noqa: S308 (every key and label is escaped above)
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, attrs, options)


class QueueFilterForm(ErrorsDescribedForm):
    q = forms.CharField(label="Name or headline", required=False, max_length=100)
    state = forms.ChoiceField(
        label="Status", required=False, choices=QUEUE_STATES.items(), widget=QuickSelect
    )
    domain = forms.ChoiceField(label="Domain", required=False, widget=QuickSelect)
    shape = forms.ChoiceField(label="Shape", required=False, widget=QuickSelect)
    credential = forms.ChoiceField(label="Credential", required=False, widget=QuickSelect)
    waiting = forms.TypedChoiceField(
        label="Waiting",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any time"), *((str(d), f"More than {d} days") for d in WAITING_DAYS)],
        widget=QuickSelect,
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[(key, label) for key, (label, _) in QUEUE_SORTS.items()],
        widget=QuickSelect,
    )

    def __init__(
        self, *args, choices: dict[str, list[tuple[str, str]]], blind: bool = False, **kwargs
    ):
        """`blind`: the reader may not learn experts' names (blind_for()), so the queue is
        never ordered by name for them."""
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = [("", "Any domain"), *choices["domain"]]
        self.fields["shape"].choices = [("", "Any shape"), *choices["shape"]]
        self.fields["credential"].choices = [("", "Any credential"), *choices["credential"]]
        if blind:
            self.fields["sort"].choices = [
                (key, label) for key, label in self.fields["sort"].choices if key != "name"
            ]
            if self.data.get("sort") == "name":  # an old bookmark: show the order it gets
                self.data = self.data.copy()
                self.data["sort"] = BLIND_NAME_SORT
        for field in self.fields.values():
            css = "form-control" if isinstance(field.widget, forms.TextInput) else "form-select"
            field.widget.attrs["class"] = css

    def filters(self) -> QueueFilters:
        """The valid filters; a value that is not valid (an old bookmark) is ignored."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value}
        return QueueFilters(
            q=data.get("q", "").strip(),
            state=data.get("state", QUEUE_OPEN),
            domain=data.get("domain", ""),
            shape=data.get("shape", ""),
            credential=data.get("credential", ""),
            waiting=data.get("waiting"),
            sort=data.get("sort", "match"),
        )
