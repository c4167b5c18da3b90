"""How far reviewers agree: Krippendorff's alpha per review rubric, overall and for the
decisions, with a reading of each figure."""

import zlib
from collections.abc import Iterable
from dataclasses import dataclass, fields

from django.core.cache import cache
from django.db.models import Count, Func, IntegerField, Max, Subquery

from onboarding.agreement import Agreement, AgreementReport, agreement_by_category
from onboarding.models import Review, ReviewScore

# Krippendorff's guidance: α ≥ 0.800 supports conclusions; 0.667 ≤ α < 0.800 only tentative ones.
RELIABLE_ALPHA = 0.800
TENTATIVE_ALPHA = 0.667
# Below this many rounds a figure swings with every new review: say so beside it.
FEW_ROUNDS = 5
# A new version of the figures comes with the next review submitted, and each reviewer's
# agreement has an entry of its own: this bounds how long an outdated one takes room.
CALIBRATION_SECONDS = 15 * 60


@dataclass(frozen=True)
class CalibrationRow:
    label: str
    agreement: Agreement
    compared: str = "scored"  # what two reviewers must both have done to a round: "decided"

    @property
    def reading(self) -> str:
        alpha = self.agreement.alpha
        if alpha is None:
            return f"Not enough data: no round was {self.compared} by two reviewers yet."
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
    submitted reviews; decisions compared as categories (nominal).

    It reads every submitted review, so it is kept in the shared cache under the version of
    what it shows: how many reviews are submitted and when the latest was (one query; two
    more when that changed). Submitted reviews are final, so nothing else changes it."""
    key = f"{_KEPT}:calibration:{_submitted_reviews_version()}"
    return cache.get_or_set(key, _calibration, CALIBRATION_SECONDS)


def _kept_shape() -> str:
    """The module and the kept classes' fields, for the cache keys: an entry pickled before
    a class moved or changed is never read."""
    kept = (Calibration, CalibrationRow, ReviewerAgreement, Agreement)
    names = ";".join(f"{cls.__name__}:{','.join(f.name for f in fields(cls))}" for cls in kept)
    return f"{__name__}:{zlib.crc32(names.encode()):08x}"


def _submitted_reviews_version() -> str:
    """What changes whenever a review is submitted: how many there are and the latest
    (one query). Submitted reviews are final, so agreement figures keep until it changes."""
    # COUNT(*), not of a column: the partial index review_submitted_at answers it alone.
    version = Review.objects.filter(state=Review.State.SUBMITTED).aggregate(
        count=Count("*"), latest=Max("submitted_at")
    )
    return agreement_version(version["count"], version["latest"])


def _calibration() -> Calibration:
    scores = (
        ReviewScore.objects.filter(review__state=Review.State.SUBMITTED, score__isnull=False)
        .order_by("review__submitted_at", "pk")
        .values_list(
            "review__round_id", "review__reviewer_id", "rubric_key", "rubric_title", "score"
        )
    )
    report, titles = _rubric_rows(scores)
    decisions = list(
        Review.objects.filter(state=Review.State.SUBMITTED)
        .order_by()  # the reviews' own order joins rounds; the figures need none
        .values_list("round_id", "reviewer_id", "decision")
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
        decisions=CalibrationRow(
            "Decisions", decision_report.by_category.get("decision", empty), compared="decided"
        ),
        rounds_reviewed=len(per_round),
        rounds_multiple=sum(1 for count in per_round.values() if count >= 2),
    )


@dataclass(frozen=True)
class ReviewerAgreement:
    """How one reviewer's reviews compare with the other reviews of the same rounds."""

    shared_rounds: int  # rounds where they and someone else submitted a review
    same_decision: int  # of those, rounds where every other reviewer decided as they did
    scores: Agreement  # Krippendorff's alpha (ordinal) over those rounds' scores

    @property
    def percent_same(self) -> int | None:
        return round(100 * self.same_decision / self.shared_rounds) if self.shared_rounds else None

    @property
    def reading(self) -> str:
        return CalibrationRow("", self.scores).reading


def reviewer_agreements(reviewer_ids: list[int], *, since=None) -> dict[int, ReviewerAgreement]:
    """Each reviewer's agreement with the others on the rounds they reviewed together
    (submitted since `since` when given). Kept in the shared cache under the version of the
    submitted reviews (calibration()): one query, two more when a review was submitted."""
    window = since.isoformat() if since is not None else "all"
    people = ",".join(str(pk) for pk in sorted(reviewer_ids))
    key = f"{_KEPT}:agreements:{_submitted_reviews_version()}:{window}:{people}"
    return cache.get_or_set(
        key, lambda: _reviewer_agreements(reviewer_ids, since=since), CALIBRATION_SECONDS
    )


