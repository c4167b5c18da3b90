"""The onboarding checklist and the pre-flight check, derived from the data, never ticked.

Both judge a PortfolioOutline: the profile document, the work samples, and the rubrics and
benchmarks counted. A submission takes it from the FrozenPortfolio it stores
(snapshots.freeze_portfolio), so it judges exactly what it freezes; the dashboard and
/submit/ read the same outline from the database without freezing everything
(portfolio.outline.portfolio_outline), and tests hold the two equal.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from common.progress import Progress
from onboarding.models import Round
from onboarding.snapshots import FrozenPortfolio
from onboarding.workflow import PENDING, State
from portfolio.outline import BenchmarkOutline, PortfolioOutline, PortfolioSample
from profiles.completeness import profile_completeness
from profiles.schema import document_errors

MIN_WORK_SAMPLES = 2
MIN_RUBRICS = 1
MIN_BENCHMARKS = 1
NAMED = 3  # artifacts a checklist line names before it says how many more
LABEL_PROFILE = "A valid skill profile"
LABEL_EVIDENCE = "Evidence for every deep domain"
# The dashboard shows a step's link alone as "Next step", so it names what it does.
CREATE_PROFILE = "Create your profile"


def outline_of_frozen(frozen: FrozenPortfolio) -> PortfolioOutline:
    """The outline of what a submission froze."""
    artifacts = frozen.artifacts
    rubrics, benchmarks = artifacts["rubrics"], artifacts["benchmarks"]
    filled = [benchmark for benchmark in benchmarks if benchmark["items"]]
    first = (filled or benchmarks or [None])[0]
    return PortfolioOutline(
        profile=frozen.profile,
        profile_problems=(
            tuple(document_errors(frozen.profile)) if frozen.profile is not None else ()
        ),
        work_samples=tuple(
            PortfolioSample(
                title=sample["title"],
                type=sample["type"],
                link=sample["link"],
                file_name=sample["file"]["name"] if sample["file"] else None,
                file_sha256=sample["file"]["sha256"] if sample["file"] else None,
            )
            for sample in artifacts["work_samples"]
        ),
        rubric_count=len(rubrics),
        rubric_titles=tuple(rubric["title"] for rubric in rubrics[:3]),
        benchmark_count=len(filled),
        first_benchmark=BenchmarkOutline(first["title"], first["domain"], len(first["items"]))
        if first
        else None,
        evidenced_domains=frozenset(
            entry["domain"].casefold() for entry in frozen.snapshot.get("evidence", [])
        ),
        test_plan_count=len(artifacts["test_plans"]),
    )


def _outline(portfolio: PortfolioOutline | FrozenPortfolio) -> PortfolioOutline:
    if isinstance(portfolio, FrozenPortfolio):
        return outline_of_frozen(portfolio)
    return portfolio


@dataclass(frozen=True)
class CountedSample:
    """A work sample that counts towards the two."""

    title: str
    source: str  # "portfolio": the profile document's links are these same samples
    detail: str


def counted_work_samples(portfolio: PortfolioOutline | FrozenPortfolio) -> list[CountedSample]:
    """The portfolio's work samples, one a work: a sample with the link or the file of an
    earlier one (a duplicate left as it was) shows nothing more. The profile document lists
    the linked ones among them, so they are never counted twice either."""
    outline = _outline(portfolio)
    seen = set()
    counted = []
    for sample in outline.work_samples:
        if sample.work in seen:
            continue
        seen.add(sample.work)
        detail = f"uploaded file {sample.file_name}" if sample.file_name is not None else "link"
        counted.append(CountedSample(sample.title, "portfolio", detail))
    return counted


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    ok: bool
    detail: str
    url: str
    link_label: str


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _profile_check(outline: PortfolioOutline) -> Check:
    document = outline.profile
    url = reverse("profile_edit")
    if document is None:
        return Check(
            "profile", LABEL_PROFILE, False, "You have no profile yet.", url, CREATE_PROFILE
        )
    errors = outline.profile_problems
    if errors:
        first = errors[0]
        where = first.path or "the document"
        detail = f"Your profile does not pass the schema ({where}: {first.message})."
        return Check("profile", LABEL_PROFILE, False, detail, url, "Fix your profile")
    return Check("profile", LABEL_PROFILE, True, "Your profile is valid.", url, "Edit your profile")


def _samples_check(outline: PortfolioOutline) -> Check:
    counted = counted_work_samples(outline)
    # The first few by name, as the rubrics' line: the sentence stays one however many.
    names = "; ".join(f"“{sample.title}” ({sample.detail})" for sample in counted[:NAMED])
    if len(counted) > NAMED:
        names += f"; and {len(counted) - NAMED} more"
    repeated = len(outline.work_samples) - len(counted)
    again = (
        f" {_plural(repeated, 'other sample')} show{'s' if repeated == 1 else ''} the same "
        "link or file as one of these, so count once."
        if repeated
        else ""
    )
    if len(counted) >= MIN_WORK_SAMPLES:
        detail = f"{_plural(len(counted), 'work sample')} count: {names}."
    elif counted:
        detail = (
            f"Only {_plural(len(counted), 'work sample')} so far: {names}.{again} Add one more."
        )
    else:
        detail = "Upload or link your own work: a report, a memo, a dataset, code."
    return Check(
        "work_samples",
        "Two work samples",
        len(counted) >= MIN_WORK_SAMPLES,
        detail,
        reverse("work_sample_create"),
        "Add a work sample",
    )


def _rubric_check(outline: PortfolioOutline) -> Check:
    count = outline.rubric_count
    if count:
        detail = ", ".join(f"“{title}”" for title in outline.rubric_titles)
        detail = f"{_plural(count, 'rubric')}: {detail}{'…' if count > 3 else ''}."
    else:
        detail = "Your generalist artifact: a rubric that judges step-by-step reasoning."
    return Check(
        "rubric",
        "A reasoning rubric",
        count >= MIN_RUBRICS,
        detail,
        reverse("rubric_new"),
        "Build a rubric",
    )


def _benchmark_check(outline: PortfolioOutline) -> Check:
    count, first = outline.benchmark_count, outline.first_benchmark
    if first is not None and not count:
        detail = f"“{first.title}” has no items yet: a benchmark counts once it has items."
    elif first is not None:
        detail = (
            f"{_plural(count, 'benchmark')} with items, e.g. “{first.title}” "
            f"({first.domain}, {_plural(first.items, 'item')})."
        )
    else:
        detail = "Your specialist artifact: a benchmark in one of your domains, with items."
    return Check(
        "benchmark",
        "A domain benchmark",
        count >= MIN_BENCHMARKS,
        detail,
        reverse("benchmark_create"),
        "Add a benchmark",
    )


def _evidence_check(outline: PortfolioOutline) -> Check:
    url = reverse("profile_evidence")
    if outline.profile is None:
        detail = "Your profile comes first: evidence is linked to its deep domains."
        return Check(
            "evidence", LABEL_EVIDENCE, False, detail, reverse("profile_edit"), CREATE_PROFILE
        )
    if missing := outline.deep_domains_without_evidence:
        detail = (
            f"No artifact shows {', '.join(missing)} yet. Link a rubric, benchmark, test plan "
            "or work sample to every domain at depth 4 or 5."
        )
        return Check("evidence", LABEL_EVIDENCE, False, detail, url, "Link evidence")
    if deep := outline.deep_domains:
        detail = f"Every deep domain has evidence: {', '.join(deep)}."
    else:
        detail = "You have no deep domain (depth 4 or 5), so no evidence is asked for."
    return Check("evidence", LABEL_EVIDENCE, True, detail, url, "See your evidence")


def preflight_checks(portfolio: PortfolioOutline | FrozenPortfolio) -> list[Check]:
    """What a submission needs; each failed check blocks submitting."""
    outline = _outline(portfolio)
    return [
        _profile_check(outline),
        _evidence_check(outline),
        _samples_check(outline),
        _rubric_check(outline),
        _benchmark_check(outline),
    ]


def blocking_problems(frozen: FrozenPortfolio) -> list[str]:
    """Why a submission of exactly this frozen portfolio is refused ([] when it is not)."""
    return [f"{check.label}: {check.detail}" for check in preflight_checks(frozen) if not check.ok]


# --- Whether a new round may open ---------------------------------------------------------


@dataclass(frozen=True)
class Opening:
    """Whether the expert may submit now and, if not, why (and from when)."""

    allowed: bool
    reason: str = ""
    from_date: datetime | None = None


def resubmit_after_rejection() -> timedelta:
    return timedelta(days=settings.RESUBMIT_AFTER_REJECTION_DAYS)


def approval_revoked(round: Round) -> bool:
    """Whether staff revoked the approval of this approved round (its credential, issued by
    the credentials app, is read through the round)."""
    credential = getattr(round, "issued_credential", None)
    return credential is not None and credential.revoked_at is not None


def round_opening(latest: Round | None, *, now: datetime | None = None) -> Opening:
    """A first round, a resubmission after changes were requested or a withdrawal, or a new
    attempt once the wait after a rejection, or after a revoked approval, is over."""
    if latest is None or latest.state in (State.WITHDRAWN, State.CHANGES_REQUESTED):
        return Opening(True)
    if latest.state in PENDING:
        return Opening(
            False, f"Round {latest.number} is with the reviewers; wait for their decision."
        )
    if latest.state == State.APPROVED:
        if not approval_revoked(latest):
            return Opening(False, "Your portfolio is approved; there is nothing to submit.")
        # A revoked approval counts as a rejection on the day it was revoked.
        credential = latest.issued_credential
        return _after_the_wait(
            credential.revoked_at,
            now=now,
            refused=f"Staff revoked the approval of round {latest.number} on "
            f"{credential.revoked_at:%-d %B %Y}, so your portfolio is no longer approved.",
            why=f" Staff's reason: {credential.revoke_reason}",
        )
    # Rejected: final for that portfolio; a new attempt after the wait.
    return _after_the_wait(
        latest.decided_at or latest.submitted_at,
        now=now,
        refused=f"Round {latest.number} was rejected.",
    )


def _after_the_wait(
    since: datetime, *, now: datetime | None, refused: str, why: str = ""
) -> Opening:
    reopens = since + resubmit_after_rejection()
    if (now or timezone.now()) >= reopens:
        return Opening(True)
    return Opening(
        False,
        f"{refused} You may submit a revised portfolio from {reopens:%-d %B %Y}.{why}",
        from_date=reopens,
    )


# --- The onboarding checklist ------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    done: bool
    detail: str
    url: str
    link_label: str


class Onboarding(Progress[Step]):
    """The article's five steps and evidence for the deep domains, in order; the first not
    done is the next."""

    @property
    def steps(self) -> tuple[Step, ...]:
        return self.items

    @property
    def next_step(self) -> Step | None:
        return self.first_missing


def _profile_step(outline: PortfolioOutline) -> Step:
    valid = _profile_check(outline)
    completeness = profile_completeness(
        outline.profile,
        other_sample_types=[sample.type for sample in outline.work_samples]
        + list(outline.built_artifact_types),
    )
    if not valid.ok:
        return Step("profile", "Profile complete", False, valid.detail, valid.url, valid.link_label)
    missing = [item.label.lower() for item in completeness.missing]
    # Submitting asks for a valid profile (preflight_checks()); the rest helps reviewers.
    detail = (
        "Every part of your profile is filled in."
        if not missing
        else f"{completeness.done_count} of {completeness.total} parts filled in; still "
        f"missing: {', '.join(missing)}. Your profile is valid, so it does not hold up "
        "submitting, but reviewers judge what it says."
    )
    return Step(
        "profile",
        "Profile complete",
        completeness.is_complete,
        detail,
        reverse("profile_edit"),
        "Complete your profile",
    )


def _from_check(check: Check, label: str) -> Step:
    return Step(check.key, label, check.ok, check.detail, check.url, check.link_label)


def _submitted_step(latest: Round | None) -> Step:
    url = reverse("submit")
    if latest is None or latest.state == State.WITHDRAWN:
        detail = (
            "Submit for review once the submit page finds your portfolio ready: a valid "
            "profile, evidence for your deep domains, two work samples, a rubric and a "
            "benchmark."
        )
        return Step("submitted", "Portfolio submitted", False, detail, url, "Submit for review")
    if latest.state == State.CHANGES_REQUESTED:
        detail = (
            f"The reviewers asked for changes in round {latest.number}. Revise your portfolio "
            f"and submit round {latest.number + 1}."
        )
        return Step("submitted", "Portfolio submitted", False, detail, url, "Resubmit")
    detail = f"Round {latest.number} submitted on {latest.submitted_at:%-d %B %Y}."
    return Step("submitted", "Portfolio submitted", True, detail, url, "See your submission")


def onboarding(portfolio: PortfolioOutline | FrozenPortfolio, latest: Round | None) -> Onboarding:
    """The article's five steps, each judged from the data, with evidence for the profile's
    claims after the profile."""
    outline = _outline(portfolio)
    return Onboarding(
        items=(
            _profile_step(outline),
            _from_check(_evidence_check(outline), LABEL_EVIDENCE),
            _from_check(_samples_check(outline), "Two strong work samples"),
            _from_check(_rubric_check(outline), "One reasoning rubric (generalist artifact)"),
            _from_check(_benchmark_check(outline), "One domain benchmark (specialist artifact)"),
            _submitted_step(latest),
        )
    )
