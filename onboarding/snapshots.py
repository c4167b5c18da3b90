"""A portfolio as plain data: what a submission freezes, and what the checklists judge.

The snapshot format (read by onboarding/diff and the round page):

    {"format": 1,
     "profile": {...the skill-profile document...},
     "artifacts": {
       "rubrics":      [{"id", "title", "content": {"rubric": {...the YAML document...}}}],
       "benchmarks":   [{"id", "title", "domain", "metric", "target", "description", "sources",
                         "items": [{"prompt", "reference_answer", "rationale", "difficulty",
                                    "adversarial", "source"}]}],
       "test_plans":   [{"id", "title", "scope", "threat_model", "goal", "sources",
                         "cases": [{"attack", "expected_behaviour", "severity"}]}],
       "work_samples": [{"id", "title", "type", "description", "link",
                         "file": null | {"id", "name", "sha256", "size", "content_type"}}]},
     "evidence": [{"domain", "kind", "id"}],
     "verified_credentials": [{"text", "verified_on": "YYYY-MM-DD"}]}

`evidence` links a domain of the profile to an artifact above (`kind` is its key in
"artifacts"); a snapshot from before evidence existed has no such key.
`verified_credentials` are the profile's credentials that staff had verified when it was
submitted (older rounds have none): reviewers, the approval's credential and the public
page read them from here, not from what staff decide later.

Each artifact's quality checklist is frozen beside the snapshot (not in it, so a diff between
rounds shows what the expert changed, not how our checks read it). Building one costs the
same dozen queries however many artifacts and items there are.
"""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch

from onboarding.models import ReviewForm, ReviewFormRubric
from portfolio.claims import credential_standings, verified_credentials
from portfolio.documents import profile_document_for
from portfolio.evidence import SNAPSHOT_KEYS, EvidenceLink, evidence_of
from portfolio.models import (
    AdversarialCase,
    AdversarialTestPlan,
    Benchmark,
    BenchmarkItem,
    StoredFile,
    WorkSample,
)
from portfolio.quality import (
    BenchmarkStats,
    checklist_for_benchmark,
    checklist_for_test_plan,
    checklist_for_work_sample,
)
from profiles.models import User
from rubrics.content import RubricContent
from rubrics.documents import document_from_content
from rubrics.models import Rubric
from rubrics.quality import rubric_checklist
from rubrics.queries import rubric_content, rubric_document, rubrics_for, with_scale

SNAPSHOT_FORMAT = 1
ARTIFACT_KEYS = ("rubrics", "benchmarks", "test_plans", "work_samples")


@dataclass(frozen=True)
class FrozenPortfolio:
    """Everything a round stores, built from the live data in one go."""

    snapshot: dict
    checklists: dict  # kind -> str(artifact id) -> {"summary", "items": [...]}
    files: list[StoredFile] = field(default_factory=list)

    @property
    def profile(self) -> dict | None:
        return self.snapshot["profile"]

    @property
    def artifacts(self) -> dict:
        return self.snapshot["artifacts"]


def snapshot_sha256(snapshot: dict) -> str:
    """The SHA-256 of the snapshot's canonical JSON: equal data, equal hash."""
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def snapshot_intact(round) -> bool:
    """Whether a round's stored snapshot still matches the hash taken when it was frozen."""
    return snapshot_sha256(round.snapshot) == round.snapshot_sha256


def _frozen_checklist(items) -> dict:
    """A checklist as plain data, as it stood when the portfolio was submitted."""
    rows = [
        {"key": item.key, "label": item.label, "met": item.met, "detail": item.detail}
        for item in items
    ]
    applicable = [row for row in rows if row["met"] is not None]
    met = sum(1 for row in applicable if row["met"])
    summary = (
        f"{met} of {len(applicable)} quality checks met"
        if applicable
        else "Judged by reviewers: the content cannot be checked automatically"
    )
    return {
        "summary": summary,
        "complete": met == len(applicable),
        "applicable": len(applicable),
        "items": rows,
    }


def _rubric_entry(rubric: Rubric, content: RubricContent) -> dict:
    return {
        "id": rubric.pk,
        "title": content.display_title,
        "content": document_from_content(content),
    }


def _benchmark_entry(benchmark: Benchmark, items: Sequence[BenchmarkItem]) -> dict:
    return {
        "id": benchmark.pk,
        "title": benchmark.title,
        "domain": benchmark.domain,
        "metric": benchmark.metric,
        "target": benchmark.target,
        "description": benchmark.description,
        "sources": benchmark.sources,
        "items": [
            {
                "prompt": item.prompt,
                "reference_answer": item.reference_answer,
                "rationale": item.rationale,
                "difficulty": item.difficulty,
                "adversarial": item.adversarial,
                "source": item.source,
            }
            for item in items
        ],
    }


def _test_plan_entry(plan: AdversarialTestPlan, cases: Sequence[AdversarialCase]) -> dict:
    return {
        "id": plan.pk,
        "title": plan.title,
        "scope": plan.scope,
        "threat_model": plan.threat_model,
        "goal": plan.goal,
        "sources": plan.sources,
        "cases": [
            {
                "attack": case.attack,
                "expected_behaviour": case.expected_behaviour,
                "severity": case.severity,
            }
            for case in cases
        ],
    }


def _file_entry(stored_file: StoredFile | None) -> dict | None:
    if stored_file is None:
        return None
    return {
        "id": str(stored_file.pk),
        "name": stored_file.original_name,
        "sha256": stored_file.sha256,
        "size": stored_file.size,
        "content_type": stored_file.content_type,
    }


