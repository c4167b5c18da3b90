"""/conflicts/: the people someone must not review or be reviewed by, declared by email."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from onboarding.forms import ConflictForm
from onboarding.models import ConflictOfInterest
from onboarding.services import assignment


def _released_note(count: int) -> str:
    """What declaring released, if anything: a review in progress either of you held on the
    other's round."""
    if count == 1:
        return (
            " A review in progress between you was released (its draft dropped): the round "
            "waits for another reviewer."
        )
    if count > 1:
        return (
            f" {count} reviews in progress between you were released (their drafts dropped): "
            "the rounds wait for other reviewers."
        )
    return ""


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def conflicts(request: HttpRequest) -> HttpResponse:
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conflict = assignment.conflict_declare(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("other_email", error)
        else:
            messages.success(
                request,
                f"Declared: you and {conflict.other_email} stay apart."
                + _released_note(conflict.claims_released),
            )
            return redirect("conflicts")
    declared = ConflictOfInterest.objects.filter(declared_by=request.user).order_by("-created")
    return render(request, "onboarding/conflicts.html", {"form": form, "declared": declared})


@require_POST
@login_required
def conflict_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    conflict = get_object_or_404(ConflictOfInterest, pk=pk, declared_by=request.user)
    assignment.conflict_withdraw(actor=request.user, conflict=conflict)
    messages.success(request, f"Withdrawn: the conflict with {conflict.other_email}.")
    return redirect("conflicts")
