"""Reads for the portfolio pages, with the joins that keep their query count flat.

/portfolio/ is a list of artifact groups, one per kind. A kind joins the page by adding an
ArtifactKind to ARTIFACT_KINDS: how to fetch its rows, and how to describe one row.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import QueryDict
from django.template.defaultfilters import filesizeformat
from django.urls import reverse

from portfolio.models import AdversarialTestPlan, WorkSample
from portfolio.quality import (
    ChecklistSummary,
    checklist_for_test_plan,
    checklist_for_work_sample,
    summarize,
)
from profiles.models import User

PER_PAGE = 10


@dataclass(frozen=True)
class ArtifactRow:
    """One artifact as a line in the portfolio."""

    title: str
    kind: str
    summary: str
    checklist: ChecklistSummary
    updated: datetime
    detail_url: str
    edit_url: str
    delete_url: str
    duplicate_url: str


@dataclass(frozen=True)
class ArtifactKind:
    key: str  # also the page parameter: ?<key>_page=2
    title: str
    description: str
    add_label: str
    url_prefix: str  # URL names are <prefix>_create, <prefix>_detail, _edit, _delete, ...
    rows: Callable[[User], QuerySet]
    kind_of: Callable[[Model], str]
    summary_of: Callable[[Model], str]
    checklist_of: Callable[[Model], list]


@dataclass(frozen=True)
class ArtifactGroup:
    kind: ArtifactKind
    page: Page
    rows: list[ArtifactRow]
    add_url: str
    previous_url: str
    next_url: str

    @property
    def heading_id(self) -> str:
        return f"group-{self.kind.key}"


def work_samples_of(owner: User) -> QuerySet:
    return WorkSample.objects.filter(owner=owner).select_related("file")


def adversarial_plans_of(owner: User) -> QuerySet:
    return AdversarialTestPlan.objects.filter(owner=owner).prefetch_related("cases")


def _work_sample_summary(sample: WorkSample) -> str:
    if sample.file is not None:
        return f"{sample.file.original_name} · {filesizeformat(sample.file.size)}"
    return f"Link to {urlsplit(sample.url).hostname or sample.url}"


def _test_plan_summary(plan: AdversarialTestPlan) -> str:
    count = len(plan.cases.all())
    return f"{count} case{'s' if count != 1 else ''}"


ARTIFACT_KINDS: list[ArtifactKind] = [
    ArtifactKind(
        key="samples",
        title="Work samples",
        description="Your own work, uploaded or linked: reports, rubrics, datasets, code.",
        add_label="Add a work sample",
        url_prefix="work_sample",
        rows=work_samples_of,
        kind_of=lambda sample: sample.get_sample_type_display(),
        summary_of=_work_sample_summary,
        checklist_of=checklist_for_work_sample,
    ),
    ArtifactKind(
        key="test_plans",
        title="Adversarial test plans",
        description="Scope, threat model and the attacks a model must withstand.",
        add_label="Add a test plan",
        url_prefix="test_plan",
        rows=adversarial_plans_of,
        kind_of=lambda plan: "Test plan",
        summary_of=_test_plan_summary,
        checklist_of=checklist_for_test_plan,
    ),
]


def _row(kind: ArtifactKind, artifact) -> ArtifactRow:
    def url(action: str) -> str:
        return reverse(f"{kind.url_prefix}_{action}", args=[artifact.pk])

    return ArtifactRow(
        title=artifact.title,
        kind=kind.kind_of(artifact),
        summary=kind.summary_of(artifact),
        checklist=summarize(kind.checklist_of(artifact)),
        updated=artifact.updated,
        detail_url=url("detail"),
        edit_url=url("edit"),
        delete_url=url("delete"),
        duplicate_url=url("duplicate"),
    )


def _page_url(params: QueryDict, key: str, number: int | None) -> str:
    if number is None:
        return ""
    query = params.copy()
    query[f"{key}_page"] = str(number)
    return f"?{query.urlencode()}"


def portfolio_groups(
    owner: User, params: QueryDict, *, per_page: int = PER_PAGE
) -> list[ArtifactGroup]:
    """Every kind of artifact the owner has, each group paginated on its own."""
    groups = []
    for kind in ARTIFACT_KINDS:
        page = Paginator(kind.rows(owner), per_page).get_page(params.get(f"{kind.key}_page"))
        groups.append(
            ArtifactGroup(
                kind=kind,
                page=page,
                rows=[_row(kind, artifact) for artifact in page.object_list],
                add_url=reverse(f"{kind.url_prefix}_create"),
                previous_url=_page_url(
                    params, kind.key, page.previous_page_number() if page.has_previous() else None
                ),
                next_url=_page_url(
                    params, kind.key, page.next_page_number() if page.has_next() else None
                ),
            )
        )
    return groups
