"""What the onboarding checklist judges of a portfolio, in a few values: the profile document,
the work samples, the rubrics and benchmarks counted, and which domains have evidence
(portfolio_outline() below reads it from the database; a submission takes it from
what it froze)."""

from dataclasses import dataclass, field
from operator import itemgetter

from django.db.models import CharField, Count, DateTimeField, Value, Window

from portfolio.documents import kept_document, samples_version
from portfolio.models import Benchmark, Evidence, StoredFile, WorkSample
from profiles.documents import document_shape
from profiles.models import User
from profiles.schema import DocumentError
from rubrics.content import display_title
from rubrics.models import Rubric


@dataclass(frozen=True)
class PortfolioSample:
    """A work sample of the portfolio, as the checklists see it."""

    title: str
    type: str
    link: str  # "" for an upload
    file_name: str | None  # the uploaded file's name, None for a link


@dataclass(frozen=True)
class BenchmarkOutline:
    title: str
    domain: str
    items: int


@dataclass(frozen=True)
class PortfolioOutline:
    """What the checklists judge."""

    profile: dict | None  # the skill-profile document, None without a profile
    profile_problems: tuple[DocumentError, ...]  # document_errors(profile), () without one
    work_samples: tuple[PortfolioSample, ...]  # in id order
    rubric_count: int
    rubric_titles: tuple[str, ...]  # the first three rubrics' titles, in id order
    benchmark_count: int
    first_benchmark: BenchmarkOutline | None  # the benchmark with the lowest id
    # Names (folded to lower case) of the domains that have evidence.
    evidenced_domains: frozenset[str] = frozenset()
    # The samples with an uploaded file as (id, title, file), in id order, for the personal
    # data check (portfolio.integrity.personal_data_of): read with the samples, not judged.
    uploads: tuple[tuple[int, str, StoredFile], ...] = field(default=(), compare=False)

    @property
    def deep_domains(self) -> list[str]:
        """The profile's domains at depth 4 or 5, in its order."""
        if self.profile is None:
            return []
        return [d.name for d in document_shape(self.profile).domains if d.is_deep]

    @property
    def deep_domains_without_evidence(self) -> list[str]:
        return [name for name in self.deep_domains if name.casefold() not in self.evidenced_domains]


def portfolio_outline(owner: User) -> PortfolioOutline:
    """What the onboarding checklist and the pre-flight check judge, read without freezing
    the portfolio: at most five queries however many artifacts, items and levels there are
    (one fewer when the owner came with their profile, select_related, and one fewer when
    the profile's document is kept)."""
    profile = getattr(owner, "profile", None)  # a person without a profile has none
    # A window count comes with the first rows: the total and the titles in one query.
    rubrics = list(
        Rubric.objects.filter(owner=owner, kind=Rubric.Kind.ARTIFACT)
        .order_by("pk")
        .annotate(total=Window(Count("pk")))
        .values_list("title", "objective", "total")[:3]
    )
    benchmarks = list(
        Benchmark.objects.filter(owner=owner)
        .order_by("pk")
        .annotate(item_count=Count("items"), total=Window(Count("pk")))
        .values_list("title", "domain", "item_count", "total")[:1]
    )
    first = benchmarks[0] if benchmarks else None
    samples, evidenced = _samples_and_evidence(owner)
    # The document's work samples are these rows: their version keeps its document apart.
    version = samples_version(
        len(samples),
        max((row[4] for row in samples), default=None),
        max((row[5] for row in samples), default=None),
    )
    # The document lists the linked samples, in id order: these same rows.
    linked = [(title, kind, url) for title, kind, url, *_rest in samples if url]
    kept = (
        kept_document(profile, samples_version=version, samples=linked)
        if profile is not None
        else None
    )
    return PortfolioOutline(
        profile=kept.document if kept is not None else None,
        profile_problems=kept.problems if kept is not None else (),
        work_samples=tuple(
            PortfolioSample(title=title, type=kind, link=url, file_name=file_name)
            for title, kind, url, file_name, _pk, _updated, _file in samples
        ),
        rubric_count=rubrics[0][2] if rubrics else 0,
        rubric_titles=tuple(display_title(title, objective) for title, objective, _n in rubrics),
        benchmark_count=first[3] if first else 0,
        first_benchmark=BenchmarkOutline(first[0], first[1], first[2]) if first else None,
        evidenced_domains=_profile_domains(kept.document if kept else None)
        & {name.casefold() for name in evidenced},
        uploads=tuple(
            (pk, title, file) for title, _t, _u, _n, pk, _d, file in samples if file is not None
        ),
    )


def _samples_and_evidence(owner: User) -> tuple[list[tuple], set[str]]:
    """The owner's work samples as (title, type, link, file name, id, last edit, uploaded file
    or None), in id order, and the domains their evidence links name: one UNION ALL query."""
    samples = (
        WorkSample.objects.filter(owner=owner)
        .order_by()
        .values_list(
            Value("sample", output_field=CharField()),
            "title",
            "sample_type",
            "url",
            "file__original_name",
            "pk",
            "updated",
            "file__sha256",
            "file__storage_name",
        )
    )
    evidence = (
        Evidence.objects.filter(owner=owner)
        .order_by()
        .values_list(
            Value("evidence", output_field=CharField()),
            "domain",
            Value("", output_field=CharField()),
            Value("", output_field=CharField()),
            Value(None, output_field=CharField()),
            "pk",
            Value(None, output_field=DateTimeField()),
            Value(None, output_field=CharField()),
            Value(None, output_field=CharField()),
        )
    )
    rows = list(samples.union(evidence, all=True))
    found = sorted(
        ((*row[1:7], _stored_file(row[4], *row[7:])) for row in rows if row[0] == "sample"),
        key=itemgetter(4),
    )
    return found, {row[1] for row in rows if row[0] == "evidence"}


def _stored_file(name: str | None, sha256: str, storage_name: str) -> StoredFile | None:
    """The uploaded file's row as far as the integrity checks read it (None for a link)."""
    if name is None:
        return None
    return StoredFile(original_name=name, sha256=sha256, storage_name=storage_name)


def _profile_domains(document: dict | None) -> frozenset[str]:
    """The document's domains folded to lower case: links kept for others count nowhere."""
    return frozenset(name.casefold() for name in (document or {}).get("domains", []))
