"""Staff on a round's page: assign it to a reviewer, ask for more reviews of it, or ask the
expert to redact their name (blind review)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from onboarding.conflicts import reviewers_free_for
from onboarding.forms import AssignForm, MoreReviewsForm
from onboarding.models import Round
from onboarding.permissions import get_round_for
from onboarding.services import assignment, redaction
from profiles.models import User
from profiles.once import nothing_made, sent_once
from profiles.permissions import staff_required


def reviewer_choices(round: Round) -> list[tuple[int, str]]:
    taken = set(round.reviews.values_list("reviewer_id", flat=True))
    return [
        (reviewer.pk, reviewer.get_full_name())
        for reviewer in reviewers_free_for(round.submission.owner).only("pk", "name", "email")
        if reviewer.pk not in taken
    ]


def staff_forms(round: Round, *, taken: int) -> dict:
    """The assign and more-reviews forms for the round page, which shows `taken` of the
    round's seats taken: the assignment carries both, and is refused once they change."""
    seats = assignment.Seats(taken, round.reviews_required)
    return {
        "assign_form": AssignForm(reviewers=reviewer_choices(round), seats=seats),
        "more_form": MoreReviewsForm(seats=seats),
    }


def _assignable(request: HttpRequest, pk: int) -> Round:
    """The round, if staff may hand out its seats; one decided or withdrawn since the page was
    opened is refused by the services, in words the round page shows."""
    round, _audience = get_round_for(request.user, pk)
    if round.submission.owner_id == request.user.pk:
        raise PermissionDenied("Staff never assign their own round.")
    return round


@require_POST
@staff_required
def round_assign(request: HttpRequest, pk: int) -> HttpResponse:
    round = _assignable(request, pk)
    form = AssignForm(request.POST, reviewers=reviewer_choices(round))
    if not form.is_valid():
        messages.error(request, "Choose one of the reviewers listed.")
        return redirect(round)
    reviewer = User.objects.get(pk=form.cleaned_data["reviewer"])
    try:
        assignment.round_assign(
            actor=request.user, round=round, reviewer=reviewer, seen=form.seats_seen
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Assigned to {reviewer.get_full_name()}.")
    return redirect(round)


@require_POST
@staff_required
def round_reviews_add(request: HttpRequest, pk: int) -> HttpResponse:
    round = _assignable(request, pk)
    form = MoreReviewsForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Ask for between 1 and 5 more reviews.")
        return redirect(round)
    try:
        round = assignment.round_reviews_add(
            actor=request.user,
            round=round,
            count=form.cleaned_data["count"],
            required_seen=form.required_seen,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The round now needs {round.reviews_required} reviews.")
    return redirect(round)


@require_POST
@staff_required
@sent_once
def round_redaction_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Blind review: ask the expert to take their name out of the flagged artifacts."""
    round, _audience = get_round_for(request.user, pk)
    try:
        redaction.redaction_request(actor=request.user, round=round)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return nothing_made(redirect(round))
    messages.success(request, "The expert is asked by email to remove their name.")
    return redirect(round)
