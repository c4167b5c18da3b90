"""Synthetic experts at scale, for benchmarks and load tests (`manage.py seed_scale`).

Each expert is planned from (seed, number) alone (seeding/plan/), so a run is
repeatable, and the rows are inserted table by table (bulk_create; COPY on PostgreSQL), one
batch of experts per transaction: a run that stops halfway leaves whole experts behind.
Rounds are frozen by snapshots.frozen_portfolio() from the very rows just inserted, and get
their queue columns and rows from onboarding.services.submissions, so a seeded round holds
exactly what submitting would have frozen.

Accounts have one password for all, hashed once (seeding/accounts.py names them).
"""

import gc
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone

from onboarding.models import (
    AuditEntry,
    DeepeningPlan,
    Review,
    ReviewFlag,
    ReviewScore,
    Round,
    RoundCredential,
    RoundDomain,
    Submission,
)
from onboarding.services.submissions import round_from_frozen, round_queue_rows
from onboarding.snapshots import frozen_portfolio, review_instrument
from portfolio.documents import document_to_store
from portfolio.evidence import EvidenceLink
from portfolio.models import (
    AdversarialCase,
    AdversarialTestPlan,
    Benchmark,
    BenchmarkItem,
    Evidence,
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
)
from rubrics.models import Criterion, DisallowedBehaviour, Rubric, ScaleLevel
from seeding.accounts import STAFF_EMAIL, accounts_ensure, next_expert_number, reviewers_for
from seeding.bulk import insert_rows
from seeding.plan.experts import EXPERT_EMAIL, ExpertPlan, plan_expert
from seeding.plan.rounds import ReviewPlan, RoundPlan, plan_rounds

DEFAULT_SEED = 2026
SEED_PASSWORD = "scale-expertfolio-2026"  # noqa: S105 - the published login of seeded accounts
STAGES = ("plan", "users", "profiles", "artifacts", "documents", "rounds", "reviews")
# Insertion order: parents before children.
PROFILE_TABLES = (Profile, ProfileDomain, Strength, Credential, Tool, DeclinedTopic)
ARTIFACT_TABLES = (Rubric, ScaleLevel, Criterion, DisallowedBehaviour, Benchmark, BenchmarkItem,
                   AdversarialTestPlan, AdversarialCase, WorkSample, DeepeningPlan,
                   Evidence)  # fmt: skip

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


class _Clock:
    def __init__(self) -> None:
        self.seconds: Counter = Counter()
        self.mark = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] += now - self.mark
        self.mark = now


@dataclass(frozen=True)
class _Run:
    """What every batch of a run shares."""

    seed: int
    password_hash: str
    now: datetime
    reviewers: Sequence[User]
    staff: User
    instrument: dict
    counts: Counter  # rows inserted, by table
    clock: _Clock


def _store_batch(numbers: range, run: _Run) -> None:
    plans = [
        plan_expert(seed=run.seed, number=number, password_hash=run.password_hash, now=run.now)
        for number in numbers
    ]
    rows = _rows_of(plans, seed=run.seed)
    run.clock.lap("plan")
    insert_rows(User, [plan.user for plan in plans], run.counts)
    run.clock.lap("users")
    for model in PROFILE_TABLES:
        insert_rows(model, rows[model], run.counts)
    run.clock.lap("profiles")
    for model in ARTIFACT_TABLES:
        insert_rows(model, rows[model], run.counts)
    run.clock.lap("artifacts")
    _store_documents(rows[Profile])
    run.clock.lap("documents")
    rounds, planned = _store_rounds(plans, run)
    run.clock.lap("rounds")
    _store_reviews(rounds, planned, run)
    run.clock.lap("reviews")


def _store_documents(profiles: list[Profile]) -> None:
    """Each profile's document stored with its row, as the product's writes store it (with
    its work samples, so after the artifacts). Read back first: the row's key is its save."""
    stored = list(Profile.objects.filter(pk__in=[profile.pk for profile in profiles]))
    for profile in stored:
        profile.kept_document = document_to_store(profile)
    Profile.objects.bulk_update(stored, ["kept_document"], batch_size=500)


