"""/conflicts/: the people someone must not review or be reviewed by, declared by email."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from common.pagination import counted_page
from onboarding.forms import ConflictForm
from onboarding.models import ConflictOfInterest
from onboarding.services import assignment

# The same words whether or not a review was in progress between them: which reviewer holds
# whose round is not for either to learn by declaring (reviewers are anonymous to experts,
# and experts to reviewers under blind review). Staff read the release in the audit trail.
DECLARED = (
    "Declared: you and {email} stay apart. Neither reviews the other's rounds; a review "
    "between you not yet submitted no longer counts, and its round waits for another reviewer."
)
PER_PAGE = 25


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
            messages.success(request, DECLARED.format(email=conflict.other_email))
            return redirect("conflicts")
    declared = ConflictOfInterest.objects.filter(declared_by=request.user)
    declared = declared.order_by("-created", "-pk")
    page = counted_page(declared, request.GET.get("page"), PER_PAGE)
    return render(request, "onboarding/conflicts.html", {"form": form, "page": page})


@require_POST
@login_required
def conflict_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    conflict = get_object_or_404(ConflictOfInterest, pk=pk, declared_by=request.user)
    assignment.conflict_withdraw(actor=request.user, conflict=conflict)
    messages.success(request, f"Withdrawn: the conflict with {conflict.other_email}.")
    # Back to the page it was withdrawn from (the last one, when that page is now empty).
    page = request.POST.get("page", "")
    if page.isdigit() and int(page) > 1:
        return redirect(f"{reverse('conflicts')}?page={page}")
    return redirect("conflicts")
