"""Forms of the review pages: the 60–90 day plan, the queue's filters, scoring, adjudication.

They convert and validate with the same validators the services run; they never write.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField, BoundWidget
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from onboarding.queries.queue import (
    QUEUE_OPEN,
    QUEUE_SORTS,
    QUEUE_STATES,
    WAITING_DAYS,
    QueueFilters,
)
from onboarding.services.reviews import ReviewInput
from onboarding.validators import (
    PLAN_MAX_DAYS,
    PLAN_MIN_DAYS,
    REVIEW_COMMENT_MAX,
    ReviewMarks,
    flags_field,
    level_field,
    median_scores,
    review_problems,
    rubric_comment_field,
    validate_adjudication,
    validate_plan_target,
)
from onboarding.workflow import Decision
from rubrics.content import passes as level_passes

# --- The 60–90 day plan ---------------------------------------------------------------------


class DeepeningPlanForm(forms.Form):
    domain = forms.ChoiceField(label="Domain to deepen")
    target_date = forms.DateField(
        label="Target date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, domains: list[str], today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["domain"].choices = [("", "Choose a domain"), *((d, d) for d in domains)]
        earliest = today + timedelta(days=PLAN_MIN_DAYS)
        latest = today + timedelta(days=PLAN_MAX_DAYS)
        self.fields["target_date"].widget.attrs.update(
            {"min": earliest.isoformat(), "max": latest.isoformat()}
        )
        self.fields["target_date"].help_text = (
            f"{PLAN_MIN_DAYS} to {PLAN_MAX_DAYS} days from today: between "
            f"{earliest:%-d %B %Y} and {latest:%-d %B %Y}."
        )
        self.helper = FormHelper()
        self.helper.form_action = "deepening_plan"
        self.helper.add_input(Submit("save", "Save my plan"))

    def clean_target_date(self) -> date:
        target = self.cleaned_data["target_date"]
        validate_plan_target(target, set_on=self.today)
        return target


# --- The reviewer queue ---------------------------------------------------------------------


class QuickSelect(forms.Select):
    """The same markup as Select, built in Python: the queue's filters list every domain and
    credential, and a template per option cost the page milliseconds (bench/README.md)."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        # Escaped value by value and joined: format_html() per option costs twice as much.
        options = "".join(
            f'<option value="{escape(key)}"{" selected" if str(key) in chosen else ""}>'
            f"{escape(label)}</option>"
            for key, label in self.choices
        )
        options = mark_safe(options)  # noqa: S308 (every key and label is escaped above)
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, attrs, options)


class QueueFilterForm(forms.Form):
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

    def __init__(self, *args, choices: dict[str, list[tuple[str, str]]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = [("", "Any domain"), *choices["domain"]]
        self.fields["shape"].choices = [("", "Any shape"), *choices["shape"]]
        self.fields["credential"].choices = [("", "Any credential"), *choices["credential"]]
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


# --- Scoring ------------------------------------------------------------------------------

SAVE, SUBMIT = "save", "submit"
# Approve and reject are final: submitting one shows a confirmation page first, whose Confirm
# button sends the same fields again with CONFIRM, and whose Go back button with BACK.
FINAL_DECISIONS = frozenset({Decision.APPROVE, Decision.REJECT})
CONFIRM, BACK = "confirm", "back"


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


class ScoringForm(ConfirmedForm, forms.Form):
    """Built from the round's frozen instrument: a level, a comment and the disallowed
    behaviours seen, per rubric; then an overall comment and a decision."""

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

    def __init__(self, *args, instrument: dict, review=None, **kwargs):
        if review is not None and "initial" not in kwargs:
            kwargs["initial"] = _initial_from_review(review)
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


def _initial_from_review(review) -> dict:
    initial = {"decision": review.decision, "comment": review.comment}
    for score in review.scores.all():
        initial[level_field(score.rubric_position)] = score.score
        initial[rubric_comment_field(score.rubric_position)] = score.comment
    flags: dict[int, list[int]] = {}
    for flag in review.flags.all():
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


# --- Who reviews what: conflicts of interest, staff assigning ---------------------------------


class ConflictForm(forms.Form):
    other_email = forms.EmailField(
        label="Their email address",
        max_length=254,
        help_text="A reviewer you must not be reviewed by, or an expert you must not review.",
    )
    reason = forms.CharField(label="Why (optional, seen by staff)", required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class AssignForm(forms.Form):
    reviewer = forms.TypedChoiceField(label="Reviewer", coerce=int)

    def __init__(self, *args, reviewers: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].choices = [("", "Choose a reviewer"), *reviewers]
        self.fields["reviewer"].widget.attrs["class"] = "form-select"


class MoreReviewsForm(forms.Form):
    count = forms.IntegerField(label="More reviews", min_value=1, max_value=5, initial=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["count"].widget.attrs["class"] = "form-control"
