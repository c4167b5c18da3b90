"""What the onboarding checklist judges of a portfolio, in a few values: the profile document,
the work samples, the rubrics, benchmarks and test plans counted, and which domains have evidence
(portfolio_outline() below reads it from the database; a submission takes it from
what it froze)."""

import functools
from dataclasses import dataclass, field
from operator import itemgetter

from django.db.models import CharField, Count, DateTimeField, IntegerField, QuerySet, Value
from django.db.models.functions import Cast

from portfolio.documents import KeptDocument, cached_document, kept_document, samples_version
from portfolio.models import (
    AdversarialTestPlan,
    Benchmark,
    BenchmarkItem,
    Evidence,
    StoredFile,
    WorkSample,
)
from profiles.documents import ProfileLists, document_shape
from profiles.models import Profile, User
from profiles.queries import lists_of_rows, profile_list_parts
from profiles.schema import DocumentError
from rubrics.content import display_title
from rubrics.models import Rubric

# The kinds of artifact built here that show reasoning quality, in the work samples' words.
BUILT_KINDS = ("rubric", "benchmark", "test_plan")


@dataclass(frozen=True)
class PortfolioSample:
    """A work sample of the portfolio, as the checklists see it."""

    title: str
    type: str
    link: str  # "" for an upload
    file_name: str | None  # the uploaded file's name, None for a link
    file_sha256: str | None = None  # the uploaded file's content, None for a link

    @property
    def work(self) -> str:
        """What the sample shows: its link or its file's content (two samples of one work,
        a duplicate kept as it was, show one)."""
        return f"link:{self.link}" if self.link else f"file:{self.file_sha256}"


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
    benchmark_count: int  # the benchmarks with items
    # The benchmark with the lowest id among those with items, else among all.
    first_benchmark: BenchmarkOutline | None
    # Names (folded to lower case) of the domains that have evidence.
    evidenced_domains: frozenset[str] = frozenset()
    test_plan_count: int = 0
    # The samples with an uploaded file as (id, title, file), in id order, for the personal
    # data check (portfolio.integrity.personal_data_of): read with the samples, not judged.
    uploads: tuple[tuple[int, str, StoredFile], ...] = field(default=(), compare=False)
    # With portfolio_outline(with_items=True), the benchmarks' items as (benchmark id, title,
    # prompt, reference answer), in the benchmarks' id order and each one's item order, for
    # the same check; None when they were not read.
    benchmark_items: tuple[tuple[int, str, str, str], ...] | None = field(
        default=None, compare=False
    )

    @property
    def built_artifact_types(self) -> tuple[str, ...]:
        """The kinds of artifact built here, in the work samples' words: a rubric, a benchmark
        with items or a test plan shows reasoning quality as much as a linked one does."""
        counts = (self.rubric_count, self.benchmark_count, self.test_plan_count)
        return tuple(kind for kind, count in zip(BUILT_KINDS, counts, strict=True) if count)

    @property
    def deep_domains(self) -> list[str]:
        """The profile's domains at depth 4 or 5, in its order."""
        if self.profile is None:
            return []
        return [d.name for d in document_shape(self.profile).domains if d.is_deep]

    @property
    def deep_domains_without_evidence(self) -> list[str]:
        return [name for name in self.deep_domains if name.casefold() not in self.evidenced_domains]


def portfolio_outline(owner: User, *, with_items: bool = False) -> PortfolioOutline:
    """What the onboarding checklist and the pre-flight check judge, read without freezing
    the portfolio: one query however many artifacts, items and levels there are, and one for
    the profile unless the owner came with it (select_related). The profile's lists come in
    the same query when its document is not kept, and so do the benchmarks' items
    `with_items` (for the personal data check)."""
    profile = getattr(owner, "profile", None)  # a person without a profile has none
    cached = cached_document(profile) if profile is not None else None
    with_lists = profile is not None and cached is None
    rows = _portfolio_rows(
        owner, lists_of=profile.pk if with_lists else None, with_items=with_items
    )
    samples = [
        (title, kind, url, file_name, pk, updated, _stored_file(file_name, sha256, storage_name))
        for pk, title, _n, kind, url, file_name, updated, sha256, storage_name in rows["sample"]
    ]
    rubrics, benchmarks = rows["rubric"], rows["benchmark"]
    filled = [row for row in benchmarks if row[2]]
    first = (filled or benchmarks or [None])[0]
    kept = _kept(profile, cached, samples, lists_of_rows(rows["lists"]) if with_lists else None)
    return PortfolioOutline(
        profile=kept.document if kept is not None else None,
        profile_problems=kept.problems if kept is not None else (),
        work_samples=tuple(
            PortfolioSample(
                title=title,
                type=kind,
                link=url,
                file_name=file_name,
                file_sha256=file.sha256 if file is not None else None,
            )
            for title, kind, url, file_name, _pk, _updated, file in samples
        ),
        rubric_count=len(rubrics),
        rubric_titles=tuple(display_title(row[1], row[3]) for row in rubrics[:3]),
        benchmark_count=len(filled),
        first_benchmark=BenchmarkOutline(first[1], first[3], first[2]) if first else None,
        evidenced_domains=_profile_domains(kept.document if kept else None)
        & {row[1].casefold() for row in rows["evidence"]},
        test_plan_count=len(rows["test_plan"]),
        uploads=tuple(
            (pk, title, file) for title, _t, _u, _n, pk, _d, file in samples if file is not None
        ),
        benchmark_items=tuple(
            (benchmark_id, title, prompt, answer)
            for benchmark_id, title, _position, prompt, answer, *_rest in rows["item"]
        )
        if with_items
        else None,
    )


