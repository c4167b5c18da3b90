"""Pages of onboarding, submitting and reviewing: /dashboard/, /submit/, /review/, /files/."""

import logging
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from common.caching import html_size, keep_if_small
from onboarding.checklist import onboarding, plan_progress, preflight_checks, round_opening
from onboarding.forms import (
    AdjudicationForm,
    DeepeningPlanForm,
    QueueFilterForm,
    ScoringForm,
)
from onboarding.models import Round
from onboarding.permissions import (
    OWNER,
    can_adjudicate,
    can_score_round,
    can_withdraw,
    get_own_round_for,
    get_round_for,
    get_stored_file_for,
)
from onboarding.queries import feedback, frozen, queue, rounds
from onboarding.queries.calibration import calibration as reviewer_agreement
from onboarding.services import reviews as services_review
from onboarding.services import submissions as services_submission
from onboarding.workflow import DECIDED, State, state_label
from portfolio.queries import portfolio_outline
from portfolio.uploads import download_content_type
from profiles.models import User
from profiles.permissions import is_reviewer, is_staff, reviewer_required, staff_required
from profiles.queries import profile_domain_names

logger = logging.getLogger(__name__)

QUEUE_PAGE_SIZE = 20


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- /dashboard/ ------------------------------------------------------------------------------


def _dashboard_page(request: HttpRequest, plan_form: DeepeningPlanForm | None = None):
    user = request.user
    today = timezone.localdate()
    # One query for the person's one-to-one rows: the profile and the 60–90 day plan.
    owner = User.objects.select_related("profile", "deepening_plan").get(pk=user.pk)
    plan = getattr(owner, "deepening_plan", None)
    outline = portfolio_outline(owner)
    latest = rounds.latest_round_of(user)
    domains = (outline.profile or {}).get("domains", [])
    if plan_form is None:
        initial = {"domain": plan.domain, "target_date": plan.target_date} if plan else None
        plan_form = DeepeningPlanForm(domains=domains, today=today, initial=initial)
    outcome = feedback.round_outcome(latest) if latest else []
    context = {
        "onboarding": onboarding(outline, latest),
        "latest": latest,
        "outcome": outcome,
        "comparison": feedback.compare_scores(outcome),
        "plan": plan,
        "plan_progress": plan_progress(plan, today=today, domains=domains),
        "plan_form": plan_form,
        "has_domains": bool(domains),
    }
    if is_reviewer(user):
        context["my_reviews"], context["my_reviews_count"] = queue.my_open_reviews_summary(user)
        context["waiting_count"] = queue.review_queue(user, queue.QueueFilters()).count()
    if is_staff(user):
        awaiting = rounds.rounds_awaiting_adjudication()
        context["adjudication"] = list(awaiting[:10])
        context["adjudication_count"] = awaiting.count()
    return render(request, "onboarding/dashboard.html", context)


@require_safe
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return _dashboard_page(request)


@require_POST
@login_required
def deepening_plan(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = DeepeningPlanForm(request.POST, domains=profile_domain_names(request.user), today=today)
    if form.is_valid():
        try:
            plan = services_submission.deepening_plan_set(
                actor=request.user, today=today, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Your plan is saved: deepen {plan.domain} by {plan.target_date:%-d %B %Y}.",
            )
            return redirect("dashboard")
    return _dashboard_page(request, plan_form=form)


# --- /submit/ ---------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def submit(request: HttpRequest) -> HttpResponse:
    refused = []
    if request.method == "POST":
        try:
            round = services_submission.submission_submit(actor=request.user)
        except ValidationError as error:
            refused = error.messages
        else:
            messages.success(
                request,
                f"Round {round.number} is submitted. Reviewers see it exactly as it is now; "
                "you can withdraw it until one of them starts.",
            )
            return redirect("submit")
    own = list(rounds.rounds_of(request.user))
    latest = own[0] if own else None
    # What submitting would refuse, judged without freezing; submitting freezes and judges.
    checks = preflight_checks(portfolio_outline(request.user))
    opening = round_opening(latest)
    return render(
        request,
        "onboarding/submit.html",
        {
            "checks": checks,
            "ready": all(check.ok for check in checks),
            "opening": opening,
            "rounds": own,
            "latest": latest,
            "refused": refused,
            "withdrawable": latest is not None and can_withdraw(request.user, latest),
            "next_number": (latest.number + 1) if latest else 1,
            "resubmit_days": settings.RESUBMIT_AFTER_REJECTION_DAYS,
        },
    )


@require_POST
@login_required
def submission_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_own_round_for(request.user, pk)
    try:
        services_submission.submission_withdraw(actor=request.user, round=round)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request, f"Round {round.number} is withdrawn. Your portfolio is a draft again."
        )
    return redirect("submit")


