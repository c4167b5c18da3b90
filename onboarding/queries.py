"""Reads for submissions and reviews: the queue, a round's page, feedback and calibration.

Each page costs a fixed number of queries however many rounds, reviews or files it shows.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Exists,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timesince

from onboarding.agreement import Agreement, AgreementReport, agreement_by_category
from onboarding.diff import SnapshotDiff, diff_snapshots
from onboarding.models import (
    AuditEntry,
    Review,
    ReviewScore,
    Round,
    RoundCredential,
    RoundDomain,
    RoundFile,
    Submission,
)
from onboarding.permissions import (
    OWNER,
    STAFF,
    can_adjudicate,
    can_claim_round,
    can_score_round,
    round_has_seat_for,
)
from onboarding.snapshots import snapshot_sha256
from onboarding.workflow import DECIDED, OPEN_FOR_REVIEW, Decision, State, state_label
from portfolio.models import WorkSample
from portfolio.previews import Preview, kept_file_preview
from profiles.models import User
from profiles.permissions import is_reviewer
from profiles.shape import SHAPE_LABELS, Shape

# --- The expert's rounds ----------------------------------------------------------------------


def rounds_of(user: User) -> QuerySet[Round]:
    """The expert's rounds, latest first, without the frozen copies only a round's page reads
    (with their submission, whose owner the permissions ask)."""
    return (
        Round.objects.filter(submission__owner=user)
        .select_related("submission")
        .defer("snapshot", "checklists", "instrument")
        .order_by("-number")
    )


def latest_round_of(user: User) -> Round | None:
    """The expert's latest round with the instrument its feedback is read against."""
    return (
        Round.objects.filter(submission__owner=user)
        .defer("snapshot", "checklists")
        .order_by("-number")
        .first()
    )


def previous_reviewed_round(round: Round) -> Round | None:
    """The round before this one that reached the reviewers (withdrawn ones never did)."""
    return (
        Round.objects.filter(submission_id=round.submission_id, number__lt=round.number)
        .exclude(state=State.WITHDRAWN)
        .order_by("-number")
        .first()
    )


# --- Feedback ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RubricFeedback:
    title: str
    score: int | None
    scale: tuple[int, ...]  # every score the rubric has, highest first
    criteria: tuple[str, ...]  # the chosen level's criteria
    comment: str
    flags: tuple[str, ...]


@dataclass(frozen=True)
class ReviewFeedback:
    label: str  # "Reviewer 1" for the expert; the reviewer's name for staff
    review: Review
    decision_label: str
    rubrics: tuple[RubricFeedback, ...]

    @property
    def comment(self) -> str:
        return self.review.comment


def review_feedback(review: Review, instrument: dict, label: str) -> ReviewFeedback:
    """A review read against the instrument it was scored with (scores and flags prefetched)."""
    scores = {score.rubric_position: score for score in review.scores.all()}
    flags: dict[int, list[str]] = {}
    for flag in review.flags.all():
        flags.setdefault(flag.rubric_position, []).append(flag.text)
    rubrics = []
    for position, entry in enumerate(instrument.get("rubrics", [])):
        scale = entry["rubric"]["scale"]
        given = scores.get(position)
        chosen = given.score if given else None
        criteria = next((lvl["criteria"] for lvl in scale if lvl["score"] == chosen), [])
        rubrics.append(
            RubricFeedback(
                title=entry["title"],
                score=chosen,
                scale=tuple(sorted((level["score"] for level in scale), reverse=True)),
                criteria=tuple(criteria),
                comment=given.comment if given else "",
                flags=tuple(flags.get(position, [])),
            )
        )
    return ReviewFeedback(
        label=label,
        review=review,
        decision_label=Decision(review.decision).label if review.decision else "",
        rubrics=tuple(rubrics),
    )


@dataclass(frozen=True)
class ScoreComparison:
    """Several reviews of one round side by side: a row per rubric, a column per review."""

    reviewers: tuple[str, ...]
    decisions: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int | None, ...]], ...]


