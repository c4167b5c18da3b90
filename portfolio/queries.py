"""Reads for the portfolio pages, with the joins that keep their query count flat.

/portfolio/ is a list of artifact groups, one per kind. A kind joins the page by adding an
ArtifactKind to ARTIFACT_KINDS: how to fetch its rows, and how to describe one row.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter
from urllib.parse import urlsplit

from django.core.paginator import Page
from django.db.models import (
    Count,
    Exists,
    Max,
    Model,
    OuterRef,
    Q,
    QuerySet,
)
from django.http import QueryDict
from django.template.defaultfilters import filesizeformat
from django.urls import reverse

from common.pagination import counted_page
from portfolio.documents import samples_version
from portfolio.models import AdversarialTestPlan, Benchmark, WorkSample
from portfolio.outline import BUILT_KINDS
from portfolio.quality import (
    SEVERE,
    BenchmarkStats,
    CaseStats,
    Checklist,
    checklist_for_benchmark,
    checklist_for_test_plan,
    checklist_for_work_sample,
)
from profiles.models import Profile, User
from profiles.permissions import remember_reviewer_from, reviewer_flag_of
from rubrics.models import Rubric
from rubrics.quality import listed_rubric_checklist
from rubrics.queries import listed_rubrics_for

PER_PAGE = 10


@dataclass(frozen=True)
class ArtifactRow:
    """One artifact as a line in the portfolio."""

    title: str
    kind: str
    summary: str
    checklist: Checklist
    updated: datetime
    detail_url: str
    edit_url: str
    delete_url: str
    duplicate_url: str
    badge: str = ""  # e.g. "Pilot" for a benchmark of 10–20 items


@dataclass(frozen=True)
class GroupAction:
    """A link beside a group's add button, e.g. "Import YAML" for rubrics."""

    label: str
    url_name: str


@dataclass(frozen=True)
class ArtifactKind:
    key: str  # also the page parameter: ?<key>_page=2
    title: str
    description: str
    add_label: str
    url_prefix: str  # URL names are <prefix>_detail, _edit, _delete, _duplicate
    rows: Callable[[User], QuerySet]
    kind_of: Callable[[Model], str]
    summary_of: Callable[[Model], str]
    checklist_of: Callable[[Model], Checklist]
    add_url_name: str = ""  # <prefix>_create unless given
    title_of: Callable[[Model], str] = attrgetter("title")
    updated_of: Callable[[Model], datetime] = attrgetter("updated")
    badge_of: Callable[[Model], str] = lambda artifact: ""
    actions: tuple[GroupAction, ...] = field(default=())


@dataclass(frozen=True)
class ArtifactGroup:
    kind: ArtifactKind
    page: Page
    rows: list[ArtifactRow]
    add_url: str
    actions: list[tuple[str, str]]  # (label, url)
    previous_url: str
    next_url: str

    @property
    def heading_id(self) -> str:
        return f"group-{self.kind.key}"


def work_sample_types_of(owner: User) -> tuple[set[str], str]:
    """The kinds of the owner's work samples, and their version (samples_version()), in one
    query of a row per kind."""
    rows = list(
        WorkSample.objects.filter(owner=owner)
        .order_by()
        .values("sample_type")
        .annotate(count=Count("pk"), top=Max("pk"), last=Max("updated"))
    )
    version = samples_version(
        sum(row["count"] for row in rows),
        max((row["top"] for row in rows), default=None),
        max((row["last"] for row in rows), default=None),
    )
    return {row["sample_type"] for row in rows}, version


# Built once a process and never run: each request filters a copy (its columns cost more to
# build than to run).
@functools.cache
def profiles_with_built_artifacts() -> QuerySet[Profile]:
    """Profile rows with whether their owner built each kind of artifact that shows
    reasoning quality (built_artifact_types()), read with the row rather than in a query of
    its own."""
    mine = {"owner": OuterRef("user_id")}
    return Profile.objects.annotate(
        built_rubric=Exists(Rubric.objects.filter(kind=Rubric.Kind.ARTIFACT, **mine)),
        built_benchmark=Exists(Benchmark.objects.filter(items__isnull=False, **mine)),
        built_test_plan=Exists(AdversarialTestPlan.objects.filter(**mine)),
    )


def built_artifact_types(profile: Profile | None) -> set[str]:
    """The kinds of artifact a profile's owner built here, as
    PortfolioOutline.built_artifact_types counts them (a benchmark once it has items), from a
    row of profiles_with_built_artifacts()."""
    return {kind for kind in BUILT_KINDS if getattr(profile, f"built_{kind}", False)}


# The lists below are built once a process and never run: each request filters a copy by its
# owner, since their columns cost more to build than to run.
@functools.cache
def _work_samples() -> QuerySet:
    return WorkSample.objects.select_related("file").annotate(
        in_reviewer_group=reviewer_flag_of("owner")
    )


def work_samples_of(owner: User) -> QuerySet:
    """The owner's work samples with their files, each row saying whether the owner reviews:
    on the owner's own pages, what the navigation asks of the person asking."""
    return _work_samples().filter(owner=owner)


@functools.cache
def _counted_plans() -> QuerySet:
    return AdversarialTestPlan.objects.annotate(
        stat_cases=Count("cases"),
        stat_severities=Count("cases__severity", distinct=True),
        stat_severe=Count("cases", filter=Q(cases__severity__in=SEVERE)),
    ).order_by("-updated", "-pk")  # a grouped query drops Meta.ordering


def adversarial_plans_of(owner: User) -> QuerySet:
    """The owner's test plans with their cases counted (not loaded), as benchmarks_of()."""
    return _counted_plans().filter(owner=owner)


