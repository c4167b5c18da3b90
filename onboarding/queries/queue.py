"""The reviewer queue: its filters and order, the reviewer's own open reviews, and what is
kept from a reviewer (queue_page has one page's rows, queue_choices what is the same for all)."""

import functools
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.db.models import (
    BigIntegerField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    Window,
)
from django.utils import timezone

from common.sqlnames import column_name, table_name
from onboarding.blind import blind_for
from onboarding.conflicts import conflicted_people
from onboarding.models import Review, Round, RoundCredential, RoundDomain, Submission
from onboarding.workflow import APPROVAL_REVOKED, APPROVAL_REVOKED_LABEL, OPEN_FOR_REVIEW, State
from profiles.models import ProfileDomain, User
from profiles.permissions import is_reviewer
from profiles.shape import DEEP_DEPTH, DEFAULT_DEPTH

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
    APPROVAL_REVOKED: APPROVAL_REVOKED_LABEL,
    State.REJECTED: "Rejected",
}
QUEUE_SORTS = {
    "match": ("Best match for you", ("-match", "submitted_at", "pk")),
    "oldest": ("Oldest first", ("submitted_at", "pk")),
    "newest": ("Newest first", ("-submitted_at", "-pk")),
    "name": ("Expert name", ("expert_name", "submitted_at", "pk")),
}
# Under blind review an order by name would hint at names: the queue is oldest first instead.
BLIND_NAME_SORT = "oldest"
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

    @property
    def narrows(self) -> bool:
        """Whether any filter leaves rounds out (the order leaves none out)."""
        return replace(self, sort=QueueFilters.sort) != QueueFilters()

    @property
    def only_mine(self) -> bool:
        """Whether they ask for the reviewer's own reviews and nothing else."""
        return replace(self, sort=QueueFilters.sort) == QueueFilters(state=QUEUE_MINE)


@dataclass(frozen=True, slots=True)
class KeptRound:
    """A round the queue leaves out for someone, as the queue's counts and filters know it."""

    waiting: bool  # open for review
    domains: frozenset[str]  # its domains' keys (casefolded names, as RoundDomain.key)
    credentials: frozenset[str]  # its credentials' keys (as RoundCredential.key)


@dataclass(frozen=True, slots=True)
class KeptFrom:
    """What the queue leaves out for someone, as kept_from() read it."""

    people: frozenset[int]  # for a reviewer, those they are in conflict with
    rounds: tuple[KeptRound, ...]  # in every state the queue lists (all but withdrawn)


def reviewer_domains(user: User) -> dict[str, tuple[str, int]]:
    """The user's own profile domains: casefolded name -> (name, depth), one query."""
    return {
        name.casefold(): (name, DEFAULT_DEPTH if depth is None else depth)
        for name, depth in ProfileDomain.objects.filter(profile__user=user).values_list(
            "name", "depth"
        )
    }


def match_weight(depth: int) -> int:
    """What a domain the reviewer has at `depth` adds to a round's match: deep ones double."""
    return depth * (2 if depth >= DEEP_DEPTH else 1)


class MatchScore(Func):
    """How well the reviewer's domains cover a round's: the sum of the reviewer's depth in
    each of the round's domains they have, deep ones (4 and 5) counting double.

    A term per domain of the reviewer's, "round in the rounds with this domain": the
    database reads each domain's rounds from rounddomain_key once, into a hash, and then
    scores every open round with a lookup per domain, rather than a query per round. Written
    as SQL here rather than as a Case of subqueries: those cost about 1.3 ms a queue page to
    build and compile, for the same text."""

    output_field = IntegerField()

    def __init__(self, domains: dict[str, tuple[str, int]]):
        super().__init__(F("pk"))
        self.weights = [
            (key, match_weight(depth)) for key, (_name, depth) in sorted(domains.items())
        ]

    def as_sql(self, compiler, connection, **extra_context):
        round_key, key_params = compiler.compile(self.get_source_expressions()[0])
        rounds_with = (
            f"SELECT {column_name(connection, RoundDomain, 'round')} "  # noqa: S608
            f"FROM {table_name(connection, RoundDomain)} "
            f"WHERE {column_name(connection, RoundDomain, 'key')} = %s"
        )
        term = f"CASE WHEN {round_key} IN ({rounds_with}) THEN %s ELSE 0 END"
        terms = [term] * len(self.weights)
        params = [value for key, weight in self.weights for value in (*key_params, key, weight)]
        return (f"({' + '.join(terms)})" if terms else "0"), params  # no domains: no match


def review_queue(
    user: User,
    filters: QueueFilters,
    *,
    now: datetime | None = None,
    domains: dict[str, tuple[str, int]] | None = None,
    kept: KeptFrom | None = None,
) -> QuerySet:
    """Rounds for reviewers: never the reviewer's own, never withdrawn ones, never one whose
    expert they are in conflict with, nor a resubmission offered first to someone else.
    Staff who are not reviewers see every round but their own, to read. `kept`: what
    kept_from() read for the user, when read already (else one query, for a reviewer)."""
    now = now or timezone.now()
    # Subqueries rather than joins or conditions on other columns: the page is then read
    # straight from a round index, and counting the queue reads that index alone. One
    # filter() for all: each call copies the query built so far.
    rounds = Round.objects.filter(
        ~Q(state=State.WITHDRAWN),
        *(~kept_out for kept_out in _kept_out(user, now, kept)),
        *_filtered(user, filters, now=now),
    )
    # A queue row never shows the frozen portfolio: leave its JSON in the database.
    return in_queue_order(
        rounds.defer("snapshot", "checklists", "instrument"), user, filters, domains
    )