def _kept(
    profile: Profile | None,
    cached: KeptDocument | None,
    samples: list[tuple],
    lists: ProfileLists | None,
) -> KeptDocument | None:
    """The profile's kept document, checked against these work samples (or built from the
    lists read with them)."""
    if profile is None:
        return None
    # The document's work samples are these rows: their version keeps its document apart.
    version = samples_version(
        len(samples),
        max((row[4] for row in samples), default=None),
        max((row[5] for row in samples), default=None),
    )
    if cached is not None and cached.samples_version == version:
        return cached
    # The document lists the linked samples, in id order: these same rows.
    linked = [(title, kind, url) for title, kind, url, *_rest in samples if url]
    return kept_document(profile, samples_version=version, samples=linked, lists=lists)


def _portfolio_rows(
    owner: User, *, lists_of: int | None = None, with_items: bool = False
) -> dict[str, list[tuple]]:
    """The owner's work samples, evidence links, rubrics, benchmarks and test plans in one
    UNION ALL query, by kind, each in id order, as (id, title, benchmark items, type or
    objective or domain, link, file name, last edit, file SHA-256, file storage name); None
    where a kind has no such column. With `lists_of`, that profile's lists join the query
    ("lists": rows of profiles.queries.profile_list_parts(), padded); `with_items`, the
    owner's benchmark items ("item": benchmark id, its title, position, prompt, reference
    answer, padded)."""
    parts = [part.filter(owner=owner) for part in _artifact_parts()]
    if with_items:
        parts.append(_item_part().filter(benchmark__owner=owner))
    if lists_of is not None:
        parts += [part.filter(profile_id=lists_of) for part in _list_parts()]
    found: dict[str, list[tuple]] = {
        kind: [] for kind in ("sample", "evidence", "rubric", "benchmark", "test_plan", "item")
    }
    lists = []
    for kind, *row in parts[0].union(*parts[1:], all=True):
        if kind in found:
            found[kind].append(tuple(row))
        else:  # one of the profile's lists: (list, position, text, depth, type, link)
            lists.append((kind, *row[:5]))
    for kind, kind_rows in found.items():
        # Items in their benchmark's id order, then in its own.
        kind_rows.sort(key=itemgetter(0, 2) if kind == "item" else itemgetter(0))
    return found | {"lists": lists}


# The parts of _portfolio_rows()' query, for every owner: built once a process and never
# run (filter() reads a copy), since their columns cost more to build than the query to run.
@functools.cache
def _artifact_parts() -> tuple[QuerySet, ...]:
    text, blank = CharField(), Value("", output_field=CharField())
    nothing, no_date = Value(None, output_field=CharField()), _no_date()
    # A typed NULL: PostgreSQL takes a bare one in the first two parts of a UNION as text.
    no_count = Cast(None, IntegerField())
    samples = WorkSample.objects.values_list(
        Value("sample", output_field=text),
        *("pk", "title", no_count, "sample_type", "url", "file__original_name", "updated"),
        *("file__sha256", "file__storage_name"),
    )
    evidence = Evidence.objects.values_list(
        Value("evidence", output_field=text),
        *("pk", "domain", no_count, blank, blank, nothing, no_date, nothing, nothing),
    )
    rubrics = Rubric.objects.filter(kind=Rubric.Kind.ARTIFACT).values_list(
        Value("rubric", output_field=text),
        *("pk", "title", no_count, "objective", blank, nothing, no_date, nothing, nothing),
    )
    # The items counted for every benchmark: the checklist names the first one's count.
    benchmarks = Benchmark.objects.values_list(
        Value("benchmark", output_field=text),
        *("pk", "title", Count("items"), "domain", blank, nothing, no_date, nothing, nothing),
    )
    test_plans = AdversarialTestPlan.objects.values_list(
        Value("test_plan", output_field=text),
        *("pk", "title", no_count, blank, blank, nothing, no_date, nothing, nothing),
    )
    # No ORDER BY inside a compound query (SQLite refuses one): each kind is sorted after.
    return tuple(part.order_by() for part in (samples, evidence, rubrics, benchmarks, test_plans))


@functools.cache
def _item_part() -> QuerySet:
    nothing = Value(None, output_field=CharField())
    return BenchmarkItem.objects.values_list(
        Value("item", output_field=CharField()),
        *("benchmark_id", "benchmark__title", "position", "prompt", "reference_answer"),
        *(nothing, _no_date(), nothing, nothing),
    ).order_by()


@functools.cache
def _list_parts() -> tuple[QuerySet, ...]:
    nothing = Value(None, output_field=CharField())
    return tuple(profile_list_parts(nothing, _no_date(), nothing, nothing))


def _no_date() -> Value:
    return Value(None, output_field=DateTimeField())


def _stored_file(name: str | None, sha256: str, storage_name: str) -> StoredFile | None:
    """The uploaded file's row as far as the integrity checks read it (None for a link)."""
    if name is None:
        return None
    return StoredFile(original_name=name, sha256=sha256, storage_name=storage_name)


def _profile_domains(document: dict | None) -> frozenset[str]:
    """The document's domains folded to lower case: links kept for others count nowhere."""
    return frozenset(name.casefold() for name in (document or {}).get("domains", []))
