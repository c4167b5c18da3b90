"""An artifact's rows (a plan's cases, a benchmark's items) edited in the browser without
JavaScript: the formset and the editor around it."""

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError

from common.editablelist import ADD, REMOVE, apply_action, live_mover, parse_action


class BaseRowFormSet(forms.BaseFormSet):
    """The rows of an artifact (a plan's cases, a benchmark's items), written afresh on each
    save; row_formset() says what a row becomes and how many there may be."""

    row_type: type
    validate_count: Callable[[int], None]

    def initial_form_count(self) -> int:
        # Every row is new on each save, so a row left blank is skipped instead of refused.
        return 0

    def filled_forms(self) -> list[forms.Form]:
        return [form for form in self.forms if form.has_changed()]

    def clean(self):
        if any(self.errors):
            return
        self.validate_count(len(self.filled_forms()))

    def row_data(self) -> list:
        return [self.row_type(**form.cleaned_data) for form in self.filled_forms()]


def row_formset(
    form: type[forms.Form],
    *,
    row_type: type,
    validate_count: Callable[[int], None],
    max_rows: int,
    too_many: str,
) -> type[BaseRowFormSet]:
    base = type(
        f"{row_type.__name__}FormSet",
        (BaseRowFormSet,),
        {
            "row_type": row_type,
            "validate_count": staticmethod(validate_count),
            "default_error_messages": {"too_many_forms": too_many},
        },
    )
    return forms.formset_factory(
        form, formset=base, extra=0, max_num=max_rows, absolute_max=max_rows
    )


class RowEditor:
    """A form and its ordered rows (a formset), edited in the browser without JavaScript.

    The row buttons (add, remove, move up/down) send the whole form back and get it re-rendered
    with the rows changed and nothing lost; only the Save button asks for a write. Subclasses
    say which form and formset, and how their rows are named.
    """

    ACTION: str  # the name of the row buttons; their value is add, remove-N, up-N or down-N
    PREFIX: str
    ROW_FIELDS: tuple[str, ...]
    FOCUS_FIELD: str  # the field a keyboard user lands in after adding or removing a row
    LIMIT: int
    ROW_NOUN: str  # "case": "Case 2 removed."
    HOLDER: str  # "A test plan": "A test plan holds at most 200 cases."
    WHAT: str  # "test plan": "The test plan was not saved."
    ROWS_ANCHOR: str  # the id of the rows' heading, where the rows' own errors show
    formset_class: type[forms.BaseFormSet]

    def __init__(self, data=None, *, initial: dict | None = None, rows: list[dict] | None = None):
        self.saving = False
        # Where a keyboard user continues after a row button (the page's autofocus): the
        # FOCUS_FIELD of focus_row ("field"), its move button ("up", "down") or "add".
        self.focus_row: int | None = None
        self.focus_on = ""
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
        if self.focus_on == "field":
            field = self.rows.forms[self.focus_row].fields[self.FOCUS_FIELD]
            field.widget.attrs["autofocus"] = True

    def _rearranged(self, rows: list[dict], value: str) -> list[dict]:
        action = parse_action(value, {"": 0})
        rows = list(rows)
        change = apply_action(rows, action, new_row=dict, limit=self.LIMIT) if action else None
        if change is None:
            return rows
        noun = self.ROW_NOUN.capitalize()
        self.focus_row, self.focus_on = change.index, "field"
        if change.full:
            self.notice = f"{self.HOLDER} holds at most {self.LIMIT} {self.ROW_NOUN}s."
            self.focus_on = "add"
        elif change.verb == ADD:
            self.notice = f"{noun} {change.index + 1} added."
        elif change.verb == REMOVE:
            self.notice = f"{noun} {action.index + 1} removed. Save to keep the change."
            if change.index is None:  # the last one: on to adding another
                self.focus_on = "add"
        else:  # on the same move button, to move it on, as in the rubric builder
            self.notice = f"{noun} moved; it is now {self.ROW_NOUN} {change.index + 1}."
            self.focus_on = live_mover(change.index, action.step, len(rows))
        return rows

    def is_valid(self) -> bool:
        # Both forms are validated, so every error shows at once.
        return self.saving and all([self.form.is_valid(), self.rows.is_valid()])

    @property
    def error_summary(self) -> list[tuple[str, str]]:
        """(id to jump to, "where: what") for every error of a save, listed at the top of the
        page: an error in the twentieth row is far below where the page opens."""
        if not self.saving:
            return []
        summary = [("", message) for message in self.form.non_field_errors()]
        for name, messages in self.form.errors.items():
            if name != forms.forms.NON_FIELD_ERRORS:
                field = self.form[name]
                summary += [(field.auto_id, f"{field.label}: {m}") for m in messages]
        summary += [(self.ROWS_ANCHOR, message) for message in self.rows.non_form_errors()]
        for number, row in enumerate(self.rows.forms, start=1):
            for name, messages in row.errors.items():
                where = f"{self.ROW_NOUN.capitalize()} {number}"
                if name != forms.forms.NON_FIELD_ERRORS:
                    where += f", {row[name].label.lower()}"
                summary += [
                    (row[name].auto_id if name in row.fields else "", f"{where}: {m}")
                    for m in messages
                ]
        return summary

    def add_error(self, error: ValidationError) -> None:
        self.form.add_error(None, error)