def compare_scores(feedback: list[ReviewFeedback]) -> ScoreComparison | None:
    """Reviews of the same round share its instrument, so their rubrics line up."""
    if len(feedback) < 2:
        return None
    return ScoreComparison(
        reviewers=tuple(item.label for item in feedback),
        decisions=tuple(item.decision_label for item in feedback),
        rows=tuple(
            (rubric.title, tuple(item.rubrics[position].score for item in feedback))
            for position, rubric in enumerate(feedback[0].rubrics)
        ),
    )


def _reviews_of(round: Round) -> list[Review]:
    """Every review of the round, without scores and flags: read those for the reviews
    shown (with_scores), so a page whose reviews are hidden does not read them."""
    return list(
        Review.objects.filter(round=round)
        .select_related("reviewer")
        .order_by("submitted_at", "claimed_at", "pk")
    )


def with_scores(reviews: list[Review]) -> list[Review]:
    """The reviews with their scores and flags read (two queries, none for no reviews)."""
    prefetch_related_objects(reviews, "scores", "flags")
    return reviews


def round_outcome(round: Round) -> list[ReviewFeedback]:
    """What the expert reads once the round is decided: every submitted review, unnamed."""
    if not round.is_decided:
        return []
    submitted = with_scores([review for review in _reviews_of(round) if review.is_submitted])
    return [
        review_feedback(review, round.instrument, f"Reviewer {number}")
        for number, review in enumerate(submitted, start=1)
    ]


# --- A round's page ---------------------------------------------------------------------------


# A benchmark's items on the round page; the rest are a link away, a page at a time.
ITEMS_ON_ROUND_PAGE = 10
FROZEN_ITEMS_PAGE_SIZE = 50


@dataclass(frozen=True)
class FrozenArtifact:
    data: dict
    checklist: dict | None
    preview: Preview | None = None  # an uploaded work sample's file

    @property
    def items_shown(self) -> list[dict]:
        return self.data.get("items", [])[:ITEMS_ON_ROUND_PAGE]

    @property
    def items_count(self) -> int:
        return len(self.data.get("items", []))

    @property
    def more_items(self) -> bool:
        return self.items_count > ITEMS_ON_ROUND_PAGE

    @property
    def type_label(self) -> str:
        """A work sample's type in words (a type unknown today is shown as stored)."""
        value = self.data.get("type", "")
        return WorkSample.Type(value).label if value in WorkSample.Type.values else value


@dataclass(frozen=True)
class ArtifactSection:
    key: str
    label: str
    artifacts: tuple[FrozenArtifact, ...]


SECTION_LABELS = {
    "rubrics": "Rubrics",
    "benchmarks": "Benchmarks",
    "test_plans": "Adversarial test plans",
    "work_samples": "Work samples",
}


def artifact_sections(round: Round) -> list[ArtifactSection]:
    """The snapshot's artifacts by kind, each with its frozen checklist and, for an uploaded
    work sample, an in-page preview of its file (one query; the bytes come from storage the
    first time a file's content is previewed)."""
    artifacts = round.snapshot.get("artifacts", {})
    checklists = round.checklists or {}
    files = RoundFile.objects.filter(round=round).select_related("file")
    previews = {str(row.file_id): kept_file_preview(row.file) for row in files}
    return [
        ArtifactSection(
            key=key,
            label=label,
            artifacts=tuple(
                FrozenArtifact(
                    data=item,
                    checklist=checklists.get(key, {}).get(str(item["id"])),
                    preview=previews.get(str((item.get("file") or {}).get("id"))),
                )
                for item in artifacts.get(key, [])
            ),
        )
        for key, label in SECTION_LABELS.items()
    ]


def frozen_benchmark(round: Round, artifact_id: int) -> dict | None:
    """One benchmark of the round's snapshot, as submitted (None when it has no such one)."""
    benchmarks = round.snapshot.get("artifacts", {}).get("benchmarks", [])
    return next((item for item in benchmarks if item.get("id") == artifact_id), None)


