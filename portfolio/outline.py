"""What the onboarding checklist judges of a portfolio, in a few values: the profile document,
the work samples, the rubrics and benchmarks counted, and which domains have evidence
(portfolio_outline() below reads it from the database; a submission takes it from
what it froze)."""

from dataclasses import dataclass, field
from operator import itemgetter

from django.db.models import CharField, Count, DateTimeField, IntegerField, Value
from django.db.models.functions import Cast

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
    the portfolio: at most three queries however many artifacts, items and levels there are
    (one fewer when the owner came with their profile, select_related, and one fewer when
    the profile's document is kept)."""
    profile = getattr(owner, "profile", None)  # a person without a profile has none
    rows = _portfolio_rows(owner)
    samples = [
        (title, kind, url, file_name, pk, updated, _stored_file(file_name, sha256, storage_name))
        for title, kind, url, file_name, pk, updated, sha256, storage_name, _n in rows["sample"]
    ]
    rubrics, benchmarks = rows["rubric"], rows["benchmark"]
    first = benchmarks[0] if benchmarks else None
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
        rubric_count=len(rubrics),
        rubric_titles=tuple(display_title(row[0], row[1]) for row in rubrics[:3]),
        benchmark_count=len(benchmarks),
        first_benchmark=BenchmarkOutline(first[0], first[1], first[8]) if first else None,
        evidenced_domains=_profile_domains(kept.document if kept else None)
        & {row[0].casefold() for row in rows["evidence"]},
        uploads=tuple(
            (pk, title, file) for title, _t, _u, _n, pk, _d, file in samples if file is not None
        ),
    )


def _portfolio_rows(owner: User) -> dict[str, list[tuple]]:
    """The owner's work samples, evidence links, rubrics and benchmarks in one UNION ALL
    query, by kind, each in id order, as (title, type or objective or domain, link, file name,
    id, last edit, file SHA-256, file storage name, benchmark items); None where a kind has
    no such column."""
    text, blank = CharField(), Value("", output_field=CharField())
    nothing = Value(None, output_field=CharField())
    # A typed NULL: PostgreSQL takes a bare one in the first two parts of a UNION as text.
    no_date, no_count = Value(None, output_field=DateTimeField()), Cast(None, IntegerField())
    samples = WorkSample.objects.filter(owner=owner).values_list(
        Value("sample", output_field=text),
        *("title", "sample_type", "url", "file__original_name", "pk", "updated"),
        *("file__sha256", "file__storage_name", no_count),
    )
    evidence = Evidence.objects.filter(owner=owner).values_list(
        Value("evidence", output_field=text),
        *("domain", blank, blank, nothing, "pk", no_date, nothing, nothing, no_count),
    )
    rubrics = Rubric.objects.filter(owner=owner, kind=Rubric.Kind.ARTIFACT).values_list(
        Value("rubric", output_field=text),
        *("title", "objective", blank, nothing, "pk", no_date, nothing, nothing, no_count),
    )
    # The items counted for every benchmark: the checklist names the first one's count.
    benchmarks = Benchmark.objects.filter(owner=owner).values_list(
        Value("benchmark", output_field=text),
        *("title", "domain", blank, nothing, "pk", no_date, nothing, nothing, Count("items")),
    )
    # No ORDER BY inside a compound query (SQLite refuses one): each kind is sorted after.
    parts = [queryset.order_by() for queryset in (samples, evidence, rubrics, benchmarks)]
    found: dict[str, list[tuple]] = {"sample": [], "evidence": [], "rubric": [], "benchmark": []}
    for kind, *row in parts[0].union(*parts[1:], all=True):
        found[kind].append(tuple(row))
    for kind_rows in found.values():
        kind_rows.sort(key=itemgetter(4))
    return found


def _stored_file(name: str | None, sha256: str, storage_name: str) -> StoredFile | None:
    """The uploaded file's row as far as the integrity checks read it (None for a link)."""
    if name is None:
        return None
    return StoredFile(original_name=name, sha256=sha256, storage_name=storage_name)


def _profile_domains(document: dict | None) -> frozenset[str]:
    """The document's domains folded to lower case: links kept for others count nowhere."""
    return frozenset(name.casefold() for name in (document or {}).get("domains", []))