def _rows_of(plans: list[ExpertPlan], *, seed: int) -> dict[type[models.Model], list]:
    """The batch's rows by table. A profile slug already taken (by a person's own profile)
    gets the seed appended."""
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
        if profile.slug in taken:
            profile.slug = f"{profile.slug}-{seed}"
    return rows


def _store_rounds(plans: list[ExpertPlan], run: _Run) -> tuple[list[Round], list[RoundPlan]]:
    """Each expert's submission and rounds by their story (none for a draft), with the rows
    the queue filters them by; returns the rounds and, in the same order, their plans."""
    context = {
        "now": run.now,
        "reviewers": run.reviewers,
        "staff": run.staff,
        "instrument": run.instrument,
    }
    stories = [(plan, plan_rounds(plan, **context)) for plan in plans]
    stories = [(plan, rounds) for plan, rounds in stories if rounds]
    submissions = [Submission(owner=plan.user) for plan, _ in stories]
    insert_rows(Submission, submissions, run.counts)
    rounds, planned = [], []
    for submission, (plan, round_plans) in zip(submissions, stories, strict=True):
        for number, round_plan in enumerate(round_plans, start=1):
            rounds.append(_round(plan, round_plan, submission, number, run.instrument, run.staff))
            planned.append(round_plan)
    insert_rows(Round, rounds, run.counts)
    queue_domains, queue_credentials = [], []
    for round in rounds:
        domains, credentials = round_queue_rows(round)
        queue_domains += domains
        queue_credentials += credentials
    insert_rows(RoundDomain, queue_domains, run.counts)
    insert_rows(RoundCredential, queue_credentials, run.counts)
    return rounds, planned


def _store_reviews(rounds: list[Round], planned: list[RoundPlan], run: _Run) -> None:
    """The rounds' reviews with their scores and flags, and their audit entries."""
    rubrics = run.instrument.get("rubrics", [])
    reviews, scores, flags, entries = [], [], [], []
    for round, round_plan in zip(rounds, planned, strict=True):
        for review_plan in round_plan.reviews:
            review, review_scores, review_flags = _review_rows(round, review_plan, rubrics)
            reviews.append(review)
            scores += review_scores
            flags += review_flags
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
    insert_rows(Review, reviews, run.counts)
    insert_rows(ReviewScore, scores, run.counts)
    insert_rows(ReviewFlag, flags, run.counts)
    insert_rows(AuditEntry, entries, run.counts)


def _review_rows(
    round: Round, review_plan: ReviewPlan, rubrics: list[dict]
) -> tuple[Review, list[ReviewScore], list[ReviewFlag]]:
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
    scores = [
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
    flags = [
        ReviewFlag(
            review=review,
            rubric_position=position,
            behaviour_position=behaviour,
            text=rubrics[position]["rubric"]["disallow"][behaviour][:500],
        )
        for position, behaviour in review_plan.flags
    ]
    return review, scores, flags


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
        evidence=[EvidenceLink.of(evidence) for evidence in plan.evidence],
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
    reviewers, staff = accounts_ensure(
        reviewers=reviewers_for(experts), password_hash=password_hash, counts=counts
    )
    run = _Run(
        seed=seed,
        password_hash=password_hash,
        now=now,
        reviewers=reviewers,
        staff=staff,
        instrument=review_instrument(),
        counts=counts,
        clock=clock,
    )
    first = next_expert_number()
    clock.lap("users")
    progress(
        f"accounts: {len(reviewers)} reviewers, staff {STAFF_EMAIL}; experts from "
        f"{EXPERT_EMAIL.format(first)} ({time.perf_counter() - started:.1f} s)"
    )
    for start in range(first, first + experts, batch):
        numbers = range(start, min(start + batch, first + experts))
        with transaction.atomic(), _no_cycle_collection():
            _store_batch(numbers, run)
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
