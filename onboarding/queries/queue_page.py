"""One page of the reviewer queue: its rows read by key in one query, in the queue's order,
and formatted once for the template; and the paginator that cuts the page's keys."""

from collections.abc import Iterable
from typing import TypedDict

from django.core.paginator import Page, Paginator
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince

from common.dates import iso_seconds, short_date, short_day
from onboarding.blind import blind_for, expert_label
from onboarding.models import Review, Round, reviews_counted
from onboarding.permissions import round_has_seat_for
from onboarding.queries.queue import QUEUE_SORTS, QueueFilters, match_weight, queue_sort
from onboarding.workflow import APPROVAL_REVOKED, state_label
from profiles.models import User
from profiles.permissions import is_reviewer
from profiles.shape import DEEP_DEPTH, SHAPE_LABELS

QUEUE_ROW_COLUMNS = (
    "pk",
    "number",
    "state",
    "expert_name",
    "headline",
    "shape",
    "submitted_at",
    "reviews_required",
    "queue_domains",
    "queue_credentials",
    "offered_to",
    "offered_until",
    "submission",
)


# Built once a process: annotate() resolves a copy, so every page's query shares it.
REVIEWS_TAKEN = reviews_counted()


def queue_page_query(
    page: Iterable[int], user: User, filters: QueueFilters, domains: dict[str, tuple[str, int]]
) -> QuerySet:
    """One page of the queue as the values a row shows, with how many reviewers each has,
    the user's own review state and when staff revoked an approval, in one query. `page` is
    the page cut from the queue's keys (QueuePaginator over review_queue().values_list("pk",
    flat=True)): the queue's order then needs only what its index holds, and the wide round
    rows and the subqueries are read for the page's rows alone, found by key and put in
    order again (by best match in queue_page_rows())."""
    sort = queue_sort(user, filters, domains)
    mine = Review.objects.filter(round=OuterRef("pk"), reviewer=user).order_by()
    rounds = Round.objects.filter(pk__in=page).order_by(
        *QUEUE_SORTS["oldest" if sort == "match" else sort][1]
    )
    return rounds.annotate(
        reviews_taken=REVIEWS_TAKEN,
        my_review=Subquery(mine.values("state")[:1]),
        # The approval's credential, joined by its round (one at most): None unless revoked.
        revoked_at=F("issued_credential__revoked_at"),
    ).values(*QUEUE_ROW_COLUMNS, "reviews_taken", "my_review", "revoked_at")


def queue_page_rows(
    page: Iterable[int], user: User, filters: QueueFilters, domains: dict[str, tuple[str, int]]
) -> list[dict]:
    """queue_page_query()'s rows in the queue's order, for the reviewer's `domains`
    (reviewer_domains(), as review_queue() was given them). By best match, the database scored
    every round to cut the page; its rows are put in that order again from the domains
    they show, rather than scored again in the page's query (a hash of each domain's rounds)."""
    rows = list(queue_page_query(page, user, filters, domains))
    if queue_sort(user, filters, domains) == "match":
        rows.sort(key=lambda row: -match_points(row["queue_domains"], domains))
    return rows


def match_points(round_domains: list[dict], domains: dict[str, tuple[str, int]]) -> int:
    """MatchScore of a round, from its domains as its queue_domains holds them: the same
    domains as its RoundDomain rows, which round_queue_rows() writes with them."""
    keys = {domain["name"].casefold() for domain in round_domains}
    return sum(match_weight(depth) for key, (_name, depth) in domains.items() if key in keys)


class QueueRow(TypedDict):
    """What one row of the queue shows, as text formatted once here: a plain dict, as the
    template reads a dict's keys faster than an object's attributes."""

    pk: int
    url: str
    claim_url: str  # "" unless the user may claim it
    expert_name: str
    number: str
    headline: str
    shape_label: str
    domains: list[str]  # "finance (4)"
    credentials: str  # "CFA; MSc", or "" for none
    submitted_iso: str
    submitted_title: str  # "3 Dec 2026, 14:05"
    waiting: str  # "3 days, 4 hours"
    state: str
    shown_state: str  # the badge's: the round's state, or approval_revoked
    state_label: str
    revoked_iso: str  # when staff revoked the approval, or ""
    revoked_day: str  # "5 Dec 2026", or ""
    seats: str  # "1 of 2 reviewers", and " · claimed by you" or " · you reviewed it"
    my_review: str | None  # the user's review state: claimed, submitted, or None
    my_review_open: bool
    can_claim: bool
    match: list[str]  # "matches your deep domain finance (depth 5)", best first
    offered_until: str  # "5 Dec, 14:05" while offered first to this reviewer, else ""