@require_safe
@login_required
def submission_round(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_page(request, get_own_round_for(request.user, pk), OWNER)


def _frozen_items_page(request: HttpRequest, round: Round, artifact_id: int, audience: str):
    benchmark = frozen.frozen_benchmark(round, artifact_id)
    if benchmark is None:
        raise Http404("No such benchmark in this round.")
    page = Paginator(benchmark.get("items", []), frozen.FROZEN_ITEMS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "onboarding/round_benchmark_items.html",
        {"round": round, "for_owner": audience == OWNER, "benchmark": benchmark, "page": page},
    )


@require_safe
@login_required
def submission_round_benchmark(request: HttpRequest, pk: int, artifact_id: int) -> HttpResponse:
    return _frozen_items_page(request, get_own_round_for(request.user, pk), artifact_id, OWNER)


@require_safe
@login_required
def review_round_benchmark(request: HttpRequest, pk: int, artifact_id: int) -> HttpResponse:
    round, audience = get_round_for(request.user, pk)
    return _frozen_items_page(request, round, artifact_id, audience)


# --- /review/rounds/<id>/ -----------------------------------------------------------------------


def _round_page(
    request: HttpRequest,
    round: Round,
    audience: str,
    *,
    scoring_form: ScoringForm | None = None,
    adjudication_form: AdjudicationForm | None = None,
) -> HttpResponse:
    page = rounds.round_page(round, request.user, audience)
    if page.can_score and scoring_form is None:
        scoring_form = ScoringForm(instrument=round.instrument, review=page.reviews.mine)
    if page.can_adjudicate and adjudication_form is None:
        adjudication_form = AdjudicationForm()
    context = {
        **page.context(),
        "round": round,
        "frozen": _frozen_copy_html(round, intact=page.snapshot_intact),
        "scoring_form": scoring_form if page.can_score else None,
        "adjudication_form": adjudication_form if page.can_adjudicate else None,
    }
    return render(request, "onboarding/round.html", context)


def _frozen_copy_html(round: Round, *, intact: bool) -> dict[str, str]:
    """The round page's frozen copy as HTML: the links to it and the copy itself. Everyone
    who may see the round sees the same, so it is kept under frozen_copy_key(), which needs
    no invalidation; a snapshot that no longer matches its hash is shown as stored and
    never kept."""
    key = frozen.frozen_copy_key(round)
    html = cache.get(key) if intact else None
    if html is None:
        copy = frozen.frozen_copy(round)
        context = copy.context()
        html = {
            "nav": render_to_string("onboarding/_frozen_copy_nav.html", context),
            "body": render_to_string("onboarding/_frozen_copy.html", context),
        }
        if intact and copy.lasting:
            keep_if_small(key, html, size=html_size(*html.values()))
    return html  # rendered, so safe strings, and still so once unpickled from the cache


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def review_round(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return _round_page(request, *get_round_for(request.user, pk))
    round, audience = get_round_for(request.user, pk)
    review = round.reviews.filter(reviewer=request.user).first()
    if not can_score_round(request.user, round, review):
        raise PermissionDenied("Claim the round before you score it.")
    form = ScoringForm(request.POST, instrument=round.instrument)
    if form.is_valid():
        try:
            services_review.review_save(
                actor=request.user, review=review, data=form.review_input(), submit=form.submitting
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            round.refresh_from_db()
            messages.success(request, _scoring_message(round, submitted=form.submitting))
            return redirect(round)
    return _round_page(request, round, audience, scoring_form=form)


def _scoring_message(round: Round, *, submitted: bool) -> str:
    if not submitted:
        return "Draft saved. Only you can see it until you submit."
    if round.state == State.ADJUDICATION:
        return "Review submitted. The reviews disagree, so staff will decide."
    if round.state in DECIDED:
        return f"Review submitted. The round is decided: {state_label(round.state).lower()}."
    return "Review submitted. The round waits for the other reviews it needs."


@require_POST
@reviewer_required
def review_claim(request: HttpRequest, pk: int) -> HttpResponse:
    round, audience = get_round_for(request.user, pk)
    if audience == OWNER:
        raise PermissionDenied("You cannot review your own portfolio.")
    try:
        services_review.review_claim(actor=request.user, round=round)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("review_queue")
    messages.success(request, f"You claimed {round.expert_name}'s round {round.number}.")
    return redirect(round)


@require_POST
@reviewer_required
def review_release(request: HttpRequest, pk: int) -> HttpResponse:
    round, _audience = get_round_for(request.user, pk)
    try:
        services_review.review_release(actor=request.user, round=round)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(round)
    messages.success(
        request, f"You released {round.expert_name}'s round {round.number}; your draft is gone."
    )
    return redirect("review_queue")


@require_POST
@staff_required
def round_adjudicate(request: HttpRequest, pk: int) -> HttpResponse:
    round, audience = get_round_for(request.user, pk)
    if not can_adjudicate(request.user, round):
        raise PermissionDenied("This round is not waiting for your decision.")
    form = AdjudicationForm(request.POST)
    if form.is_valid():
        try:
            services_review.round_adjudicate(
                actor=request.user,
                round=round,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            round.refresh_from_db()
            messages.success(
                request,
                f"Decided: {state_label(round.state).lower()}. The expert is told by email.",
            )
            return redirect(round)
    return _round_page(request, round, audience, adjudication_form=form)


# --- /review/ ---------------------------------------------------------------------------------


@require_safe
@reviewer_required
def review_queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None, choices=queue.queue_filter_choices())
    filters = form.filters() if request.GET else queue.QueueFilters()
    my_reviews, my_reviews_count = queue.my_open_reviews_summary(request.user)
    waiting = queue.review_queue(request.user, filters)
    page = queue.QueuePaginator(
        queue.queue_page_rows(waiting, request.user), QUEUE_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "onboarding/review_queue.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "rows": queue.queue_rows(page.object_list, request.user),
            "my_reviews": my_reviews,
            "my_reviews_count": my_reviews_count,
            "filtered": bool(request.GET.dict().keys() - {"page"}),
        },
    )


# --- /review/calibration/ ---------------------------------------------------------------------


@require_safe
@staff_required
def calibration(request: HttpRequest) -> HttpResponse:
    return render(request, "onboarding/calibration.html", {"calibration": reviewer_agreement()})


# --- Files ------------------------------------------------------------------------------------


@require_safe
@login_required
@never_cache
def file_download(request: HttpRequest, file_id: UUID) -> FileResponse:
    stored_file = get_stored_file_for(request.user, file_id)
    try:
        handle = storages["default"].open(stored_file.storage_name, "rb")
    except FileNotFoundError:
        logger.error("Stored file %s has no bytes in the storage", stored_file.pk)
        raise Http404("No such file.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=stored_file.original_name,
        content_type=download_content_type(stored_file.content_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox; frame-ancestors 'none'"
    return response