def _kept_out(user: User, now: datetime, kept: KeptFrom | None) -> list[Q]:
    """The rounds the queue never shows the user, each kind a condition on the round's key
    or submission: their own; for a reviewer, those of the people they are in conflict with
    (kept_from()'s, read now unless given) and resubmissions offered first to someone
    else."""
    kept_out = [Q(submission__in=Submission.objects.filter(owner=user).values("pk"))]
    if is_reviewer(user):
        # By key, as read just before, rather than the conflicts read again for the count and
        # for the page.
        people = (kept or kept_from(user, now=now)).people
        conflicted = Submission.objects.filter(owner__in=sorted(people)).values("pk")
        offered_elsewhere = (
            Round.objects.filter(offered_to__isnull=False, offered_until__gt=now)
            .exclude(offered_to=user)
            .values("pk")
        )
        kept_out += [Q(submission__in=conflicted), Q(pk__in=offered_elsewhere)]
    return kept_out


def kept_from(user: User, *, now: datetime | None = None) -> KeptFrom:
    """What review_queue() leaves out for the user (_kept_out()'s kinds), in one query: for a
    reviewer, the people they are in conflict with, whose rounds the queue then finds by
    key, and the rounds, a handful, so that the queue's counts and filter choices can be the
    site's (cached) less these."""
    reviewer = is_reviewer(user)
    experts = _people().filter(pk=user.pk)
    if reviewer:
        experts = experts.union(conflicted_people(user))
    # These experts, each with each of their rounds or once without any; then the rounds
    # offered first to someone else, without an expert. Each kind then reads an index;
    # with an OR, every round or every account is read.
    rows = _experts_with_rounds().filter(pk__in=experts)
    if reviewer:
        offered = _offered_rounds().filter(offered_until__gt=now or timezone.now())
        rows = rows.union(offered.exclude(offered_to=user.pk), all=True)
    people, rounds = set(), {}
    for expert, pk, state, domains, credentials in rows:
        people.add(expert)
        if pk is not None and state != State.WITHDRAWN:
            rounds[pk] = KeptRound(
                waiting=state in OPEN_FOR_REVIEW,
                domains=frozenset(domain["name"].casefold() for domain in domains),
                credentials=frozenset(text.casefold() for text in credentials),
            )
    return KeptFrom(people=frozenset(people - {None, user.pk}), rounds=tuple(rounds.values()))


# What a kept round is read as: its key and state, and the domains and credentials its queue
# row shows (the same as its RoundDomain and RoundCredential rows: round_queue_rows() writes
# both).
KEPT_ROUND_COLUMNS = ("pk", "state", "queue_domains", "queue_credentials")


# Built once a process and never run: filter() reads a copy.
@functools.cache
def _people() -> QuerySet:
    return User.objects.order_by().values("pk")


@functools.cache
def _experts_with_rounds() -> QuerySet:
    return User.objects.order_by().values_list(
        "pk", *(f"submission__rounds__{column}" for column in KEPT_ROUND_COLUMNS)
    )


@functools.cache
def _offered_rounds() -> QuerySet:
    return (
        Round.objects.filter(offered_to__isnull=False)
        .order_by()
        .annotate(expert=Value(None, output_field=BigIntegerField()))
        .values_list("expert", *KEPT_ROUND_COLUMNS)
    )


def open_rounds_kept_from(user: User, *, now: datetime | None = None) -> list[set[str]]:
    """The open rounds review_queue() leaves out for the user, as each one's domain keys
    (kept_from(): one query)."""
    return [set(round.domains) for round in kept_from(user, now=now).rounds if round.waiting]


def queue_sort(
    user: User, filters: QueueFilters, domains: dict[str, tuple[str, int]] | None
) -> str:
    """The order the queue is in (a key of QUEUE_SORTS): the filters' unless it cannot be."""
    sort = _sort_asked(filters)
    if sort == "name" and blind_for(user):
        return BLIND_NAME_SORT
    if sort == "match" and not domains:  # nothing to match on: oldest first, from an index
        return "oldest"
    return sort


def _sort_asked(filters: QueueFilters) -> str:
    """The order the filters ask for: best match unless they name another."""
    return filters.sort if filters.sort in QUEUE_SORTS else "match"


def in_queue_order(
    rounds: QuerySet[Round],
    user: User,
    filters: QueueFilters,
    domains: dict[str, tuple[str, int]] | None = None,
) -> QuerySet[Round]:
    """The rounds in the order the filters ask for: by default, best match for the
    reviewer's domains (reviewer_domains(), read when not given), then waiting longest."""
    if domains is None and _sort_asked(filters) == "match":
        domains = reviewer_domains(user)
    sort = queue_sort(user, filters, domains)
    if sort == "match":
        rounds = rounds.annotate(match=MatchScore(domains))
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
    elif filters.state in (State.APPROVED, APPROVAL_REVOKED):
        conditions = _approvals(revoked=filters.state == APPROVAL_REVOKED)
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


def _approvals(*, revoked: bool) -> list[Q]:
    """Approved rounds whose approval stands, or those whose approval staff revoked (the
    round stays approved; its credential has revoked_at): the two filters share no round."""
    revoked_rounds = Q(
        pk__in=Round.objects.filter(issued_credential__revoked_at__isnull=False).values("pk")
    )
    return [Q(state=State.APPROVED), revoked_rounds if revoked else ~revoked_rounds]


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