@dataclass(frozen=True)
class RoundReviews:
    """The reviews of a round as one person may see them."""

    all: list[Review]  # claimed and submitted, for counting seats
    mine: Review | None
    shown: list[ReviewFeedback]  # submitted reviews this person may read
    claimed_by: list[User]  # reviewers working on it now


def round_reviews(round: Round, user: User, audience: str) -> RoundReviews:
    """Reviewers score independently: another reviewer's scores show only after the decision.
    The expert reads submitted reviews, unnamed, once the round is decided; staff read every
    submitted review. Nobody but its author sees a draft."""
    reviews = _reviews_of(round)
    mine = next((review for review in reviews if review.reviewer_id == user.pk), None)
    submitted = [review for review in reviews if review.is_submitted]
    if audience == OWNER:
        readable = submitted if round.is_decided else []
    elif audience == STAFF or round.is_decided:
        readable = submitted
    else:
        readable = []
    # Scores and flags of what this page shows: the readable reviews, and the user's own
    # (a draft for the scoring form, or their submitted review).
    with_scores([review for review in reviews if review in readable or review is mine])
    if audience == OWNER:
        shown = [
            review_feedback(review, round.instrument, f"Reviewer {number}")
            for number, review in enumerate(readable, start=1)
        ]
    else:
        shown = [
            review_feedback(review, round.instrument, review.reviewer.get_full_name())
            for review in readable
        ]
    return RoundReviews(
        all=reviews,
        mine=mine,
        shown=shown,
        claimed_by=[review.reviewer for review in reviews if not review.is_submitted],
    )


def round_diff(round: Round) -> tuple[Round | None, SnapshotDiff | None]:
    previous = previous_reviewed_round(round) if round.number > 1 else None
    if previous is None:
        return None, None
    return previous, diff_snapshots(previous.snapshot, round.snapshot)


