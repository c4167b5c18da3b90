"""Fields rendered in Python give the markup crispy-bootstrap5's field template gives."""

from datetime import date

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from pytest_django.asserts import assertHTMLEqual

from common.field_markup import field_markup, hidden_fields_markup, widget_markup
from onboarding.forms import DeepeningPlanForm
from profiles.forms import ProfileEditor
from tests.factories import skill_profile_document
from tests.profiles.editor import editor_data


def editor_fields(editor: ProfileEditor) -> list:
    fields = [editor.basics[name] for name in editor.basics.fields]
    for section in editor.sections:
        for form in [*section.formset.forms, section.formset.empty_form]:
            fields.extend(form[name] for name in form.fields)
    return fields


def assert_same_markup(build) -> int:
    """Build the form twice (crispy adds classes to the widgets it renders) and compare every
    field; returns how many fields were compared."""
    ours, theirs = editor_fields(build()), editor_fields(build())
    assert len(ours) == len(theirs)
    for mine, crispy in zip(ours, theirs, strict=True):
        assertHTMLEqual(str(field_markup(mine)), str(as_crispy_field(crispy)))
    return len(ours)


DOCUMENT = skill_profile_document(
    headline="Evaluator <of> “clinical” reasoning & risk",
    bio="Line one.\n<b>Line two</b> & more.",
    visibility="public",
    domains=["finance", "risk"],
    domain_depth={"risk": 5},
    tools=["python", 'pandas "quoted"'],
    availability={"hours_per_week": 15, "timezone": "Europe/Berlin"},
    hourly_rate={"amount": 42.5, "currency": "USD"},
    work_samples=[{"title": "Memo", "type": "memo", "link": "https://example.org/m?a=1&b=2"}],
)


def test_field_markup_matches_crispy_for_a_loaded_profile():
    count = assert_same_markup(lambda: ProfileEditor.for_document(DOCUMENT, version=3))
    assert count > 25


def test_field_markup_matches_crispy_for_a_new_profile():
    assert_same_markup(lambda: ProfileEditor.for_document(None, version=0))


def test_field_markup_matches_crispy_with_errors_at_the_fields():
    data = editor_data(
        headline=" leading space",
        hours_per_week="500",
        rate_amount="abc",
        rate_currency="dollars",
        timezone="Mars/Olympus",
        domains=[{"name": "", "depth": "4"}, {"name": "finance", "depth": "9"}],
        tools=["python", "python"],
        work_samples=[{"title": "", "type": "memo", "link": "ftp://example.org"}],
    )

    def build():
        editor = ProfileEditor(data)
        assert not editor.is_valid()
        return editor

    assert "is-invalid" in "".join(str(field_markup(f)) for f in editor_fields(build()))
    assert_same_markup(build)


def test_field_markup_matches_crispy_for_an_added_row():
    data = editor_data(
        headline="Typed",
        domains=[{"name": "finance", "depth": "4"}],
        tools=["python", "old"],
        action="add-domains",
    )

    def build():
        editor = ProfileEditor(data)
        return editor.with_action()

    markup = "".join(str(field_markup(f)) for f in editor_fields(build()))
    assert "autofocus" in markup
    assert_same_markup(build)


@pytest.mark.parametrize("data", [None, {"domain": "nope", "target_date": "yesterday"}])
def test_field_markup_matches_crispy_for_required_fields(data):
    def build():
        form = DeepeningPlanForm(data, domains=["finance", "risk"], today=date(2026, 1, 5))
        form.is_valid()
        return form

    for name in ("domain", "target_date"):
        assertHTMLEqual(str(field_markup(build()[name])), str(as_crispy_field(build()[name])))


class Odd(forms.Form):
    """What the editor does not use: no ids, a widget with its own class, a hidden input,
    option groups, a radio list (left to crispy)."""

    note = forms.CharField(widget=forms.TextInput(attrs={"class": "wide", "autofocus": True}))
    hidden = forms.CharField(widget=forms.HiddenInput, initial="x")
    grouped = forms.ChoiceField(choices=[("Fruit", [("a", "Apple"), ("b", "<Banana>")])])
    radio = forms.ChoiceField(choices=[("y", "Yes"), ("n", "No")], widget=forms.RadioSelect)


@pytest.mark.parametrize("auto_id", ["id_%s", False])
def test_field_markup_matches_crispy_for_other_widgets(auto_id):
    for name in Odd.base_fields:
        ours = field_markup(Odd({"note": "<hi>"}, auto_id=auto_id)[name])
        theirs = as_crispy_field(Odd({"note": "<hi>"}, auto_id=auto_id)[name])
        assertHTMLEqual(str(ours), str(theirs))


@pytest.mark.parametrize(
    "placement",
    [{}, {"help_text_inline": True}, {"error_text_inline": False}, {"form_show_labels": False}],
)
def test_field_markup_follows_a_form_helpers_placement(placement):
    class Helped(forms.Form):
        age = forms.IntegerField(help_text="Whole <em>years</em>.", min_value=18)
        agree = forms.BooleanField(help_text="Tick it.")

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.helper = FormHelper()
            for name, value in placement.items():
                setattr(self.helper, name, value)

    for name in Helped.base_fields:
        ours = field_markup(Helped({"age": "3"})[name])
        theirs = as_crispy_field(Helped({"age": "3"})[name])
        assertHTMLEqual(str(ours), str(theirs))


@pytest.mark.parametrize("data", [None, editor_data(tools=["python"]), {"tools-TOTAL_FORMS": "x"}])
def test_hidden_fields_markup_is_what_the_management_form_renders(data):
    formset = ProfileEditor(data).section["tools"].formset
    assertHTMLEqual(
        str(hidden_fields_markup(formset.management_form)), str(formset.management_form)
    )


class _Widgets(forms.Form):
    """A widget of each kind widget_markup() meets, or leaves to Django."""

    text = forms.CharField(help_text="Shown <b>under</b> it")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    agree = forms.BooleanField(required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)
    pick = forms.ChoiceField(choices=[("a", "A & a"), ("b", "B")])
    tags = forms.MultipleChoiceField(
        choices=[("x", "X"), ("y", "Y")], widget=forms.MultipleHiddenInput
    )
    was = forms.CharField(show_hidden_initial=True, initial="before")


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "text": 'a "quoted" <b>',
            "notes": "\nline & <i>x</i>\x00",
            "day": "not a day",
            "agree": "on",
            "version": "x",
            "pick": "b",
            "tags": ["x", "y"],
            "was": "after",
        },
    ],
)
def test_widget_markup_is_what_the_field_draws(data):
    form = _Widgets(data, initial={"notes": "kept", "day": date(2026, 12, 7)})
    form.is_valid()
    for field in form:
        assert widget_markup(field) == str(field), field.name
