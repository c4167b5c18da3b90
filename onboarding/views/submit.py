"""/submit/: what submitting needs, submitting a round, and withdrawing it."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from common.pagination import counted_page
from onboarding.checklist import preflight_checks, round_opening
from onboarding.forms import SubmitConfirmationsForm
from onboarding.models import Round
from onboarding.permissions import can_withdraw, get_own_round_for
from onboarding.queries import rounds
from onboarding.queries.homes import person_with_profile
from onboarding.services import submissions
from onboarding.views.kept_parts import keep_frozen_copies
from portfolio.integrity import personal_data_of
from portfolio.outline import portfolio_outline
from profiles.permissions import remember_reviewer

ROUNDS_PER_PAGE = 20


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def submit(request: HttpRequest) -> HttpResponse:
    # One query for the person's profile and whether they review (for the navigation).
    owner = person_with_profile(request.user)
    remember_reviewer(request.user, owner)
    outline = portfolio_outline(owner, with_items=True)
    form = SubmitConfirmationsForm(
        request.POST if request.method == "POST" else None,
        has_benchmarks=outline.benchmark_count > 0,
    )
    refused = []
    if form.is_valid():
        try:
            round = submissions.submission_submit(actor=request.user, confirmed=form.confirmed)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                # A benchmark was added since the page was shown: ask for its statement too.
                form = SubmitConfirmationsForm(request.POST, has_benchmarks=True)
                form.is_valid()
            else:
                refused = error.messages
        else:
            keep_frozen_copies(round)
            messages.success(
                request,
                f"Round {round.number} is submitted. Reviewers see it exactly as it is now; "
                "you can withdraw it until one of them starts.",
            )
            return redirect("submit")
    if form.errors:
        refused = refused or ["Confirm each statement below to submit."]
    own, latest = _rounds_page(request)
    # What submitting would refuse, judged without freezing; submitting freezes and judges.
    checks = preflight_checks(outline)
    opening = round_opening(latest)
    return render(
        request,
        "onboarding/submit.html",
        {
            "form": form,
            "personal_data": personal_data_of(
                request.user, uploads=outline.uploads, items=outline.benchmark_items
            ),
            "checks": checks,
            "ready": all(check.ok for check in checks),
            "opening": opening,
            "rounds": own.object_list,
            "rounds_page": own,
            "latest": latest,
            "refused": refused,
            "withdrawable": latest is not None and can_withdraw(request.user, latest),
            "next_number": (latest.number + 1) if latest else 1,
            "resubmit_days": settings.RESUBMIT_AFTER_REJECTION_DAYS,
        },
    )


def _rounds_page(request: HttpRequest) -> tuple[Page, Round | None]:
    """A page of the person's rounds, latest first, and their latest round: the first row of
    the first page, or one more query on a later page."""
    own = rounds.rounds_of(request.user)
    page = counted_page(own, request.GET.get("page"), ROUNDS_PER_PAGE)
    if page.number > 1:
        return page, own.first()
    return page, (page.object_list[0] if page.object_list else None)


@require_POST
@login_required
def submission_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_own_round_for(request.user, pk)
    try:
        submissions.submission_withdraw(actor=request.user, round=round)
    except ValidationError as error:
        # Withdrawn by a first click or in another tab: nothing went wrong.
        say = messages.info if error.code == "withdrawn_already" else messages.error
        say(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"Round {round.number} is withdrawn. Your portfolio is a draft again."
        )
    return redirect("submit")