def agreement_version_columns() -> dict[str, Subquery]:
    """For a query the dashboard makes anyway (the reviewer's recent decisions): the
    version of the submitted reviews (_submitted_reviews_version()), read with its rows
    rather than in a query of its own. Two scalar subqueries, run once: COUNT(*) and MAX()
    without a GROUP BY, as the version's own query, from the partial index
    review_submitted_at alone."""
    submitted = Review.objects.filter(state=Review.State.SUBMITTED).order_by()
    return {
        "submitted_count": Subquery(
            submitted.annotate(count=Func(template="COUNT(*)", output_field=IntegerField())).values(
                "count"
            )
        ),
        "submitted_latest": Subquery(
            submitted.annotate(latest=Func("submitted_at", function="MAX")).values("latest")
        ),
    }


def agreement_version(count: int, latest) -> str:
    """The version agreement figures are kept under, from how many reviews are submitted and
    when the latest was."""
    return f"{count}:{latest.isoformat() if latest else 'none'}"


# The version of a reviewer who has submitted no review (recent_decisions()): they share no
# round with anyone, whatever anyone else submits.
NO_REVIEW_OF_THEIRS = "none"


def reviewer_agreement(reviewer_id: int, *, version: str) -> ReviewerAgreement:
    """One reviewer's agreement with the others (as reviewer_agreements()), kept under
    `version`, the submitted reviews' (agreement_version()), read by the caller:
    no query while it is kept, two when it is not, and none for NO_REVIEW_OF_THEIRS."""
    if version == NO_REVIEW_OF_THEIRS:
        return _one_reviewer(reviewer_id, {}, {})
    key = f"{_KEPT}:agreement:{reviewer_id}:{version}"
    return cache.get_or_set(
        key, lambda: _reviewer_agreements([reviewer_id])[reviewer_id], CALIBRATION_SECONDS
    )


def _reviewer_agreements(reviewer_ids: list[int], *, since=None) -> dict[int, ReviewerAgreement]:
    """Two queries however many reviewers and rounds. Each reads the submitted reviews of the
    rounds the reviewers reviewed by joining from their own reviews, so it reads as much as
    they reviewed, not every review; by key, so that two of them on one round count it once."""
    submitted = {"state": Review.State.SUBMITTED}
    if since is not None:
        submitted["submitted_at__gte"] = since
    # In one filter(): the conditions hold for the same review of theirs.
    theirs = {f"round__reviews__{name}": value for name, value in submitted.items()}
    theirs["round__reviews__reviewer_id__in"] = reviewer_ids
    decisions: dict[int, dict[int, str]] = {}
    # In no order: the figures do not depend on it, and the reviews' own order joins rounds.
    for _pk, round_id, reviewer_id, decision in (
        Review.objects.filter(**submitted, **theirs)
        .order_by()
        .values_list("pk", "round_id", "reviewer_id", "decision")
        .distinct()
    ):
        decisions.setdefault(round_id, {})[reviewer_id] = decision
    scores: dict[int, list[tuple]] = {}
    for _pk, *row in (
        ReviewScore.objects.filter(
            score__isnull=False,
            **{f"review__{name}": value for name, value in {**submitted, **theirs}.items()},
        )
        .order_by()
        .values_list(
            "pk", "review__round_id", "review__reviewer_id", "rubric_key", "rubric_title", "score"
        )
        .distinct()
    ):
        scores.setdefault(row[0], []).append(tuple(row))
    return {
        reviewer_id: _one_reviewer(reviewer_id, decisions, scores) for reviewer_id in reviewer_ids
    }


def _one_reviewer(reviewer_id: int, decisions: dict, scores: dict) -> ReviewerAgreement:
    rounds = [
        round_id
        for round_id, by_reviewer in decisions.items()
        if reviewer_id in by_reviewer and len(by_reviewer) >= 2
    ]
    same = sum(1 for round_id in rounds if len(set(decisions[round_id].values())) == 1)
    report, _titles = _rubric_rows(row for round_id in rounds for row in scores.get(round_id, []))
    return ReviewerAgreement(shared_rounds=len(rounds), same_decision=same, scores=report.overall)


_KEPT = _kept_shape()