def match_reasons(
    round_domains: list[dict], domains: dict[str, tuple[str, int]] | None
) -> list[str]:
    """Why a round matches the reviewer: each of its domains they have, deepest first."""
    found = []
    for domain in round_domains:
        mine = (domains or {}).get(domain["name"].casefold())
        if mine:
            found.append((mine[1], mine[0]))
    found.sort(key=lambda pair: -pair[0])
    return [
        f"matches your {'deep ' if depth >= DEEP_DEPTH else ''}domain {name} (depth {depth})"
        for depth, name in found
    ]


MY_PART = {None: "", Review.State.CLAIMED: " · claimed by you"}


def queue_rows(
    values: Iterable[dict], user: User, domains: dict[str, tuple[str, int]] | None = None
) -> list[QueueRow]:
    """A queue page's rows (from queue_page_rows()) with what the user may do on each, and
    why each matches the reviewer's `domains` (reviewer_domains())."""
    # The queue never lists the user's own rounds, so a reviewer may claim any with a seat.
    reviewer = is_reviewer(user)
    blind = blind_for(user)
    now = timezone.now()
    rows = []
    for row in values:
        pk, state, mine = row["pk"], row["state"], row["my_review"]
        submitted = timezone.localtime(row["submitted_at"])
        required = row["reviews_required"]
        plural = "" if required == 1 else "s"
        can_claim = reviewer and round_has_seat_for(
            state=state,
            reviews_required=required,
            reviews_taken=row["reviews_taken"],
            has_reviewed=mine is not None,
        )
        offered = row["offered_to"] == user.pk and row["offered_until"] > now
        revoked = row["revoked_at"] and timezone.localtime(row["revoked_at"])
        shown_state = APPROVAL_REVOKED if revoked else state
        rows.append(
            QueueRow(
                pk=pk,
                url=reverse("review_round", args=[pk]),
                claim_url=reverse("review_claim", args=[pk]) if can_claim else "",
                expert_name=expert_label(row["expert_name"], row["submission"], blind=blind),
                number=str(row["number"]),
                headline=row["headline"],
                shape_label=SHAPE_LABELS.get(row["shape"], row["shape"]),
                domains=[f"{d['name']} ({d['depth']})" for d in row["queue_domains"]],
                credentials="; ".join(row["queue_credentials"]),
                submitted_iso=iso_seconds(submitted),
                submitted_title=short_date(submitted),
                waiting=timesince(submitted, now),
                state=state,
                shown_state=shown_state,
                state_label=state_label(shown_state),
                revoked_iso=iso_seconds(revoked) if revoked else "",
                revoked_day=short_day(revoked) if revoked else "",
                seats=f"{row['reviews_taken']} of {required} reviewer{plural}"
                + MY_PART.get(mine, " · you reviewed it"),
                my_review=mine,
                my_review_open=mine == Review.State.CLAIMED,
                can_claim=can_claim,
                match=match_reasons(row["queue_domains"], domains),
                offered_until=short_date(timezone.localtime(row["offered_until"]), year=False)
                if offered
                else "",
            )
        )
    return rows


class QueuePaginator(Paginator):
    """Pages past the middle are read from the other end with a smaller offset, so the last
    page of a long queue costs what the first does (offsets make a database skip rows).
    Such a page holds its rows last first; queue_page_rows() puts them in order again."""

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if bottom <= self.count // 2 or not self.object_list.ordered:
            return super().page(number)
        rows = self.object_list.reverse()[self.count - top : self.count - bottom]
        return Page(rows, number, self)