def _work_sample_entry(sample: WorkSample) -> dict:
    return {
        "id": sample.pk,
        "title": sample.title,
        "type": sample.sample_type,
        "description": sample.description,
        "link": sample.url,
        "file": _file_entry(sample.file),
    }


def _evidence_entries(profile: dict | None, evidence: Sequence[EvidenceLink]) -> list[dict]:
    """The links of the profile's domains (by its spelling of their names), in link order."""
    names = {name.casefold(): name for name in (profile or {}).get("domains", [])}
    return [
        {
            "domain": names[link.domain.casefold()],
            "kind": SNAPSHOT_KEYS[link.kind],
            "id": link.artifact_id,
        }
        for link in evidence
        if link.domain.casefold() in names
    ]


def frozen_portfolio(
    *,
    profile: dict | None,
    rubrics: Sequence[tuple[Rubric, RubricContent]],
    benchmarks: Sequence[tuple[Benchmark, Sequence[BenchmarkItem]]],
    test_plans: Sequence[tuple[AdversarialTestPlan, Sequence[AdversarialCase]]],
    work_samples: Sequence[WorkSample],
    evidence: Sequence[EvidenceLink] = (),
    verified_credentials: Sequence[dict] = (),
) -> FrozenPortfolio:
    """The snapshot and checklists of saved artifacts, each with its child rows, in id order.

    Pure: freeze_portfolio() reads the rows for it, and seeding.py hands over the rows it
    has just inserted, so both store exactly the same format.
    """
    snapshot = {
        "format": SNAPSHOT_FORMAT,
        "profile": profile,
        "artifacts": {
            "rubrics": [_rubric_entry(rubric, content) for rubric, content in rubrics],
            "benchmarks": [_benchmark_entry(benchmark, items) for benchmark, items in benchmarks],
            "test_plans": [_test_plan_entry(plan, cases) for plan, cases in test_plans],
            "work_samples": [_work_sample_entry(sample) for sample in work_samples],
        },
        "evidence": _evidence_entries(profile, evidence),
        "verified_credentials": list(verified_credentials),
    }
    checklists = {
        "rubrics": {
            str(rubric.pk): _frozen_checklist(rubric_checklist(content))
            for rubric, content in rubrics
        },
        "benchmarks": {
            str(benchmark.pk): _frozen_checklist(
                checklist_for_benchmark(benchmark, BenchmarkStats.of_items(items))
            )
            for benchmark, items in benchmarks
        },
        "test_plans": {
            str(plan.pk): _frozen_checklist(checklist_for_test_plan(plan, cases))
            for plan, cases in test_plans
        },
        "work_samples": {
            str(sample.pk): _frozen_checklist(checklist_for_work_sample(sample))
            for sample in work_samples
        },
    }
    files = list({s.file.pk: s.file for s in work_samples if s.file_id is not None}.values())
    return FrozenPortfolio(snapshot=snapshot, checklists=checklists, files=files)


def freeze_portfolio(owner: User) -> FrozenPortfolio:
    """The owner's profile document and every artifact, as they are now."""
    rubrics = list(rubrics_for(owner).order_by("pk"))
    benchmarks = list(
        Benchmark.objects.filter(owner=owner)
        .order_by("pk")
        .prefetch_related(
            Prefetch("items", queryset=BenchmarkItem.objects.order_by("position", "pk"))
        )
    )
    plans = list(
        AdversarialTestPlan.objects.filter(owner=owner)
        .order_by("pk")
        .prefetch_related(
            Prefetch("cases", queryset=AdversarialCase.objects.order_by("position", "pk"))
        )
    )
    samples = list(WorkSample.objects.filter(owner=owner).select_related("file").order_by("pk"))
    profile = profile_document_for(owner)
    credentials = profile.get("credentials", []) if profile else []
    return frozen_portfolio(
        profile=profile,
        rubrics=[(rubric, rubric_content(rubric)) for rubric in rubrics],
        benchmarks=[(benchmark, list(benchmark.items.all())) for benchmark in benchmarks],
        test_plans=[(plan, list(plan.cases.all())) for plan in plans],
        work_samples=samples,
        evidence=evidence_of(owner),
        verified_credentials=verified_credentials(credentials, credential_standings(owner.pk)),
    )


def review_instrument() -> dict:
    """The active review form's rubrics as plain data, in the form's order.

    Without an active form every review rubric is used, by title; with no review rubric at
    all, reviewers give a decision and comments only.
    """
    form = ReviewForm.objects.filter(is_active=True).first()
    if form is None:
        rubrics = list(with_scale(Rubric.objects.filter(kind=Rubric.Kind.REVIEW)))
        rubrics.sort(key=lambda rubric: (rubric.display_title.casefold(), rubric.pk))
    else:
        order = list(
            ReviewFormRubric.objects.filter(form=form, rubric__kind=Rubric.Kind.REVIEW)
            .order_by("position", "pk")
            .values_list("rubric_id", flat=True)
        )
        by_id = {rubric.pk: rubric for rubric in with_scale(Rubric.objects.filter(pk__in=order))}
        rubrics = [by_id[pk] for pk in order if pk in by_id]
    return {
        "form": form.name if form else "",
        "description": form.description if form else "",
        "rubrics": [
            {"id": rubric.pk, "title": rubric.display_title, **rubric_document(rubric)}
            for rubric in rubrics
        ],
    }
