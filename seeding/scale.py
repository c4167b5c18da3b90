"""Synthetic experts at scale, for benchmarks and load tests (`manage.py seed_scale`).

Each expert is planned from (seed, number) alone (seeding_plan.py), so a run is
repeatable, and the rows are inserted table by table (bulk_create; COPY on PostgreSQL), one
batch of experts per transaction: a run that stops halfway leaves whole experts behind.
Rounds are frozen by snapshots.frozen_portfolio() from the very rows just inserted, and get
their queue columns and rows from services_submission, so a seeded round holds exactly
what submitting would have frozen.

Accounts (one password for all, hashed once):
- experts are scale-<n>@example.com; a later run continues after the highest n;
- reviewers are scale-reviewer-<n>@example.com, max(5, experts / 200) of them, reused by
  later runs;
- scale-staff@example.com adjudicates, and owns the review form if there was none.
"""

import gc
import operator
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.utils import timezone

from onboarding.models import (
    AuditEntry,
    DeepeningPlan,
    Review,
    ReviewFlag,
    ReviewForm,
    ReviewScore,
    Round,
    RoundCredential,
    RoundDomain,
    Submission,
)
from onboarding.services.submissions import round_from_frozen, round_queue_rows
from onboarding.snapshots import frozen_portfolio, review_instrument
from portfolio.models import (
    AdversarialCase,
    AdversarialTestPlan,
    Benchmark,
    BenchmarkItem,
    WorkSample,
)
from profiles.models import (
    Credential,
    DeclinedTopic,
    Profile,
    ProfileDomain,
    Strength,
    Tool,
    User,
    WorkSampleLink,
)
from profiles.permissions import REVIEWER_GROUP
from rubrics.models import Criterion, DisallowedBehaviour, Rubric, ScaleLevel
from seeding import words
from seeding.demo import demo_review_form_ensure
from seeding.plan import EXPERT_EMAIL, ExpertPlan, RoundPlan, plan_expert, plan_rounds

DEFAULT_SEED = 2026
SEED_PASSWORD = "scale-expertfolio-2026"  # noqa: S105 - the published login of seeded accounts
REVIEWER_EMAIL = "scale-reviewer-{}@example.com"
STAFF_EMAIL = "scale-staff@example.com"
STAFF_NAME = "Scale Staff"
_EXPERT_EMAIL = re.compile(r"^scale-(\d+)@example\.com$")
_REVIEWER_EMAIL = re.compile(r"^scale-reviewer-(\d+)@example\.com$")
EXPERTS_PER_REVIEWER = 200
MIN_REVIEWERS = 5
STAGES = ("plan", "users", "profiles", "artifacts", "rounds", "reviews")
# Insertion order: parents before children.
PROFILE_TABLES = (Profile, ProfileDomain, Strength, Credential, Tool, DeclinedTopic,
                  WorkSampleLink)  # fmt: skip
ARTIFACT_TABLES = (Rubric, ScaleLevel, Criterion, DisallowedBehaviour, Benchmark, BenchmarkItem,
                   AdversarialTestPlan, AdversarialCase, WorkSample, DeepeningPlan)  # fmt: skip

Progress = Callable[[str], None]


@dataclass(frozen=True)
class SeedResult:
    experts: int
    first_number: int
    counts: dict[str, int]  # table -> rows inserted
    seconds: dict[str, float]  # stage -> seconds, and "total"
    expert_email: str
    reviewer_email: str
    staff_email: str
    password: str


# --- Storing batches --------------------------------------------------------------------------


def _insert(model: type[models.Model], objs: list, counts: Counter) -> None:
    """Store new rows and give each its id; rows keep their parents as objects until here."""
    if not objs:
        return
    if connections[DEFAULT_DB_ALIAS].vendor == "postgresql":
        _copy(model, objs)
    else:
        model.objects.bulk_create(objs, batch_size=2000)
    counts[model._meta.label] += len(objs)


# Columns whose Python value is what psycopg sends as it is.
_PLAIN_COLUMNS = {
    "AutoField", "BigAutoField", "BooleanField", "CharField", "IntegerField",
    "PositiveBigIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
    "SmallIntegerField", "TextField",
}  # fmt: skip


def _copy(model: type[models.Model], objs: list) -> None:
    """PostgreSQL: take ids from the table's sequence, then COPY the rows in.

    Twice as fast as bulk_create, which sends the rows as arrays whose every value psycopg
    escapes in Python: slow for long texts and JSON such as the rounds' snapshots.
    """
    db = connections[DEFAULT_DB_ALIAS]
    meta = model._meta
    fields = meta.concrete_fields
    values = [_column_reader(field, db) for field in fields]
    table = db.ops.quote_name(meta.db_table)
    columns = ", ".join(db.ops.quote_name(field.column) for field in fields)
    with db.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objs)],
        )
        # In order, so that the snapshot lists a portfolio's artifacts by id as freezing does.
        for obj, pk in zip(objs, sorted(row[0] for row in cursor.fetchall()), strict=True):
            obj.pk = pk
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row([value(obj) for value in values])
    for obj in objs:
        obj._state.adding, obj._state.db = False, db.alias


