"""/dashboard/: the onboarding checklist, the latest round, the 60–90 day plan, and what
waits for a reviewer or for staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from common.versions import VersionConflict, conflict_shown, version_load
from onboarding.checklist import approval_revoked, onboarding, round_opening
from onboarding.forms import DeepeningPlanForm
from onboarding.models import DeepeningPlan, Round
from onboarding.plan import (
    NextStep,
    next_step_after_approval,
    next_step_after_revocation,
    plan_progress,
    plan_snapshot,
)
from onboarding.queries import feedback, pipeline, reviewer_home, rounds
from onboarding.queries.homes import is_expert, person_at_home
from onboarding.services import submissions
from onboarding.services.assignment import claims_expire_lately
from portfolio.outline import portfolio_outline
from profiles.documents import domains_to_deepen
from profiles.models import User
from profiles.permissions import is_reviewer, is_staff, remember_reviewer
from profiles.queries import profile_domain_names


def _dashboard_page(
    request: HttpRequest,
    plan_form: DeepeningPlanForm | None = None,
    plan_conflict: VersionConflict | None = None,
):
    """A home by role: the expert's checklist, the reviewer's work, the staff's pipeline;
    someone who is more than one sees each part. `plan_conflict`: the plan form was refused
    because the plan was saved from another page since (409)."""
    user = request.user
    owner = person_at_home(user)
    remember_reviewer(user, owner)
    context = {
        "is_expert_home": plan_form is not None
        or is_expert(user, builds_portfolio=owner.builds_portfolio)
    }
    if context["is_expert_home"]:
        context.update(_expert_context(owner, plan_form), plan_conflict=plan_conflict)
    if is_reviewer(user) or is_staff(user):
        # Held rounds and reviewers' loads list claims: drop lapsed ones first, as the queue does.
        claims_expire_lately()
    if is_reviewer(user):
        context.update(reviewer_home.reviewer_home(user))
    if is_staff(user):
        context.update(
            pipeline.staff_pipeline(
                rounds_page_number=request.GET.get("page"),
                reviewers_page_number=request.GET.get("reviewers_page"),
            )
        )
    status = 409 if plan_conflict else 200
    return render(request, "onboarding/dashboard.html", context, status=status)


def _expert_context(owner: User, plan_form: DeepeningPlanForm | None) -> dict:
    today = timezone.localdate()
    plan = getattr(owner, "deepening_plan", None)
    outline = portfolio_outline(owner)
    latest = rounds.latest_round_of(owner)
    domains = (outline.profile or {}).get("domains", [])
    if plan_form is None:
        initial = {"domain": plan.domain, "target_date": plan.target_date} if plan else None
        plan_form = DeepeningPlanForm(
            domains=domains_to_deepen(outline.profile or {}), today=today, initial=initial
        )
        version_load(plan_form, version=plan.version if plan else 0, snapshot=plan_snapshot(plan))
    outcome = feedback.round_outcome(latest) if latest else []
    progress = plan_progress(plan, today=today, domains=domains)
    context = {
        "onboarding": onboarding(outline, latest),
        "latest": latest,
        "outcome": outcome,
        "comparison": feedback.compare_scores(outcome),
        "plan": plan,
        "plan_progress": progress,
        "plan_form": plan_form,
        "has_domains": bool(domains),
    }
    if latest is not None and latest.decision_approves:
        next_step = (
            next_step_after_revocation(round_opening(latest))
            if approval_revoked(latest)
            else next_step_after_approval(plan, progress)
        )
        context["approved"] = _approval(owner, latest, next_step)
    return context


def _approval(owner: User, latest: Round, next_step: NextStep) -> dict:
    """What the approved expert sees first: what was approved, where to show it, what next."""
    profile = getattr(owner, "profile", None)
    return {
        # The round's domains as the queue shows them: its RoundDomain rows, in order.
        "domains": [domain["name"] for domain in latest.queue_domains],
        "public_url": reverse("public_profile", args=[profile.slug])
        if profile is not None and profile.is_public
        else None,
        "next_step": next_step,
    }


@require_safe
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return _dashboard_page(request)


@require_POST
@login_required
def deepening_plan(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    domains = profile_domain_names(request.user, to_deepen=True)
    form = DeepeningPlanForm(request.POST, domains=domains, today=today)
    conflict = None
    if form.is_valid():
        try:
            plan = submissions.deepening_plan_set(
                actor=request.user, today=today, expected_version=form.version, **form.cleaned_data
            )
        except VersionConflict as refused:
            # Saved from another page since: the plan shown is the saved one, the form theirs.
            current = DeepeningPlan.objects.filter(owner=request.user).first()
            conflict = conflict_shown(form, refused, plan_snapshot(current))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Your plan is saved: deepen {plan.domain} by {plan.target_date:%-d %B %Y}.",
            )
            return redirect("dashboard")
    return _dashboard_page(request, plan_form=form, plan_conflict=conflict)
