"""The 60–90 day plan against today: how it stands and what the dashboard suggests next."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from common.versions import Snapshot
from onboarding.checklist import Opening
from onboarding.models import DeepeningPlan


@dataclass(frozen=True)
class PlanProgress:
    """How the 60–90 day plan stands on a given day."""

    days_left: int  # below zero once the target date has passed
    domain_missing: bool  # the domain is no longer one of the profile's

    @property
    def due_today(self) -> bool:
        return self.days_left == 0

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left)


def plan_progress(
    plan: DeepeningPlan | None, *, today: date, domains: Collection[str]
) -> PlanProgress | None:
    """The plan against today and the profile's domains now (None without a plan)."""
    if plan is None:
        return None
    return PlanProgress(
        days_left=(plan.target_date - today).days, domain_missing=plan.domain not in domains
    )


def plan_snapshot(plan: DeepeningPlan | None) -> Snapshot:
    """What the plan form shows of the plan, by its labels (common.versions)."""
    if plan is None:
        return {"Domain to deepen": "", "Target date": ""}
    return {"Domain to deepen": plan.domain, "Target date": f"{plan.target_date:%-d %B %Y}"}


@dataclass(frozen=True)
class NextStep:
    """What the dashboard suggests doing next: a sentence and a link."""

    text: str
    url: str
    link_label: str


def next_step_after_approval(plan: DeepeningPlan | None, progress: PlanProgress | None) -> NextStep:
    """After approval the 60–90 day plan is the way on: deepen one domain."""
    to_plan = reverse("dashboard") + "#plan-heading"
    if plan is None or progress is None:
        return NextStep(
            "Pick one domain to deepen over the next 60 to 90 days: depth in one domain is "
            "what turns breadth into a T.",
            to_plan,
            "Set your 60–90 day plan",
        )
    if progress.domain_missing:
        return NextStep(
            f"{plan.domain}, your plan's domain, is no longer in your profile: choose another "
            "domain to deepen.",
            to_plan,
            "Change your plan",
        )
    if progress.overdue:
        return NextStep(
            f"Your plan to deepen {plan.domain} reached its date {progress.days_overdue} "
            f"day{'s' if progress.days_overdue != 1 else ''} ago: set the next target.",
            to_plan,
            "Set a new target",
        )
    return NextStep(
        f"Keep deepening {plan.domain}: {progress.days_left} "
        f"day{'s' if progress.days_left != 1 else ''} left, until {plan.target_date:%-d %B %Y}. "
        f"A benchmark or work sample in {plan.domain} shows the new depth.",
        reverse("portfolio"),
        "Add to your portfolio",
    )


def next_step_after_revocation(opening: Opening) -> NextStep:
    """After staff revoke an approval the way on is a revised portfolio, once the wait that
    follows a rejection is over (checklist.round_opening)."""
    if opening.allowed:
        return NextStep(
            "Revise your portfolio and submit it for review again.",
            reverse("submit"),
            "Submit a revised portfolio",
        )
    return NextStep(
        "Revise your portfolio: you may submit it for review again from "
        f"{opening.from_date:%-d %B %Y}.",
        reverse("portfolio"),
        "Revise your portfolio",
    )