def _column_reader(field: models.Field, db) -> Callable[[models.Model], object]:
    """How to read a field's column value off a new row, as bulk_create would."""
    if field.is_relation:

        def parent_id(obj):
            # A parent given as an object was saved after the child was built: read its id.
            if field.is_cached(obj):
                parent = field.get_cached_value(obj)
                return None if parent is None else parent.pk
            return getattr(obj, field.attname)

        return parent_id
    if field.get_internal_type() in _PLAIN_COLUMNS:
        return operator.attrgetter(field.attname)
    return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), db)


class _Clock:
    def __init__(self) -> None:
        self.seconds: Counter = Counter()
        self.mark = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] += now - self.mark
        self.mark = now


def _store_batch(
    numbers: range,
    *,
    seed: int,
    password_hash: str,
    now: datetime,
    reviewers: Sequence[User],
    staff: User,
    instrument: dict,
    counts: Counter,
    clock: _Clock,
) -> None:
    plans = [
        plan_expert(seed=seed, number=number, password_hash=password_hash, now=now)
        for number in numbers
    ]
    rows: dict[type[models.Model], list[models.Model]] = defaultdict(list)
    for plan in plans:
        for model, objs in plan.rows.items():
            rows[model] += objs
    taken = set(
        Profile.objects.filter(slug__in=[p.slug for p in rows[Profile]]).values_list(
            "slug", flat=True
        )
    )
    for profile in rows[Profile]:
        if profile.slug in taken:  # a person's own slug got there first
            profile.slug = f"{profile.slug}-{seed}"
    clock.lap("plan")

    _insert(User, [plan.user for plan in plans], counts)
    clock.lap("users")
    for model in PROFILE_TABLES:
        _insert(model, rows[model], counts)
    clock.lap("profiles")
    for model in ARTIFACT_TABLES:
        _insert(model, rows[model], counts)
    clock.lap("artifacts")

    context = {"now": now, "reviewers": reviewers, "staff": staff, "instrument": instrument}
    stories = [(plan, plan_rounds(plan, **context)) for plan in plans]
    stories = [(plan, rounds) for plan, rounds in stories if rounds]
    submissions = [Submission(owner=plan.user) for plan, _ in stories]
    _insert(Submission, submissions, counts)
    rounds, planned = [], []
    for submission, (plan, round_plans) in zip(submissions, stories, strict=True):
        for number, round_plan in enumerate(round_plans, start=1):
            rounds.append(_round(plan, round_plan, submission, number, instrument, staff))
            planned.append(round_plan)
    _insert(Round, rounds, counts)
    queue_domains, queue_credentials = [], []
    for round in rounds:
        domains, credentials = round_queue_rows(round)
        queue_domains += domains
        queue_credentials += credentials
    _insert(RoundDomain, queue_domains, counts)
    _insert(RoundCredential, queue_credentials, counts)
    clock.lap("rounds")

    reviews, scores, flags, entries = [], [], [], []
    for round, round_plan in zip(rounds, planned, strict=True):
        for review_plan in round_plan.reviews:
            submitted = review_plan.submitted_at is not None
            review = Review(
                round=round,
                reviewer=review_plan.reviewer,
                state=Review.State.SUBMITTED if submitted else Review.State.CLAIMED,
                decision=review_plan.decision,
                comment=review_plan.comment,
                claimed_at=review_plan.claimed_at,
                submitted_at=review_plan.submitted_at,
            )
            reviews.append(review)
            rubrics = instrument.get("rubrics", [])
            scores += [
                ReviewScore(
                    review=review,
                    rubric_position=position,
                    rubric_key=rubrics[position].get("id"),
                    rubric_title=rubrics[position]["title"][:200],
                    score=score,
                    comment=comment,
                )
                for position, score, comment in review_plan.scores
            ]
            flags += [
                ReviewFlag(
                    review=review,
                    rubric_position=position,
                    behaviour_position=behaviour,
                    text=rubrics[position]["rubric"]["disallow"][behaviour][:500],
                )
                for position, behaviour in review_plan.flags
            ]
        entries += [
            AuditEntry(
                round=round,
                actor=actor,
                action=action,
                from_state=from_state,
                to_state=to_state,
                note=note,
                at=at,
            )
            for action, actor, from_state, to_state, note, at in round_plan.events
        ]
    _insert(Review, reviews, counts)
    _insert(ReviewScore, scores, counts)
    _insert(ReviewFlag, flags, counts)
    _insert(AuditEntry, entries, counts)
    clock.lap("reviews")


