"""The reviewer's part of /dashboard/: rounds they hold and for how long, the queue by domain
with their own deep domains first, their recent decisions and how far they agree with the
other reviewers. A fixed number of queries however much there is."""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince

from common.dates import iso_seconds, short_date, short_day
from onboarding.blind import blind_for, expert_label
from onboarding.models import Review
from onboarding.queries import queue
from onboarding.queries.calibration import (
    NO_REVIEW_OF_THEIRS,
    agreement_version,
    agreement_version_columns,
    reviewer_agreement,
)
from onboarding.queries.queue_choices import queue_filter_choices
from onboarding.workflow import Decision, state_label
from profiles.models import User
from profiles.shape import DEEP_DEPTH

RECENT_DECISIONS = 10
DOMAINS_SHOWN = 12


@dataclass(frozen=True, slots=True)
class HeldRound:
    """A claimed round as the home lists it, its text formatted once here (cheaper than
    filters and tags per row in the template)."""

    review: Review
    url: str
    label: str  # "Dana Expert, round 2", or anonymous under blind review
    held: str  # "3 days, 2 hours"
    expires_at: object  # when the claim lapses
    expires_iso: str
    expires_text: str  # "5 Dec, 14:05"
    expiring_soon: bool  # less than a day left


@dataclass(frozen=True, slots=True)
class QueueDomain:
    key: str
    name: str
    count: int
    depth: int | None  # the reviewer's depth in it, None when it is not theirs
    url: str  # the queue filtered to it

    @property
    def deep(self) -> bool:
        return self.depth is not None and self.depth >= DEEP_DEPTH


@dataclass(frozen=True, slots=True)
class Decided:
    """One of the reviewer's recent decisions as the home lists it."""

    round_id: int
    url: str
    label: str  # "Dana Expert, round 2", or anonymous under blind review
    decision: str  # "request changes"
    submitted_iso: str
    submitted_day: str  # "5 Dec 2026"
    round_state: str  # the round's state once it is decided ("approved"), else ""
    revoked_iso: str  # when staff later revoked the round's approval, else ""
    revoked_day: str  # "5 Dec 2026", else ""


def _decision_label(value: str) -> str:
    """A decision in words ("request changes"), or as stored when it is not one today."""
    return str(Decision(value).label).lower() if value in Decision.values else value.lower()


def _round_label(expert_name: str, submission_id: int, number: int, *, blind: bool) -> str:
    return f"{expert_label(expert_name, submission_id, blind=blind)}, round {number}"


def held_rounds(reviews: list[Review], *, now, blind: bool) -> list[HeldRound]:
    held = []
    for review in reviews:
        round = review.round
        expires = review.claimed_at + timedelta(days=settings.CLAIM_DAYS)
        local = timezone.localtime(expires)
        held.append(
            HeldRound(
                review=review,
                url=reverse("review_round", args=[round.pk]),
                label=_round_label(
                    round.expert_name, round.submission_id, round.number, blind=blind
                ),
                held=timesince(review.claimed_at, now),
                expires_at=expires,
                expires_iso=iso_seconds(local),
                expires_text=short_date(local, year=False),
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
    shown = sorted(
        ((key, count) for key, count in counts.items() if count > 0),
        key=lambda pair: (-(domains[pair[0]][1] if pair[0] in domains else 0), -pair[1], pair[0]),
    )[:DOMAINS_SHOWN]
    queue_url = reverse("review_queue")
    found = [
        QueueDomain(
            key=key,
            name=names.get(key, key),
            count=count,
            depth=domains[key][1] if key in domains else None,
            # As the template's urlencode filter writes it.
            url=f"{queue_url}?domain={quote(key, safe='/')}",
        )
        for key, count in shown
    ]
    return found, max(waiting, 0)


def recent_decisions(user: User, *, blind: bool) -> tuple[list[Decided], str]:
    """The reviewer's latest submitted reviews, read as values in one query, with the
    version their agreement figures are kept under (agreement_version_columns())."""
    decided = []
    version = NO_REVIEW_OF_THEIRS  # unless a row says otherwise
    for row in latest_decisions(user):
        round_id, decision, submitted_at, name, submission_id, number, state, outcome = row[:8]
        revoked, submitted_count, submitted_latest = row[8:]
        version = agreement_version(submitted_count, submitted_latest)
        local = timezone.localtime(submitted_at)
        revoked = revoked and timezone.localtime(revoked)
        decided.append(
            Decided(
                round_id=round_id,
                url=reverse("review_round", args=[round_id]),
                label=_round_label(name, submission_id, number, blind=blind),
                decision=_decision_label(decision),
                submitted_iso=iso_seconds(local),
                submitted_day=short_day(local),
                round_state=state_label(state).lower() if outcome else "",
                revoked_iso=iso_seconds(revoked) if revoked else "",
                revoked_day=short_day(revoked) if revoked else "",
            )
        )
    return decided, version


def latest_decisions(user: User) -> QuerySet:
    """recent_decisions()'s rows, latest first (from the review_reviewer_submitted index),
    each with the version of the reviewer's agreement figures."""
    return (
        Review.objects.filter(reviewer=user, state=Review.State.SUBMITTED)
        .annotate(**agreement_version_columns())
        .order_by("-submitted_at", "-pk")
        .values_list(
            "round_id",
            "decision",
            "submitted_at",
            "round__expert_name",
            "round__submission_id",
            "round__number",
            "round__state",
            "round__decision",
            # The approval's credential, joined by its round: None unless staff revoked it.
            "round__issued_credential__revoked_at",
            "submitted_count",
            "submitted_latest",
        )[:RECENT_DECISIONS]
    )


def reviewer_home(user: User) -> dict:
    now = timezone.now()
    blind = blind_for(user)
    claimed, claimed_count = queue.my_open_reviews_summary(user)
    domains = queue.reviewer_domains(user)
    queue_domains, waiting_count = queue_by_domain(user, domains)
    decided, version = recent_decisions(user, blind=blind)
    return {
        "held": held_rounds(claimed, now=now, blind=blind),
        "my_reviews": claimed,
        "my_reviews_count": claimed_count,
        "queue_domains": queue_domains,
        "waiting_count": waiting_count,
        "has_review_domains": bool(domains),
        "recent_decisions": decided,
        "my_agreement": reviewer_agreement(user.pk, version=version),
        "claim_days": settings.CLAIM_DAYS,
        "blind": blind,
    }
