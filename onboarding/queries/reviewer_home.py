"""The reviewer's part of /dashboard/: rounds they hold and for how long, the queue by domain
with their own deep domains first, their recent decisions and how far they agree with the
other reviewers. A fixed number of queries however much there is."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.timesince import timesince

from onboarding.blind import blind_for
from onboarding.models import Review
from onboarding.queries import queue
from onboarding.queries.calibration import reviewer_agreements
from onboarding.queries.queue_choices import queue_filter_choices
from profiles.models import User
from profiles.shape import DEEP_DEPTH

RECENT_DECISIONS = 10
DOMAINS_SHOWN = 12


@dataclass(frozen=True)
class HeldRound:
    review: Review
    held: str  # "3 days, 2 hours"
    expires_at: object  # when the claim lapses
    expiring_soon: bool  # less than a day left


@dataclass(frozen=True)
class QueueDomain:
    key: str
    name: str
    count: int
    depth: int | None  # the reviewer's depth in it, None when it is not theirs

    @property
    def deep(self) -> bool:
        return self.depth is not None and self.depth >= DEEP_DEPTH


def held_rounds(reviews: list[Review], *, now) -> list[HeldRound]:
    held = []
    for review in reviews:
        expires = review.claimed_at + timedelta(days=settings.CLAIM_DAYS)
        held.append(
            HeldRound(
                review=review,
                held=timesince(review.claimed_at, now),
                expires_at=expires,
                expiring_soon=expires - now < timedelta(days=1),
            )
        )
    return held


def queue_by_domain(
    user: User, domains: dict[str, tuple[str, int]]
) -> tuple[list[QueueDomain], int]:
    """Open rounds the reviewer may take (their queue), counted in all and by domain: their
    deep domains first, then their other domains, then the busiest others. The site's open
    rounds are counted once a minute for everyone (the queue's filter choices); the few the
    reviewer may not take are read for them and taken off. One query."""
    summary = queue_filter_choices()
    counts = dict(summary["open_by_domain"])
    waiting = summary["open_count"]
    for keys in queue.open_rounds_kept_from(user):
        waiting -= 1
        for key in keys:
            counts[key] = counts.get(key, 0) - 1
    names = dict(summary["domain"])
    found = [
        QueueDomain(
            key=key,
            name=names.get(key, key),
            count=count,
            depth=domains[key][1] if key in domains else None,
        )
        for key, count in counts.items()
        if count > 0
    ]
    found.sort(key=lambda domain: (-(domain.depth or 0), -domain.count, domain.key))
    return found[:DOMAINS_SHOWN], max(waiting, 0)


def recent_decisions(user: User) -> list[Review]:
    return list(
        Review.objects.filter(reviewer=user, state=Review.State.SUBMITTED)
        .select_related("round")
        .only(
            "decision",
            "submitted_at",
            "round__expert_name",
            "round__number",
            "round__submission",
            "round__state",
            "round__decision",
        )
        .order_by("-submitted_at", "-pk")[:RECENT_DECISIONS]
    )


def reviewer_home(user: User) -> dict:
    now = timezone.now()
    claimed, claimed_count = queue.my_open_reviews_summary(user)
    domains = queue.reviewer_domains(user)
    queue_domains, waiting_count = queue_by_domain(user, domains)
    return {
        "held": held_rounds(claimed, now=now),
        "my_reviews": claimed,
        "my_reviews_count": claimed_count,
        "queue_domains": queue_domains,
        "waiting_count": waiting_count,
        "has_review_domains": bool(domains),
        "recent_decisions": recent_decisions(user),
        "my_agreement": reviewer_agreements([user.pk])[user.pk],
        "claim_days": settings.CLAIM_DAYS,
        "blind": blind_for(user),
    }
