"""Scoring and adjudication, with the confirmation step before a final decision.

They convert and validate with the same validators the services run; they never write.
"""

from dataclasses import dataclass

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField, BoundWidget
from django.http import QueryDict

from common.forms import ErrorsDescribedForm
from common.versions import Snapshot, VersionedForm
from onboarding.services.reviews import ReviewInput
from onboarding.validators import (
    REVIEW_COMMENT_MAX,
    ReviewMarks,
    flags_field,
    level_field,
    median_scores,
    review_problems,
    rubric_comment_field,
    validate_adjudication,
)
from onboarding.workflow import Decision
from rubrics.content import passes as level_passes

SAVE, SUBMIT = "save", "submit"
# Approve and reject are final: submitting one shows a confirmation page first, whose Confirm
# button sends the same fields again with CONFIRM, and whose Go back button with BACK.
FINAL_DECISIONS = frozenset({Decision.APPROVE, Decision.REJECT})
CONFIRM, BACK = "confirm", "back"


def _as_read(field: forms.Field, value) -> str | list[str]:
    """A field's value as a person reads it: a choice by its label, a text as it is."""
    labels = {str(key): str(label) for key, label in getattr(field, "choices", ())}
    if isinstance(field, forms.MultipleChoiceField):
        return [labels.get(str(item), str(item)) for item in value or []]
    return "" if value in (None, "") else labels.get(str(value), str(value))


def entered(form: forms.Form, labels: dict[str, str]) -> list[tuple[str, str]]:
    """What was entered in a bound form, field by field (`labels`, by name), leaving out
    what was left empty: for a page that cannot take it any more, to copy from."""
    read = (
        (label, _as_read(form.fields[name], form[name].value())) for name, label in labels.items()
    )
    return [
        (label, "; ".join(value) if isinstance(value, list) else value)
        for label, value in read
        if value
    ]


class ConfirmedForm:
    """The confirmation step of a form whose final decisions are confirmed."""

    data: QueryDict
    fields: dict

    @property
    def confirmed(self) -> bool:
        return self.data.get(CONFIRM) == "yes"

    @property
    def going_back(self) -> bool:
        return BACK in self.data

    def resent_values(self) -> list[tuple[str, str]]:
        """What was entered, field by field, for the confirmation's hidden inputs."""
        return [
            (name, value)
            for name in self.fields
            for value in (self.data.getlist(name) if hasattr(self.data, "getlist") else [])
        ]


@dataclass(frozen=True)
class ScoreLine:
    """One rubric on the confirmation page."""

    title: str
    score: str
    passes: bool | None
    flagged: tuple[str, ...] = ()


@dataclass(frozen=True)
class LevelChoice:
    radio: BoundWidget
    score: int
    criteria: tuple[str, ...]
    passes: bool | None


@dataclass(frozen=True)
class RubricGroup:
    """One rubric of the instrument as the form shows it."""

    position: int
    title: str
    objective: str
    levels: tuple[LevelChoice, ...]
    level: BoundField
    comment: BoundField
    flags: BoundField | None

    @property
    def legend_id(self) -> str:
        return f"rubric-{self.position}-legend"