def case_stats(plan: AdversarialTestPlan) -> CaseStats:
    """The counts of a test plan from adversarial_plans_of()."""
    return CaseStats(
        cases=plan.stat_cases, severities=plan.stat_severities, severe=plan.stat_severe
    )


def rubric_rows_of(owner: User) -> QuerySet:
    return listed_rubrics_for(owner)


def counted_benchmarks() -> QuerySet:
    """Benchmarks with their items counted (not loaded): what lists and pages show and the
    quality checklist needs, in one query however many items there are."""
    return Benchmark.objects.annotate(
        stat_items=Count("items"),
        stat_difficulties=Count("items__difficulty", distinct=True),
        stat_adversarial=Count("items", filter=Q(items__adversarial=True)),
        stat_with_reference=Count("items", filter=~Q(items__reference_answer="")),
        stat_with_source=Count("items", filter=~Q(items__source="")),
    )


@functools.cache
def _counted_benchmarks_by_date() -> QuerySet:
    return counted_benchmarks().order_by("-updated", "-pk")  # a grouped query drops Meta.ordering


def benchmarks_of(owner: User) -> QuerySet:
    """The owner's benchmarks, counted, most recently changed first."""
    return _counted_benchmarks_by_date().filter(owner=owner)


def benchmark_stats(benchmark: Benchmark) -> BenchmarkStats:
    """The counts of a benchmark from counted_benchmarks()."""
    return BenchmarkStats(
        items=benchmark.stat_items,
        difficulties=benchmark.stat_difficulties,
        adversarial=benchmark.stat_adversarial,
        with_reference=benchmark.stat_with_reference,
        with_source=benchmark.stat_with_source,
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _work_sample_summary(sample: WorkSample) -> str:
    if sample.file is not None:
        return f"{sample.file.original_name} · {filesizeformat(sample.file.size)}"
    return f"Link to {urlsplit(sample.url).hostname or sample.url}"


def _test_plan_summary(plan: AdversarialTestPlan) -> str:
    return _plural(plan.stat_cases, "case")


def _rubric_summary(rubric: Rubric) -> str:
    scores = " · ".join(str(score) for score in rubric.listed_scores)
    disallowed = rubric.disallowed_count
    return f"Scores {scores or 'none yet'}; {_plural(disallowed, 'disallowed behaviour')}"


def _benchmark_summary(benchmark: Benchmark) -> str:
    stats = benchmark_stats(benchmark)
    return f"{_plural(stats.items, 'item')}, {stats.adversarial} adversarial"


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
        key="rubrics",
        title="Rubrics",
        description="How you judge reasoning: an objective, scored levels with their criteria, "
        "and the behaviours that fail an answer whatever its score.",
        add_label="New rubric",
        url_prefix="rubric",
        add_url_name="rubric_new",
        rows=rubric_rows_of,
        kind_of=lambda rubric: "Rubric",
        summary_of=_rubric_summary,
        checklist_of=listed_rubric_checklist,
        title_of=attrgetter("display_title"),
        updated_of=attrgetter("updated_at"),
        actions=(GroupAction("Import YAML", "rubric_import"),),
    ),
    ArtifactKind(
        key="benchmarks",
        title="Domain benchmarks",
        description="Items in one of your domains, each with a reference answer, against a "
        "measurable goal. Ten to twenty items make a pilot.",
        add_label="Add a benchmark",
        url_prefix="benchmark",
        rows=benchmarks_of,
        kind_of=lambda benchmark: f"Benchmark · {benchmark.domain}",
        summary_of=_benchmark_summary,
        checklist_of=lambda benchmark: checklist_for_benchmark(
            benchmark, benchmark_stats(benchmark)
        ),
        badge_of=lambda benchmark: "Pilot" if benchmark_stats(benchmark).is_pilot else "",
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
        checklist_of=lambda plan: checklist_for_test_plan(plan, stats=case_stats(plan)),
    ),
]


def _row(kind: ArtifactKind, artifact) -> ArtifactRow:
    detail_url = reverse(f"{kind.url_prefix}_detail", args=[artifact.pk])
    # An artifact's other pages are below its own (.../<pk>/edit/ and so on; a test holds
    # them to reverse()): one reverse a row rather than four.
    return ArtifactRow(
        title=kind.title_of(artifact),
        kind=kind.kind_of(artifact),
        summary=kind.summary_of(artifact),
        checklist=kind.checklist_of(artifact),
        updated=kind.updated_of(artifact),
        detail_url=detail_url,
        edit_url=f"{detail_url}edit/",
        delete_url=f"{detail_url}delete/",
        duplicate_url=f"{detail_url}duplicate/",
        badge=kind.badge_of(artifact),
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
    """Every kind of artifact the owner has, each group paginated on its own: a query per
    group, which counts the group too."""
    groups = []
    for kind in ARTIFACT_KINDS:
        # The first group's rows (work samples, which every portfolio needs) say whether
        # the owner, the person asking, reviews: the navigation asks.
        page = counted_page(kind.rows(owner), params.get(f"{kind.key}_page"), per_page)
        groups.append(
            ArtifactGroup(
                kind=kind,
                page=page,
                rows=[_row(kind, artifact) for artifact in page.object_list],
                add_url=reverse(kind.add_url_name or f"{kind.url_prefix}_create"),
                actions=[(action.label, reverse(action.url_name)) for action in kind.actions],
                previous_url=_page_url(
                    params, kind.key, page.previous_page_number() if page.has_previous() else None
                ),
                next_url=_page_url(
                    params, kind.key, page.next_page_number() if page.has_next() else None
                ),
            )
        )
    remember_reviewer_from(owner, groups[0].page)
    return groups
