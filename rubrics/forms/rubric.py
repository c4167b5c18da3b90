"""The rubric's own fields (title, objective, pass score, sources, kind)."""

from django import forms

from common.versions import VersionedForm
from rubrics.content import clean_block, clean_line
from rubrics.models import Rubric
from rubrics.validators import (
    OBJECTIVE_MAX,
    SCORE_MAX,
    SCORE_MIN,
    SOURCES_MAX,
    TITLE_MAX,
)

KIND_CHOICES = [
    (Rubric.Kind.REVIEW.value, "Review rubric — reviewers score portfolios with it"),
    (Rubric.Kind.ARTIFACT.value, "Portfolio rubric — your own artifact"),
]


class RubricForm(VersionedForm):
    """The rubric's own fields; the scale is handled by RubricBuilder around it."""

    kind = forms.ChoiceField(
        label="Kind of rubric", choices=KIND_CHOICES, widget=forms.RadioSelect, required=False
    )
    title = forms.CharField(
        label="Title (optional)",
        required=False,
        help_text="Shown in lists. Without one, the objective names the rubric.",
        widget=forms.TextInput(attrs={"maxlength": TITLE_MAX}),
    )
    objective = forms.CharField(
        label="Objective",
        required=False,  # the rule in validators.py says what is missing
        help_text="What the rubric measures, e.g. “Assess step-by-step reasoning clarity "
        "and correctness”.",
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": OBJECTIVE_MAX}),
    )
    pass_score = forms.IntegerField(
        label="Lowest passing score (optional)",
        required=False,
        help_text="Levels with this score or higher pass; the levels below fail.",
        widget=forms.NumberInput(
            attrs={"min": SCORE_MIN, "max": SCORE_MAX, "step": 1, "class": "score-input"}
        ),
    )
    sources = forms.CharField(
        label="Sources (optional)",
        required=False,
        help_text="Standards, regulations or textbooks the criteria come from, one per line.",
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": SOURCES_MAX}),
    )

    def __init__(self, *args, choose_kind: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not choose_kind:
            del self.fields["kind"]

    def clean_title(self) -> str:
        return clean_line(self.cleaned_data["title"])

    def clean_objective(self) -> str:
        return clean_block(self.cleaned_data["objective"])

    def clean_sources(self) -> str:
        return clean_block(self.cleaned_data["sources"])
