"""Benchmarks and their items: written in the editor, imported from CSV or JSON Lines."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from common.versions import version_raise
from portfolio.benchmark_items import (
    BenchmarkItemData,
    ItemProblem,
    ItemsRefused,
    clean_text,
    parse_items,
)
from portfolio.integrity import prompt_key
from portfolio.models import (
    Benchmark,
    BenchmarkItem,
)
from portfolio.services.artifacts import copy_title, require_editor
from portfolio.validators import (
    MAX_ITEMS,
    benchmark_item_problems,
    validate_benchmark_domain,
    validate_benchmark_text,
    validate_item_count,
)
from profiles.models import User
from profiles.queries import profile_domain_names

IMPORT_APPEND, IMPORT_REPLACE = "append", "replace"


def _benchmark_checked(
    benchmark: Benchmark, *, allowed_domains: list[str], description: str, sources: str
) -> None:
    benchmark.description, benchmark.sources = clean_text(description), clean_text(sources)
    errors = {}
    for check in (
        lambda: benchmark.full_clean(),
        lambda: validate_benchmark_domain(benchmark.domain, allowed_domains),
        lambda: validate_benchmark_text(benchmark.description, field="description"),
        lambda: validate_benchmark_text(benchmark.sources, field="sources"),
    ):
        try:
            check()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, messages)
    if errors:
        raise ValidationError(errors)


def _items_checked(items: Sequence[BenchmarkItemData]) -> list[BenchmarkItem]:
    """Items as rows at positions 0…n-1, every problem of every item raised at once."""
    validate_item_count(len(items))
    rows, problems = [], []
    for position, data in enumerate(items):
        texts = {
            name: clean_text(getattr(data, name))
            for name in ("prompt", "reference_answer", "rationale", "source")
        }
        for field, message in benchmark_item_problems(**texts, difficulty=data.difficulty).items():
            problems.append(ItemProblem(position + 1, field, message, unit="Item"))
        rows.append(
            BenchmarkItem(
                position=position,
                difficulty=data.difficulty,
                adversarial=bool(data.adversarial),
                **texts,
            )
        )
    if problems:
        raise ItemsRefused(problems)
    return rows


def _write_items(benchmark: Benchmark, rows: list[BenchmarkItem], *, start: int = 0) -> None:
    for offset, row in enumerate(rows):
        row.benchmark, row.owner_id = benchmark, benchmark.owner_id
        row.position = start + offset
        row.prompt_key = prompt_key(row.prompt)
    BenchmarkItem.objects.bulk_create(rows)


def _allowed_domains(owner: User, benchmark: Benchmark | None = None) -> list[str]:
    """The owner's profile domains; a benchmark keeps its own domain even if the profile no
    longer lists it."""
    domains = profile_domain_names(owner)
    if benchmark is not None and benchmark.domain and benchmark.domain not in domains:
        domains.append(benchmark.domain)
    return domains


@transaction.atomic
def benchmark_create(
    *,
    actor: User,
    title: str,
    domain: str,
    metric: str,
    target: str,
    description: str = "",
    sources: str = "",
    items: Sequence[BenchmarkItemData] = (),
) -> Benchmark:
    """A benchmark in one of the actor's profile domains, with its items in the given order."""
    benchmark = Benchmark(
        owner=actor,
        title=title.strip(),
        domain=domain,
        metric=metric.strip(),
        target=target.strip(),
    )
    _benchmark_checked(
        benchmark,
        allowed_domains=_allowed_domains(actor),
        description=description,
        sources=sources,
    )
    rows = _items_checked(items)
    benchmark.save()
    _write_items(benchmark, rows)
    return benchmark


@transaction.atomic
def benchmark_update(
    *,
    actor: User,
    benchmark: Benchmark,
    title: str,
    domain: str,
    metric: str,
    target: str,
    description: str = "",
    sources: str = "",
    items: Sequence[BenchmarkItemData],
    expected_version: int | None = None,
) -> Benchmark:
    """Replace the benchmark's details and its whole list of items, in the given order. With
    `expected_version`, a benchmark saved or imported into since raises VersionConflict."""
    require_editor(actor, benchmark)
    allowed = _allowed_domains(actor, benchmark)  # before the domain changes
    benchmark.title, benchmark.domain = title.strip(), domain
    benchmark.metric, benchmark.target = metric.strip(), target.strip()
    _benchmark_checked(benchmark, allowed_domains=allowed, description=description, sources=sources)
    rows = _items_checked(items)
    version_raise(benchmark, expected_version=expected_version)
    benchmark.save()
    benchmark.items.all().delete()
    _write_items(benchmark, rows)
    return benchmark


@transaction.atomic
def benchmark_delete(*, actor: User, benchmark: Benchmark) -> None:
    require_editor(actor, benchmark)
    benchmark.delete()


@transaction.atomic
def benchmark_duplicate(*, actor: User, benchmark: Benchmark) -> Benchmark:
    """A copy titled "Copy of …" with every item; it keeps the original's domain."""
    require_editor(actor, benchmark)
    copy = Benchmark.objects.create(
        owner=actor,
        title=copy_title(benchmark.title),
        domain=benchmark.domain,
        description=benchmark.description,
        metric=benchmark.metric,
        target=benchmark.target,
        sources=benchmark.sources,
    )
    _write_items(
        copy,
        [
            BenchmarkItem(
                position=item.position,
                prompt=item.prompt,
                reference_answer=item.reference_answer,
                rationale=item.rationale,
                difficulty=item.difficulty,
                adversarial=item.adversarial,
                source=item.source,
            )
            for item in benchmark.items.order_by("position")
        ],
    )
    return copy


@transaction.atomic
def benchmark_items_import(
    *,
    actor: User,
    benchmark: Benchmark,
    source: bytes | str,
    file_format: str,
    mode: str = IMPORT_APPEND,
    expected_version: int | None = None,
) -> list[BenchmarkItem]:
    """Read every row of a CSV or JSONL file and add its items after the existing ones, or
    replace them. All or nothing: any bad row raises ItemsRefused naming every problem, and
    nothing changes. With `expected_version` (the version the import page was opened at), a
    benchmark changed since raises VersionConflict. An import raises the version."""
    require_editor(actor, benchmark)
    if mode not in (IMPORT_APPEND, IMPORT_REPLACE):
        raise ValidationError(f"Unknown import mode “{mode}”.", code="import_mode")
    items = parse_items(source, file_format)
    # The version's UPDATE locks the benchmark, so two imports at once cannot take the same
    # positions.
    version_raise(benchmark, expected_version=expected_version)
    existing = benchmark.items.count() if mode == IMPORT_APPEND else 0
    if existing + len(items) > MAX_ITEMS:
        room = MAX_ITEMS - existing
        room = f"at most {room} can be added" if room else "no more can be added"
        count = f"{len(items)} item{'' if len(items) == 1 else 's'}"
        raise ItemsRefused(
            [
                ItemProblem(
                    None,
                    "",
                    f"It has {count} and the benchmark already has {existing}; a benchmark "
                    f"holds at most {MAX_ITEMS}, so {room}. Choose “Replace”, or import fewer "
                    "items.",
                )
            ]
        )
    rows = _items_checked(items)
    if mode == IMPORT_REPLACE:
        benchmark.items.all().delete()
    _write_items(benchmark, rows, start=existing)
    benchmark.save(update_fields=["updated"])
    return rows