class ScoringForm(ConfirmedForm, VersionedForm, ErrorsDescribedForm):
    """Built from the round's frozen instrument: a level, a comment and the disallowed
    behaviours seen, per rubric; then an overall comment and a decision. It carries the
    version of the review it was opened at (a draft saved since in another tab refuses it)."""

    comment = forms.CharField(
        label="Overall comment",
        required=False,
        max_length=REVIEW_COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The expert reads this. Required when you request changes or reject.",
    )
    decision = forms.ChoiceField(
        label="Decision",
        required=False,
        choices=Decision.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, instrument: dict, review=None, marks=None, **kwargs):
        """`marks`: the review's scores and flags, when read already (marks_of())."""
        if review is not None and "initial" not in kwargs:
            kwargs["initial"] = _initial_from_review(review, marks)
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.rubrics = instrument.get("rubrics", [])
        for position, entry in enumerate(self.rubrics):
            body = entry["rubric"]
            self.fields[level_field(position)] = forms.TypedChoiceField(
                label=f"Level for {entry['title']}",
                required=False,
                coerce=int,
                empty_value=None,
                choices=[(level["score"], f"Score {level['score']}") for level in body["scale"]],
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )
            self.fields[rubric_comment_field(position)] = forms.CharField(
                label=f"Comment on {entry['title']} (optional)",
                required=False,
                max_length=REVIEW_COMMENT_MAX,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            )
            if body.get("disallow"):
                self.fields[flags_field(position)] = forms.TypedMultipleChoiceField(
                    label="Disallowed behaviours this portfolio shows",
                    required=False,
                    coerce=int,
                    choices=list(enumerate(body["disallow"])),
                    widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
                )
        self.fields["comment"].widget.attrs["class"] = "form-control"
        # Fields in reading order: every rubric, then the overall comment and the decision.
        self.order_fields([name for name in self.fields if name not in ("comment", "decision")])

    @property
    def submitting(self) -> bool:
        return self.data.get("action") == SUBMIT

    @property
    def needs_confirmation(self) -> bool:
        """A valid, final review whose decision is final too, not yet confirmed."""
        return (
            self.submitting
            and self.cleaned_data.get("decision") in FINAL_DECISIONS
            and not self.confirmed
        )

    def _labels(self) -> dict[str, str]:
        """Each field's label, unique: every rubric's behaviours are named by its title."""
        labels = {
            name: str(field.label)
            for name, field in self.fields.items()
            if name not in VersionedForm.base_fields
        }
        for position, entry in enumerate(self.rubrics):
            if flags_field(position) in labels:
                labels[flags_field(position)] = f"Disallowed behaviours seen in {entry['title']}"
        return labels

    def draft_snapshot(self) -> Snapshot:
        """The saved draft this form was started from, as it reads: what a refused save
        compares with the draft saved since."""
        return {
            label: _as_read(self.fields[name], self.initial.get(name))
            for name, label in self._labels().items()
        }

    def entered(self) -> list[tuple[str, str]]:
        return entered(self, self._labels())

    def score_lines(self) -> list[ScoreLine]:
        lines = []
        for position, entry in enumerate(self.rubrics):
            body = entry["rubric"]
            score = self.cleaned_data.get(level_field(position))
            behaviours = body.get("disallow", [])
            ticked = sorted(self.cleaned_data.get(flags_field(position)) or [])
            lines.append(
                ScoreLine(
                    title=entry["title"],
                    score=str(score),
                    passes=level_passes(score, body.get("pass_score")),
                    flagged=tuple(behaviours[i] for i in ticked),
                )
            )
        return lines

    def rubric_groups(self) -> list[RubricGroup]:
        groups = []
        for position, entry in enumerate(self.rubrics):
            body = entry["rubric"]
            level = self[level_field(position)]
            pass_score = body.get("pass_score")
            groups.append(
                RubricGroup(
                    position=position,
                    title=entry["title"],
                    objective=body.get("objective", ""),
                    levels=tuple(
                        LevelChoice(
                            radio=radio,
                            score=scale["score"],
                            criteria=tuple(scale["criteria"]),
                            passes=level_passes(scale["score"], pass_score),
                        )
                        for radio, scale in zip(level, body["scale"], strict=True)
                    ),
                    level=level,
                    comment=self[rubric_comment_field(position)],
                    flags=self[flags_field(position)] if body.get("disallow") else None,
                )
            )
        return groups

    def review_input(self) -> ReviewInput:
        data = self.cleaned_data
        count = len(self.rubrics)
        return ReviewInput(
            scores={i: data.get(level_field(i)) for i in range(count)},
            rubric_comments={i: data.get(rubric_comment_field(i), "") for i in range(count)},
            flags={i: set(data.get(flags_field(i)) or []) for i in range(count)},
            decision=data.get("decision") or "",
            comment=data.get("comment", ""),
        )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        review = self.review_input()
        problems = review_problems(
            self.instrument,
            scores=review.scores,
            flags=review.flags,
            decision=review.decision,
            comment=review.comment,
            rubric_comments=review.rubric_comments,
            final=self.submitting,
        )
        for field, messages in problems.items():
            for message in messages:
                self.add_error(field, message)
        return data


def _initial_from_review(review, marks=None) -> dict:
    scores, flags_given = marks or (review.scores.all(), review.flags.all())
    initial = {"decision": review.decision, "comment": review.comment}
    for score in scores:
        initial[level_field(score.rubric_position)] = score.score
        initial[rubric_comment_field(score.rubric_position)] = score.comment
    flags: dict[int, list[int]] = {}
    for flag in flags_given:
        flags.setdefault(flag.rubric_position, []).append(flag.behaviour_position)
    for position, indexes in flags.items():
        initial[flags_field(position)] = indexes
    return initial


# --- Adjudication ---------------------------------------------------------------------------


class AdjudicationForm(ConfirmedForm, forms.Form):
    # Not required here: validate_adjudication() says what is missing, in the product's words.
    decision = forms.ChoiceField(
        label="Decision", required=False, choices=Decision.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="Reasons for the decision",
        required=False,
        max_length=REVIEW_COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The expert reads this beside the reviews.",
    )

    def __init__(self, *args, instrument: dict, reviews: list[ReviewMarks], **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.reviews = reviews
        self.helper = FormHelper()
        self.helper.form_tag = False

    @property
    def needs_confirmation(self) -> bool:
        return self.cleaned_data.get("decision") in FINAL_DECISIONS and not self.confirmed

    def entered(self) -> list[tuple[str, str]]:
        return entered(self, {name: str(field.label) for name, field in self.fields.items()})

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                validate_adjudication(
                    decision=data["decision"],
                    note=data["note"],
                    instrument=self.instrument,
                    reviews=self.reviews,
                )
            except ValidationError as error:
                self.add_error(None, error)
        return data

    def score_lines(self) -> list[ScoreLine]:
        """Each rubric's median level over the reviews, the level the policy judges."""
        medians = median_scores(self.instrument, self.reviews)
        return [
            ScoreLine(
                title=entry["title"],
                score="—" if medians[position] is None else f"{medians[position]:g} (median)",
                passes=level_passes(medians[position], entry["rubric"].get("pass_score")),
            )
            for position, entry in enumerate(self.instrument.get("rubrics", []))
        ]
