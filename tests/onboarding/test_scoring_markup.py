"""The scoring form's widgets drawn in Python (as_widget, as_tag) give exactly what Django's
widget templates give: `{{ field }}` and `{{ option.tag }}`."""

import pytest
from django import forms

from common.field_markup import option_markup, widget_markup
from onboarding.forms import ScoringForm
from tests.onboarding.test_views_review_round import scoring_post

pytestmark = pytest.mark.django_db


def compared(form: ScoringForm) -> tuple[int, int]:
    """Each field of `form` drawn both ways; how many widgets and options were compared."""
    widgets = options = 0
    for field in form:
        if isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            for option in field.subwidgets:
                assert option_markup(option) == option.tag()
                options += 1
        else:
            assert widget_markup(field) == str(field)
            widgets += 1
    return widgets, options


def test_scoring_widgets_in_python_match_django_unbound(round):
    widgets, options = compared(ScoringForm(instrument=round.instrument))
    # Two rubrics' comments, the overall comment, the version; levels, flags and decisions.
    assert widgets >= 4 and options >= 10


@pytest.mark.parametrize(
    "overrides",
    [
        # What a reviewer typed, shown again: markup and quotes escaped, the choices ticked.
        {"comment_0": 'A <b>bold</b> "claim" & more', "flags_0": ["0"], "decision": "reject"},
        # Refused: the fields with errors are invalid and described by their messages.
        {"level_0": "9", "comment": "x" * 20_001, "decision": "maybe"},
    ],
)
def test_scoring_widgets_in_python_match_django_bound(round, overrides):
    form = ScoringForm(scoring_post(**overrides), instrument=round.instrument)
    assert form.is_valid() == ("level_0" not in overrides)
    html = "".join(
        str(widget_markup(field))
        for field in form
        if not isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
    )
    assert compared(form)[1] >= 10
    if "level_0" in overrides:
        assert form.errors and 'aria-invalid="true"' in html
    else:
        assert "&lt;b&gt;bold&lt;/b&gt; &quot;claim&quot; &amp; more" in html
        ticked = [
            str(option_markup(option))
            for name in ("decision", "flags_0")
            for option in form[name].subwidgets
            if " checked" in str(option_markup(option))
        ]
        assert ticked == [
            '<input type="radio" name="decision" value="reject" class="form-check-input" '
            'id="id_decision_2" checked>',
            '<input type="checkbox" name="flags_0" value="0" class="form-check-input" '
            'id="id_flags_0_0" checked>',
        ]
