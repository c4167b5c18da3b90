"""Declared conflicts of interest, and staff assigning a round or asking for reviews."""

from crispy_forms.helper import FormHelper
from django import forms

from onboarding.services.assignment import Seats


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
    # The seats the page showed; missing (an older page) matches no round, so it is refused.
    taken = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    required = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(
        self, *args, reviewers: list[tuple[int, str]], seats: Seats | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].choices = [("", "Choose a reviewer"), *reviewers]
        self.fields["reviewer"].widget.attrs["class"] = "form-select"
        if seats is not None:
            self.initial.update(taken=seats.taken, required=seats.required)

    @property
    def seats_seen(self) -> Seats:
        return Seats(self.cleaned_data["taken"], self.cleaned_data["required"])


class MoreReviewsForm(forms.Form):
    count = forms.IntegerField(label="More reviews", min_value=1, max_value=5, initial=1)
    # The reviews the round needed on the page; missing (an older page) matches no round.
    required = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, seats: Seats | None = None, **kwargs):
        # Its own ids: the assign form beside it has a `required` field too.
        kwargs.setdefault("auto_id", "more-%s")
        super().__init__(*args, **kwargs)
        self.fields["count"].widget.attrs["class"] = "form-control"
        if seats is not None:
            self.initial["required"] = seats.required

    @property
    def required_seen(self) -> int:
        return self.cleaned_data["required"] or 0