def _round(
    plan: ExpertPlan,
    round_plan: RoundPlan,
    submission: Submission,
    number: int,
    instrument: dict,
    staff: User,
) -> Round:
    benchmarks, test_plans = plan.benchmarks, plan.test_plans
    if round_plan.earlier:
        # Before the changes the reviewers asked for: no test plan yet, fewer items.
        benchmarks = [(b, items[: max(3, len(items) - 5)]) for b, items in benchmarks]
        test_plans = []
    frozen = frozen_portfolio(
        profile=plan.document,
        rubrics=plan.rubrics,
        benchmarks=benchmarks,
        test_plans=test_plans,
        work_samples=plan.work_samples,
    )
    return round_from_frozen(
        frozen,
        expert_name=plan.user.get_full_name(),
        submission=submission,
        number=number,
        state=round_plan.state,
        instrument=instrument,
        reviews_required=round_plan.reviews_required,
        submitted_at=round_plan.submitted_at,
        decided_at=round_plan.decided_at,
        decision=round_plan.decision,
        decision_note=round_plan.note,
        decided_by=staff if round_plan.adjudicated and round_plan.decision else None,
    )


# --- Accounts and the run ---------------------------------------------------------------------


def _numbers(pattern: re.Pattern, prefix: str) -> dict[int, User]:
    users = User.objects.filter(email__startswith=prefix, email__endswith="@example.com")
    found = {}
    for user in users.only("pk", "email", "name"):
        if match := pattern.match(user.email):
            found[int(match.group(1))] = user
    return found


@transaction.atomic
def _accounts_ensure(
    *, reviewers: int, password_hash: str, counts: Counter
) -> tuple[list[User], User]:
    """At least `reviewers` seeded reviewers (all of them, by number) and the seeded staff."""
    existing = _numbers(_REVIEWER_EMAIL, "scale-reviewer-")
    missing = [n for n in range(1, reviewers + 1) if n not in existing]
    rng = random.Random("reviewers")  # noqa: S311 - test data, not secrets
    created = [
        User(
            email=REVIEWER_EMAIL.format(n),
            name=f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}",
            password=password_hash,
        )
        for n in missing
    ]
    User.objects.bulk_create(created)
    counts[User._meta.label] += len(created)
    existing.update(zip(missing, created, strict=True))
    group, _ = Group.objects.get_or_create(name=REVIEWER_GROUP)
    Membership = User.groups.through
    Membership.objects.bulk_create(
        [Membership(user_id=user.pk, group_id=group.pk) for user in existing.values()],
        ignore_conflicts=True,
    )
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    if staff is None:
        staff = User.objects.create(
            email=STAFF_EMAIL,
            name=STAFF_NAME,
            password=password_hash,
            is_staff=True,
            is_superuser=True,
        )
        counts[User._meta.label] += 1
    if not ReviewForm.objects.filter(is_active=True).exists():
        demo_review_form_ensure(staff=staff)
    return [existing[n] for n in sorted(existing)], staff


@contextmanager
def _no_cycle_collection():
    """A batch allocates some 75,000 rows and frees them together: collecting cycles
    meanwhile only re-scans them (a quarter of the time spent building them)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def reviewers_for(experts: int) -> int:
    return max(MIN_REVIEWERS, experts // EXPERTS_PER_REVIEWER)


def seed_scale(
    *,
    experts: int,
    seed: int = DEFAULT_SEED,
    batch: int = 1000,
    password: str = SEED_PASSWORD,
    now: datetime | None = None,
    progress: Progress = lambda line: None,
) -> SeedResult:
    """Add `experts` synthetic experts (numbered after any seeded before) with profiles,
    artifacts, rounds in every state, reviews and audit entries."""
    started = time.perf_counter()
    clock = _Clock()
    now = now or timezone.now()
    password_hash = make_password(password)  # once: hashing is slow by design
    counts: Counter = Counter()
    reviewers, staff = _accounts_ensure(
        reviewers=reviewers_for(experts), password_hash=password_hash, counts=counts
    )
    instrument = review_instrument()
    first = max(_numbers(_EXPERT_EMAIL, "scale-"), default=0) + 1
    clock.lap("users")
    progress(
        f"accounts: {len(reviewers)} reviewers, staff {STAFF_EMAIL}; experts from "
        f"{EXPERT_EMAIL.format(first)} ({time.perf_counter() - started:.1f} s)"
    )
    for start in range(first, first + experts, batch):
        numbers = range(start, min(start + batch, first + experts))
        with transaction.atomic(), _no_cycle_collection():
            _store_batch(
                numbers,
                seed=seed,
                password_hash=password_hash,
                now=now,
                reviewers=reviewers,
                staff=staff,
                instrument=instrument,
                counts=counts,
                clock=clock,
            )
        stages = ", ".join(f"{stage} {clock.seconds[stage]:.1f}" for stage in STAGES)
        progress(
            f"experts {numbers.stop - first}/{experts} ({stages} s; "
            f"elapsed {time.perf_counter() - started:.1f} s)"
        )
    return SeedResult(
        experts=experts,
        first_number=first,
        counts=dict(counts),
        seconds={
            **{stage: clock.seconds[stage] for stage in STAGES},
            "total": time.perf_counter() - started,
        },
        expert_email=EXPERT_EMAIL.format(first),
        reviewer_email=reviewers[0].email,
        staff_email=STAFF_EMAIL,
        password=password,
    )
