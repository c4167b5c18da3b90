"""The staff's part of /dashboard/: the review pipeline. Rounds per state (approvals that
staff revoked apart from those that stand), how long pending
rounds wait (median, oldest, past the target), the rounds waiting oldest first, and each
reviewer's load and recent agreement, a page at a time. A fixed number of queries."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.paginator import Page
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone
from django.utils.timesince import timesince

from common.pagination import CountedPaginator, counted_page
from onboarding.models import Review, Round, reviews_counted
from onboarding.queries.calibration import ReviewerAgreement, reviewer_agreements
from onboarding.workflow import APPROVAL_REVOKED, APPROVAL_REVOKED_LABEL, PENDING, State
from profiles.models import User
from profiles.permissions import REVIEWER_GROUP

PAGE_SIZE = 20
ADJUDICATION_SHOWN = 10
RECENT_DAYS = 90


@dataclass(frozen=True)
class Waiting:
    count: int
    median: str  # "4 days, 2 hours", or "" when nothing waits
    oldest: str
    oldest_at: datetime | None
    past_target: int
    target_days: int


def round_figures(*, now: datetime) -> dict:
    """Rounds per state, approved ones whose approval staff revoked apart, and of the pending
    ones the oldest and how many are past the target, in one pass over the rounds (one
    query, joined to the approvals' credentials: one at most a round)."""
    pending = Q(state__in=sorted(PENDING))
    target = now - timedelta(days=settings.REVIEW_TARGET_DAYS)
    states = {state.value: Q(state=state.value) for state in State}
    revoked = Q(issued_credential__revoked_at__isnull=False)
    states[APPROVAL_REVOKED] = states[State.APPROVED] & revoked
    # A round still approved (its state stays approved once revoked, as its history).
    states[State.APPROVED] &= Q(issued_credential__revoked_at__isnull=True)
    return Round.objects.aggregate(
        **{f"state_{state}": Count("pk", filter=rounds) for state, rounds in states.items()},
        oldest=Min("submitted_at", filter=pending),
        past=Count("pk", filter=pending & Q(submitted_at__lte=target)),
    )


def rounds_per_state(figures: dict) -> list[tuple[str, str, int]]:
    """(state, label, count) for every state, in the workflow's order, with the revoked
    approvals after the approved rounds (round_figures())."""
    per_state = []
    for state in State:
        per_state.append((state.value, state.label, figures[f"state_{state.value}"]))
        if state == State.APPROVED:
            per_state.append(
                (APPROVAL_REVOKED, APPROVAL_REVOKED_LABEL, figures[f"state_{APPROVAL_REVOKED}"])
            )
    return per_state


def awaiting_adjudication() -> list[Round]:
    """The oldest rounds whose reviewers disagree, with what their line shows. One query."""
    return list(
        Round.objects.filter(state=State.ADJUDICATION)
        .only("pk", "expert_name", "number", "submitted_at")
        .order_by("submitted_at", "pk")[:ADJUDICATION_SHOWN]
    )


def pending_rounds() -> QuerySet[Round]:
    return Round.objects.filter(state__in=sorted(PENDING))


def waiting_times(figures: dict, *, now: datetime) -> Waiting:
    """The pending rounds' wait (round_figures()), and its median: one query, for the
    middle round."""
    count = sum(figures[f"state_{state}"] for state in PENDING)
    median = ""
    if count:
        # The middle round by submission time (the later of two middles): no SQL median.
        middle = (
            pending_rounds().order_by("-submitted_at", "-pk").values_list("submitted_at", flat=True)
        )
        median = timesince(middle[count // 2], now)
    return Waiting(
        count=count,
        median=median,
        oldest=timesince(figures["oldest"], now) if figures["oldest"] else "",
        oldest_at=figures["oldest"],
        past_target=figures["past"],
        target_days=settings.REVIEW_TARGET_DAYS,
    )


def waiting_page(number, *, count: int) -> Page:
    """The pending rounds, oldest first, with how many reviewers each has; `count` is how
    many there are (waiting_times()). One query: the reviewers are counted for the page's
    rows alone."""
    rounds = (
        pending_rounds()
        .defer("snapshot", "checklists", "instrument")
        .annotate(taken=reviews_counted())
        .order_by("submitted_at", "pk")
    )
    return CountedPaginator(rounds, PAGE_SIZE, count=count).get_page(number)


@dataclass(frozen=True)
class ReviewerLoad:
    reviewer: User
    open_claims: int
    recent_reviews: int
    agreement: ReviewerAgreement


def reviewers_page(number, *, now: datetime) -> tuple[Page, list[ReviewerLoad]]:
    """Active reviewers, busiest first: open claims, reviews in the last RECENT_DAYS, and
    agreement with the others over those days. Three queries for a page."""
    since = now - timedelta(days=RECENT_DAYS)
    # Agreement from the start of that day: the same all day, so it keeps
    # (reviewer_agreements()) until a review is submitted.
    agreed_since = timezone.localtime(since).replace(hour=0, minute=0, second=0, microsecond=0)
    reviewers = (
        User.objects.filter(groups__name=REVIEWER_GROUP, is_active=True)
        .annotate(
            open_claims=Count("reviews", filter=Q(reviews__state=Review.State.CLAIMED)),
            recent_reviews=Count(
                "reviews",
                filter=Q(reviews__state=Review.State.SUBMITTED, reviews__submitted_at__gte=since),
            ),
        )
        .only("pk", "name", "email")
        .order_by("-open_claims", "name", "pk")
    )
    page = counted_page(reviewers, number, PAGE_SIZE)
    agreements = reviewer_agreements([user.pk for user in page.object_list], since=agreed_since)
    loads = [
        ReviewerLoad(
            reviewer=user,
            open_claims=user.open_claims,
            recent_reviews=user.recent_reviews,
            agreement=agreements[user.pk],
        )
        for user in page.object_list
    ]
    return page, loads


def staff_pipeline(*, rounds_page_number=None, reviewers_page_number=None) -> dict:
    now = timezone.now()
    reviewers, loads = reviewers_page(reviewers_page_number, now=now)
    figures = round_figures(now=now)
    waiting = waiting_times(figures, now=now)
    per_state = rounds_per_state(figures)
    adjudication_count = figures[f"state_{State.ADJUDICATION}"]
    return {
        "adjudication": awaiting_adjudication() if adjudication_count else [],
        "adjudication_count": adjudication_count,
        "per_state": per_state,
        "waiting": waiting,
        "waiting_rounds": waiting_page(rounds_page_number, count=waiting.count),
        "reviewers_page": reviewers,
        "reviewer_loads": loads,
        "recent_days": RECENT_DAYS,
    }