@dataclass(frozen=True)
class FrozenCopy:
    """What a round's page shows of the frozen portfolio: what changed since the previous
    round, the profile and the artifacts. It is the same for everyone who may see the round,
    and never changes: the snapshot, the checklists and the files are frozen, and a round
    follows the previous one only once that one is decided, which is final."""

    round: Round
    sections: list[ArtifactSection]
    previous: Round | None
    diff: SnapshotDiff | None

    @property
    def lasting(self) -> bool:
        """False while a file could not be read: it is tried again next time."""
        return all(
            artifact.preview is None or artifact.preview.lasting
            for section in self.sections
            for artifact in section.artifacts
        )

    def context(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


# Part of the key a frozen copy is kept under: raise it when its templates change what
# they show.
FROZEN_COPY_VERSION = 1


def frozen_copy_key(round: Round) -> str:
    """The round and its snapshot's hash, which change with nothing."""
    return f"round-frozen-copy:{FROZEN_COPY_VERSION}:{round.pk}:{round.snapshot_sha256}"


def frozen_copy(round: Round) -> FrozenCopy:
    """One or two queries: the round's files, and the previous round for a later one."""
    previous, diff = round_diff(round)
    return FrozenCopy(round=round, sections=artifact_sections(round), previous=previous, diff=diff)


def audit_log(round: Round) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(round=round).select_related("actor").order_by("at", "pk")


@dataclass(frozen=True)
class RoundPage:
    """Everything /review/rounds/<id>/ shows one person, and what they may do there, but the
    frozen copy (frozen_copy())."""

    audience: str
    for_owner: bool  # the expert reading their own round
    state_label: str
    decided: bool
    snapshot_intact: bool  # the stored hash still matches the stored snapshot
    reviews: RoundReviews
    comparison: ScoreComparison | None
    my_feedback: ReviewFeedback | None
    audit: list[AuditEntry]
    can_claim: bool
    can_release: bool
    can_score: bool
    can_adjudicate: bool

    def context(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def round_page(round: Round, user: User, audience: str) -> RoundPage:
    reviews = round_reviews(round, user, audience)
    mine = reviews.mine
    unfinished = can_score_round(user, round, mine) and not mine.is_submitted
    return RoundPage(
        audience=audience,
        for_owner=audience == OWNER,
        state_label=state_label(round.state),
        decided=round.state in DECIDED,
        snapshot_intact=snapshot_sha256(round.snapshot) == round.snapshot_sha256,
        reviews=reviews,
        comparison=compare_scores(reviews.shown),
        my_feedback=review_feedback(mine, round.instrument, "Your review")
        if mine is not None and mine.is_submitted
        else None,
        audit=list(audit_log(round)) if audience == STAFF else [],
        can_claim=audience != OWNER and can_claim_round(user, round, reviews.all),
        can_release=unfinished,
        can_score=unfinished and round.state == State.IN_REVIEW,
        can_adjudicate=can_adjudicate(user, round),
    )


# --- The reviewer queue -----------------------------------------------------------------------

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
    sort: str = "oldest"


def review_queue(user: User, filters: QueueFilters, *, now: datetime | None = None) -> QuerySet:
    """Rounds for reviewers: never the reviewer's own, never withdrawn ones."""
    # A subquery rather than a join: the page is then read straight from a round index.
    own = Submission.objects.filter(owner=user).values("pk")
    rounds = Round.objects.exclude(submission__in=own).exclude(state=State.WITHDRAWN)
    mine = Review.objects.filter(reviewer=user)
    if filters.state == QUEUE_OPEN:
        # The same list as the partial indexes' condition, so the planner can use them.
        rounds = rounds.filter(state__in=sorted(OPEN_FOR_REVIEW))
    elif filters.state == QUEUE_MINE:
        # The reviewer's own rounds by primary key: as a subquery PostgreSQL reads every round.
        rounds = rounds.filter(pk__in=list(mine.values_list("round_id", flat=True)))
    else:
        rounds = rounds.filter(state=filters.state)
    if filters.q:
        rounds = rounds.filter(
            Q(expert_name__icontains=filters.q) | Q(headline__icontains=filters.q)
        )
    if filters.domain:
        rounds = rounds.filter(
            Exists(RoundDomain.objects.filter(round=OuterRef("pk"), key=filters.domain.casefold()))
        )
    if filters.credential:
        rounds = rounds.filter(
            Exists(
                RoundCredential.objects.filter(
                    round=OuterRef("pk"), key=filters.credential.casefold()
                )
            )
        )
    if filters.shape:
        rounds = rounds.filter(shape=filters.shape)
    if filters.waiting:
        rounds = rounds.filter(
            submitted_at__lte=(now or timezone.now()) - timedelta(days=filters.waiting)
        )
    # A queue row never shows the frozen portfolio: leave its JSON in the database.
    return rounds.defer("snapshot", "checklists", "instrument").order_by(
        *QUEUE_SORTS.get(filters.sort, QUEUE_SORTS["oldest"])[1]
    )


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
)


def queue_page_rows(rounds: QuerySet[Round], user: User) -> QuerySet:
    """The queue's rounds (from review_queue()) as the values a row shows, with how many
    reviewers each has and the user's own review state: a page is one query, and the
    subqueries run for that page's rows only."""
    reviews = Review.objects.filter(round=OuterRef("pk")).order_by()
    taken = reviews.values("round").annotate(count=Count("pk")).values("count")
    return rounds.annotate(
        reviews_taken=Coalesce(Subquery(taken), 0),
        my_review=Subquery(reviews.filter(reviewer=user).values("state")[:1]),
    ).values(*QUEUE_ROW_COLUMNS, "reviews_taken", "my_review")


@dataclass(frozen=True, slots=True)
class QueueRow:
    """What one row of the queue shows, as text formatted once here: numbers and dates
    formatted cell by cell in the template cost the page milliseconds."""

    pk: int
    url: str
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
    seats: str  # "1 of 2 reviewers"
    my_review: str | None  # the user's review state: claimed, submitted, or None
    can_claim: bool

    @property
    def my_review_open(self) -> bool:
        return self.my_review == Review.State.CLAIMED


def queue_rows(values: Iterable[dict], user: User) -> list[QueueRow]:
    """A queue page's rows (from queue_page_rows()) with what the user may do on each."""
    # The queue never lists the user's own rounds, so a reviewer may claim any with a seat.
    reviewer = is_reviewer(user)
    now = timezone.now()
    rows = []
    for row in values:
        submitted = timezone.localtime(row["submitted_at"])
        required = row["reviews_required"]
        plural = "" if required == 1 else "s"
        rows.append(
            QueueRow(
                pk=row["pk"],
                url=reverse("review_round", args=[row["pk"]]),
                expert_name=row["expert_name"],
                number=str(row["number"]),
                headline=row["headline"],
                shape_label=SHAPE_LABELS.get(row["shape"], row["shape"]),
                domains=[f"{d['name']} ({d['depth']})" for d in row["queue_domains"]],
                credentials="; ".join(row["queue_credentials"]),
                submitted_iso=submitted.isoformat(timespec="seconds"),
                submitted_title=date_format(submitted, "j M Y, H:i"),
                waiting=timesince(submitted, now),
                state=row["state"],
                state_label=state_label(row["state"]),
                seats=f"{row['reviews_taken']} of {required} reviewer{plural}",
                my_review=row["my_review"],
                can_claim=reviewer
                and round_has_seat_for(
                    state=row["state"],
                    reviews_required=required,
                    reviews_taken=row["reviews_taken"],
                    has_reviewed=row["my_review"] is not None,
                ),
            )
        )
    return rows


class QueuePaginator(Paginator):
    """Pages past the middle are read from the other end with a smaller offset, so the last
    page of a long queue costs what the first does (offsets make a database skip rows)."""

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if bottom <= self.count // 2 or not self.object_list.ordered:
            return super().page(number)
        rows = list(self.object_list.reverse()[self.count - top : self.count - bottom])
        rows.reverse()
        return self._get_page(rows, number, self)


def my_open_reviews(user: User) -> QuerySet[Review]:
    """The reviewer's claimed, unfinished reviews, oldest first (without the snapshots)."""
    return (
        Review.objects.filter(reviewer=user, state=Review.State.CLAIMED)
        .select_related("round")
        .only("claimed_at", "round", "round__expert_name", "round__number")
        .order_by("claimed_at", "pk")
    )


MY_REVIEWS_SHOWN = 10


def my_open_reviews_summary(user: User) -> tuple[list[Review], int]:
    """The oldest few unfinished reviews and how many there are in all, in one query (each
    row carries the count): a busy reviewer's list stays short, the "My reviews" queue
    filter has them all."""
    shown = list(my_open_reviews(user).annotate(open_count=Window(Count("pk")))[:MY_REVIEWS_SHOWN])
    return shown, shown[0].open_count if shown else 0


# The choices scan every round's domains and credentials, so the queue page would slow down
# as rounds pile up; they change only when someone submits (bench/README.md has the figures).
FILTER_CHOICES_KEY = "review-queue-filter-choices"
FILTER_CHOICES_SECONDS = 60


def queue_filter_choices() -> dict[str, list[tuple[str, str]]]:
    """Domains and credentials that rounds have, for the queue's filters; cached briefly."""
    choices = cache.get(FILTER_CHOICES_KEY)
    if choices is None:
        choices = _queue_filter_choices()
        cache.set(FILTER_CHOICES_KEY, choices, FILTER_CHOICES_SECONDS)
    return choices


def forget_queue_filter_choices() -> None:
    """A new round may bring a new domain or credential: read them again."""
    cache.delete(FILTER_CHOICES_KEY)


def _queue_filter_choices() -> dict[str, list[tuple[str, str]]]:
    """Two queries."""
    live = ~Q(round__state=State.WITHDRAWN)
    domains = (
        RoundDomain.objects.filter(live).values("key").annotate(name=Min("name")).order_by("key")
    )
    credentials = (
        RoundCredential.objects.filter(live)
        .values("key")
        .annotate(name=Min("text"))
        .order_by("key")
    )
    return {
        "domain": [(row["key"], row["name"]) for row in domains],
        "credential": [(row["key"], row["name"]) for row in credentials],
        "shape": [(shape.value, shape.label) for shape in Shape],
    }


def rounds_awaiting_adjudication() -> QuerySet[Round]:
    return Round.objects.filter(state=State.ADJUDICATION).order_by("submitted_at", "pk")


# --- Calibration ------------------------------------------------------------------------------

# Krippendorff's guidance: α ≥ 0.800 supports conclusions; 0.667 ≤ α < 0.800 only tentative ones.
RELIABLE_ALPHA = 0.800
TENTATIVE_ALPHA = 0.667
# Below this many rounds a figure swings with every new review: say so beside it.
FEW_ROUNDS = 5


@dataclass(frozen=True)
class CalibrationRow:
    label: str
    agreement: Agreement

    @property
    def reading(self) -> str:
        alpha = self.agreement.alpha
        if alpha is None:
            return "Not enough data: no round was scored on this by two reviewers."
        if self.agreement.no_variation:
            reading = "Every reviewer gave the same value everywhere: agreement is 1 by convention."
        elif alpha >= RELIABLE_ALPHA:
            reading = "Reliable agreement."
        elif alpha >= TENTATIVE_ALPHA:
            reading = "Tentative agreement: good enough for tentative conclusions only."
        else:
            reading = "Low agreement: reviewers judge this differently; calibrate together."
        rounds = self.agreement.units
        if rounds < FEW_ROUNDS:
            reading += f" Only {rounds} round{'s' if rounds != 1 else ''}: a first hint at most."
        return reading


@dataclass(frozen=True)
class Calibration:
    overall: CalibrationRow
    rubrics: list[CalibrationRow]
    decisions: CalibrationRow
    rounds_reviewed: int  # rounds with at least one submitted review
    rounds_multiple: int  # of those, rounds with two or more

    @property
    def enough_data(self) -> bool:
        return self.overall.agreement.alpha is not None


def _rubric_rows(rows: Iterable[tuple]) -> tuple[AgreementReport, dict]:
    """(round, reviewer, rubric key or title, score) rows; a rubric is known by its id in
    the instrument, and labelled with the latest title it had."""
    titles: dict = {}
    data = []
    for round_id, reviewer_id, key, title, score in rows:
        category = key if key is not None else f"title:{title}"
        titles[category] = title
        data.append((round_id, reviewer_id, category, score))
    return agreement_by_category(data, metric="ordinal"), titles


def calibration() -> Calibration:
    """Krippendorff's alpha (ordinal) between reviewers, per review rubric and overall, over
    submitted reviews; decisions compared as categories (nominal). Three queries."""
    scores = (
        ReviewScore.objects.filter(review__state=Review.State.SUBMITTED, score__isnull=False)
        .order_by("review__submitted_at", "pk")
        .values_list(
            "review__round_id", "review__reviewer_id", "rubric_key", "rubric_title", "score"
        )
    )
    report, titles = _rubric_rows(scores)
    decisions = list(
        Review.objects.filter(state=Review.State.SUBMITTED).values_list(
            "round_id", "reviewer_id", "decision"
        )
    )
    decision_report = agreement_by_category(
        ((round_id, reviewer, "decision", value) for round_id, reviewer, value in decisions),
        metric="nominal",
    )
    per_round: dict[int, int] = {}
    for round_id, _reviewer, _decision in decisions:
        per_round[round_id] = per_round.get(round_id, 0) + 1
    empty = Agreement(alpha=None, units=0, values=0, coders=0)
    return Calibration(
        overall=CalibrationRow("All review rubrics", report.overall),
        rubrics=[
            CalibrationRow(titles[category], agreement)
            for category, agreement in report.by_category.items()
        ],
        decisions=CalibrationRow("Decisions", decision_report.by_category.get("decision", empty)),
        rounds_reviewed=len(per_round),
        rounds_multiple=sum(1 for count in per_round.values() if count >= 2),
    )
