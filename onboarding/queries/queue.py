"""The reviewer queue: its filters, one page of rows in one query, the reviewer's own open
reviews, and the rounds kept from a reviewer (queue_choices has what is the same for all)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypedDict

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.timesince import timesince

from onboarding.blind import blind_for, expert_label
from onboarding.conflicts import conflicted_owners
from onboarding.models import (
    Review,
    Round,
    RoundCredential,
    RoundDomain,
    Submission,
    reviews_counted,
)
from onboarding.permissions import round_has_seat_for
from onboarding.workflow import OPEN_FOR_REVIEW, State, state_label
from profiles.models import ProfileDomain, User
from profiles.permissions import is_reviewer
from profiles.shape import DEEP_DEPTH, DEFAULT_DEPTH, SHAPE_LABELS

QUEUE_OPEN = "open"
QUEUE_MINE = "mine"
QUEUE_STATES = {
    QUEUE_OPEN: "Waiting for review",
    QUEUE_MINE: "My reviews",
    State.SUBMITTED: "Submitted, not claimed",
    State.IN_REVIEW: "In review",
    State.ADJUDICATION: "Awaiting adjudication",
    State.CHANGES_REQUESTED: "Changes requested",
    State.APPROVED: "Approved",
    State.REJECTED: "Rejected",
}
QUEUE_SORTS = {
    "match": ("Best match for your domains", ("-match", "submitted_at", "pk")),
    "oldest": ("Oldest first", ("submitted_at", "pk")),
    "newest": ("Newest first", ("-submitted_at", "-pk")),
    "name": ("Expert name", ("expert_name", "submitted_at", "pk")),
}
WAITING_DAYS = (3, 7, 14, 30)


@dataclass(frozen=True)
class QueueFilters:
    q: str = ""
    state: str = QUEUE_OPEN
    domain: str = ""
    shape: str = ""
    credential: str = ""
    waiting: int | None = None  # at least this many days since submitting
    sort: str = "match"


def reviewer_domains(user: User) -> dict[str, tuple[str, int]]:
    """The user's own profile domains: casefolded name -> (name, depth), one query."""
    return {
        name.casefold(): (name, DEFAULT_DEPTH if depth is None else depth)
        for name, depth in ProfileDomain.objects.filter(profile__user=user).values_list(
            "name", "depth"
        )
    }


def match_score(domains: dict[str, tuple[str, int]]):
    """How well the reviewer's domains cover a round's: the sum of the reviewer's depth in
    each of the round's domains they have, deep ones (4 and 5) counting double.

    A term per domain of the reviewer's, "round in the rounds with this domain": the
    database reads each domain's rounds from rounddomain_key once, into a hash, and then
    scores every open round with a lookup per domain, rather than a query per round."""
    if not domains:
        return Value(0, output_field=IntegerField())
    terms = [
        Case(
            When(
                pk__in=RoundDomain.objects.filter(key=key).values("round_id"),
                then=Value(depth * (2 if depth >= DEEP_DEPTH else 1)),
            ),
            default=Value(0),
            output_field=IntegerField(),
        )
        for key, (_name, depth) in sorted(domains.items())
    ]
    return sum(terms[1:], start=terms[0])


def review_queue(
    user: User,
    filters: QueueFilters,
    *,
    now: datetime | None = None,
    domains: dict[str, tuple[str, int]] | None = None,
) -> QuerySet:
    """Rounds for reviewers: never the reviewer's own, never withdrawn ones, never one whose
    expert they are in conflict with, nor a resubmission offered first to someone else.
    Staff who are not reviewers see every round but their own, to read."""
    now = now or timezone.now()
    # Subqueries rather than joins or conditions on other columns: the page is then read
    # straight from a round index, and counting the queue reads that index alone. One
    # filter() for all: each call copies the query built so far.
    rounds = Round.objects.filter(
        ~Q(state=State.WITHDRAWN),
        *(~kept_out for kept_out in _kept_out(user, now)),
        *_filtered(user, filters, now=now),
    )
    # A queue row never shows the frozen portfolio: leave its JSON in the database.
    return in_queue_order(
        rounds.defer("snapshot", "checklists", "instrument"), user, filters, domains
    )


def _kept_out(user: User, now: datetime) -> list[Q]:
    """The rounds the queue never shows the user, each kind a condition on the round's key
    or submission: their own; for a reviewer, those of experts they are in conflict with and
    resubmissions offered first to someone else (one query, for the declared conflicts)."""
    kept_out = [Q(submission__in=Submission.objects.filter(owner=user).values("pk"))]
    if is_reviewer(user):
        conflicted = Submission.objects.filter(
            owner__in=User.objects.filter(conflicted_owners(user)).values("pk")
        ).values("pk")
        offered_elsewhere = (
            Round.objects.filter(offered_to__isnull=False, offered_until__gt=now)
            .exclude(offered_to=user)
            .values("pk")
        )
        kept_out += [Q(submission__in=conflicted), Q(pk__in=offered_elsewhere)]
    return kept_out


def open_rounds_kept_from(user: User, *, now: datetime | None = None) -> list[set[str]]:
    """The open rounds review_queue() leaves out for the user, as each one's domain keys: a
    handful, so the queue's counts can be the site's (cached) less these. One query."""
    # A query per kind, joined: each then reads an index; with OR, every round is read.
    kinds = [
        Round.objects.filter(kept_out, state__in=sorted(OPEN_FOR_REVIEW))
        .order_by()
        .values_list("pk", "queue_domains")
        for kept_out in _kept_out(user, now or timezone.now())
    ]
    rounds = kinds[0].union(*kinds[1:])
    return [{domain["name"].casefold() for domain in domains} for _pk, domains in rounds]


def in_queue_order(
    rounds: QuerySet[Round],
    user: User,
    filters: QueueFilters,
    domains: dict[str, tuple[str, int]] | None = None,
) -> QuerySet[Round]:
    """The rounds in the order the filters ask for: by default, best match for the
    reviewer's domains (reviewer_domains(), read when not given), then waiting longest."""
    sort = filters.sort if filters.sort in QUEUE_SORTS else "match"
    if sort == "name" and blind_for(user):  # an order by name would hint at names
        sort = "oldest"
    if sort == "match":
        if domains is None:
            domains = reviewer_domains(user)
        if domains:
            rounds = rounds.annotate(match=match_score(domains))
        else:  # nothing to match on: oldest first, read in an index's order
            sort = "oldest"
    return rounds.order_by(*QUEUE_SORTS[sort][1])


def _filtered(user: User, filters: QueueFilters, *, now: datetime) -> list[Q | Exists]:
    """The conditions on rounds of the queue's state, search and filters."""
    if filters.state == QUEUE_OPEN:
        # The same list as the partial indexes' condition, so the planner can use them.
        conditions = [Q(state__in=sorted(OPEN_FOR_REVIEW))]
    elif filters.state == QUEUE_MINE:
        # The reviewer's own rounds by primary key: as a subquery PostgreSQL reads every round.
        mine = Review.objects.filter(reviewer=user)
        conditions = [Q(pk__in=list(mine.values_list("round_id", flat=True)))]
    else:
        conditions = [Q(state=filters.state)]
    if filters.q and blind_for(user):  # a name typed in must not find anyone
        conditions.append(Q(headline__icontains=filters.q))
    elif filters.q:
        conditions.append(Q(expert_name__icontains=filters.q) | Q(headline__icontains=filters.q))
    if filters.domain:
        domain = RoundDomain.objects.filter(round=OuterRef("pk"), key=filters.domain.casefold())
        conditions.append(Exists(domain))
    if filters.credential:
        key = filters.credential.casefold()
        conditions.append(Exists(RoundCredential.objects.filter(round=OuterRef("pk"), key=key)))
    if filters.shape:
        conditions.append(Q(shape=filters.shape))
    if filters.waiting:
        conditions.append(Q(submitted_at__lte=now - timedelta(days=filters.waiting)))
    return conditions


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


def queue_page_rows(
    page: Iterable[int],
    user: User,
    filters: QueueFilters,
    domains: dict[str, tuple[str, int]] | None = None,
) -> QuerySet:
    """One page of the queue as the values a row shows, with how many reviewers each has
    and the user's own review state, in one query. `page` is the page cut from the queue's
    keys (QueuePaginator over review_queue().values_list("pk", flat=True)): the queue's
    order then needs only what its index holds, and the wide round rows and the subqueries
    are read for the page's rows alone, found by key and put in order again."""
    mine = Review.objects.filter(round=OuterRef("pk"), reviewer=user).order_by()
    rounds = in_queue_order(Round.objects.filter(pk__in=page), user, filters, domains)
    return rounds.annotate(
        reviews_taken=REVIEWS_TAKEN, my_review=Subquery(mine.values("state")[:1])
    ).values(*QUEUE_ROW_COLUMNS, "reviews_taken", "my_review")


class QueueRow(TypedDict):
    """What one row of the queue shows, as text formatted once here: a plain dict, as the
    template reads a dict's keys faster than an object's attributes (bench/README.md)."""

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
    state_label: str
    seats: str  # "1 of 2 reviewers", and " · claimed by you" or " · you reviewed it"
    my_review: str | None  # the user's review state: claimed, submitted, or None
    my_review_open: bool
    can_claim: bool
    match: list[str]  # "matches your deep domain finance (depth 5)", best first
    offered_until: str  # "5 Dec, 14:05" while offered first to this reviewer, else ""


def short_date(moment: datetime, *, year: bool = True) -> str:
    """date_format(moment, "j M Y, H:i"), or "j M, H:i" without the year ("3 Dec 2026,
    14:05"), with no format string parsed per call: a page formats dozens."""
    month = MONTHS_3[moment.month].title()
    day = f"{moment.day} {month} {moment.year:04}" if year else f"{moment.day} {month}"
    return f"{day}, {moment.hour:02}:{moment.minute:02}"


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
                submitted_iso=submitted.isoformat(timespec="seconds"),
                submitted_title=short_date(submitted),
                waiting=timesince(submitted, now),
                state=state,
                state_label=state_label(state),
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
        return self._get_page(rows, number, self)


def my_open_reviews(user: User) -> QuerySet[Review]:
    """The reviewer's claimed, unfinished reviews, oldest first (without the snapshots)."""
    return (
        Review.objects.filter(reviewer=user, state=Review.State.CLAIMED)
        .select_related("round")
        .only("claimed_at", "round", "round__expert_name", "round__number", "round__submission")
        .order_by("claimed_at", "pk")
    )


MY_REVIEWS_SHOWN = 10


def my_open_reviews_summary(user: User) -> tuple[list[Review], int]:
    """The oldest few unfinished reviews and how many there are in all, in one query (each
    row carries the count): a busy reviewer's list stays short, the "My reviews" queue
    filter has them all."""
    shown = list(my_open_reviews(user).annotate(open_count=Window(Count("pk")))[:MY_REVIEWS_SHOWN])
    return shown, shown[0].open_count if shown else 0
