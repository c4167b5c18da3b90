"""Writes for portfolio artifacts and their files. Views, admin and commands call these.

Every function is keyword-only and atomic, validates before it writes, and returns the object.
A refused file leaves nothing behind: all checks run before a single byte is stored.
"""

import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat

from common.uploads import check_upload
from common.versions import version_raise
from portfolio.benchmark_items import (
    BenchmarkItemData,
    ItemProblem,
    ItemsRefused,
    clean_text,
    parse_items,
)
from portfolio.models import (
    AdversarialCase,
    AdversarialTestPlan,
    Benchmark,
    BenchmarkItem,
    StoredFile,
    WorkSample,
)
from portfolio.permissions import can_edit_artifact
from portfolio.validators import (
    DOCUMENT_SAMPLE_TITLE_MAX,
    MAX_ITEMS,
    benchmark_item_problems,
    validate_benchmark_domain,
    validate_benchmark_text,
    validate_case_count,
    validate_item_count,
    validate_linked_sample,
)
from profiles.models import User
from profiles.queries import profile_domain_names

COPY_PREFIX = "Copy of "


def _storage():
    # Looked up on every call so the backend stays a matter of configuration (STORAGES).
    return storages["default"]


def _require_editor(actor: User, artifact) -> None:
    if not can_edit_artifact(actor, artifact):
        raise PermissionDenied("Only the owner can change this artifact.")


def _copy_title(title: str) -> str:
    limit = WorkSample._meta.get_field("title").max_length
    return (COPY_PREFIX + title)[:limit]


# --- Files ------------------------------------------------------------------------------------


def upload_quota_used(*, owner: User) -> int:
    return StoredFile.objects.filter(owner=owner).aggregate(total=Sum("size"))["total"] or 0


@transaction.atomic
def stored_file_create(*, actor: User, upload: File) -> StoredFile:
    """Check an uploaded file against the allow-list and the owner's quota, then store it
    under a random name in the private storage and record its SHA-256."""
    checked = check_upload(upload)
    # Lock the owner's row so two uploads at once cannot both slip under the quota.
    User.objects.select_for_update().only("pk").get(pk=actor.pk)
    used = upload_quota_used(owner=actor)
    if used + checked.size > settings.UPLOAD_QUOTA_BYTES:
        raise ValidationError(
            f"This file ({filesizeformat(checked.size)}) does not fit in your upload allowance "
            f"of {filesizeformat(settings.UPLOAD_QUOTA_BYTES)}: you have used "
            f"{filesizeformat(used)}. Delete a work sample you no longer need, or upload a "
            "smaller file.",
            code="quota",
        )
    token = secrets.token_hex(16)
    storage_name = _storage().save(f"{token[:2]}/{token}", upload)
    with _blob_discarded_on_error(storage_name):
        return StoredFile.objects.create(
            owner=actor,
            storage_name=storage_name,
            original_name=checked.original_name,
            size=checked.size,
            sha256=checked.sha256,
            content_type=checked.content_type,
        )


@contextmanager
def _blob_discarded_on_error(storage_name: str | None) -> Iterator[None]:
    """A just-stored blob is removed again when the writes that follow it fail."""
    try:
        yield
    except BaseException:
        if storage_name:
            _storage().delete(storage_name)
        raise


def stored_file_is_referenced(stored_file: StoredFile) -> bool:
    """Whether anything (an artifact, a duplicate, a submitted snapshot) still uses the file.

    Every model with a relation to StoredFile counts, so a new kind of reference needs no
    change here.
    """
    for relation in StoredFile._meta.related_objects:
        manager = relation.related_model._base_manager
        if manager.filter(**{relation.field.name: stored_file}).exists():
            return True
    return False


@transaction.atomic
def stored_file_release(*, stored_file: StoredFile) -> bool:
    """Delete the file (row now, bytes once the transaction commits) unless something still
    refers to it. Returns whether it was deleted."""
    if stored_file_is_referenced(stored_file):
        return False
    storage_name = stored_file.storage_name
    stored_file.delete()
    transaction.on_commit(lambda: _storage().delete(storage_name))
    return True


# --- Work samples -------------------------------------------------------------------------


def _check_link_or_file(*, url: str, upload: File | None, has_file: bool) -> None:
    if url and upload is not None:
        message = "Give either a link or a file to upload, not both."
    elif not url and upload is None and not has_file:
        message = "Give a link, or choose a file to upload."
    else:
        return
    raise ValidationError({"url": ValidationError(message, code="link_or_file")})


@transaction.atomic
def work_sample_create(
    *,
    actor: User,
    title: str,
    sample_type: str,
    description: str = "",
    url: str = "",
    upload: File | None = None,
) -> WorkSample:
    """A work sample is a link or an uploaded file: exactly one of `url` and `upload`."""
    _check_link_or_file(url=url, upload=upload, has_file=False)
    if url:
        others = WorkSample.objects.filter(owner=actor, file__isnull=True).count()
        validate_linked_sample(title=title, url=url, other_links=others)
    sample = WorkSample(
        owner=actor, title=title, sample_type=sample_type, description=description, url=url
    )
    sample.full_clean(exclude=["file"], validate_constraints=False)
    if upload is not None:
        sample.file = stored_file_create(actor=actor, upload=upload)
    with _blob_discarded_on_error(sample.file.storage_name if sample.file else None):
        sample.save()
    return sample


@transaction.atomic
def work_sample_update(
    *,
    actor: User,
    sample: WorkSample,
    title: str,
    sample_type: str,
    description: str = "",
    url: str = "",
    upload: File | None = None,
    expected_version: int | None = None,
) -> WorkSample:
    """Change the details; a new `upload` replaces the file, a `url` switches to a link, and
    neither keeps the current file. A file no longer used by anything is deleted. With
    `expected_version`, a sample saved elsewhere since raises VersionConflict."""
    _require_editor(actor, sample)
    _check_link_or_file(url=url, upload=upload, has_file=sample.file_id is not None)
    if url:
        links = WorkSample.objects.filter(owner=sample.owner_id, file__isnull=True)
        others = links.exclude(pk=sample.pk).count()
        validate_linked_sample(title=title, url=url, other_links=others)
    previous_file = sample.file
    sample.title, sample.sample_type, sample.description = title, sample_type, description
    sample.url = url
    sample.full_clean(exclude=["file"], validate_constraints=False)
    version_raise(sample, expected_version=expected_version)  # before a file is stored
    if upload is not None:
        sample.file = stored_file_create(actor=actor, upload=upload)
    elif url:
        sample.file = None
    with _blob_discarded_on_error(sample.file.storage_name if upload is not None else None):
        sample.save()
        if previous_file is not None and previous_file.pk != sample.file_id:
            stored_file_release(stored_file=previous_file)
    return sample


@transaction.atomic
def work_sample_delete(*, actor: User, sample: WorkSample) -> None:
    _require_editor(actor, sample)
    stored_file = sample.file
    sample.delete()
    if stored_file is not None:
        stored_file_release(stored_file=stored_file)


@transaction.atomic
def work_sample_duplicate(*, actor: User, sample: WorkSample) -> WorkSample:
    """A copy titled "Copy of …"; an uploaded file is shared, not stored twice."""
    _require_editor(actor, sample)
    title = _copy_title(sample.title)
    if sample.url:
        title = title[:DOCUMENT_SAMPLE_TITLE_MAX]
        others = WorkSample.objects.filter(owner=actor, file__isnull=True).count()
        validate_linked_sample(title=title, url=sample.url, other_links=others)
    return WorkSample.objects.create(
        owner=actor,
        title=title,
        sample_type=sample.sample_type,
        description=sample.description,
        url=sample.url,
        file=sample.file,
    )


# --- Adversarial test plans ------------------------------------------------------------------
# Named adversarial_plan_*: a name starting with "test_" would be collected by pytest.


@dataclass(frozen=True)
class CaseData:
    """One case as the plan's author wrote it, in order."""

    attack: str
    expected_behaviour: str
    severity: str


def _cases_checked(cases: Sequence[CaseData]) -> list[AdversarialCase]:
    validate_case_count(len(cases))
    built = []
    errors = {}
    for position, case in enumerate(cases):
        row = AdversarialCase(
            position=position,
            attack=case.attack,
            expected_behaviour=case.expected_behaviour,
            severity=case.severity,
        )
        try:
            row.full_clean(exclude=["plan"], validate_constraints=False)
        except ValidationError as error:
            errors[f"case {position + 1}"] = error.messages
        built.append(row)
    if errors:
        raise ValidationError(
            [f"{where.capitalize()}: {' '.join(messages)}" for where, messages in errors.items()]
        )
    return built


def _write_cases(plan: AdversarialTestPlan, cases: list[AdversarialCase]) -> None:
    plan.cases.all().delete()
    for case in cases:
        case.plan = plan
    AdversarialCase.objects.bulk_create(cases)


@transaction.atomic
def adversarial_plan_create(
    *,
    actor: User,
    title: str,
    scope: str,
    threat_model: str,
    goal: str = "",
    sources: str = "",
    cases: Sequence[CaseData],
) -> AdversarialTestPlan:
    plan = AdversarialTestPlan(
        owner=actor,
        title=title,
        scope=scope,
        threat_model=threat_model,
        goal=goal,
        sources=sources,
    )
    plan.full_clean()
    rows = _cases_checked(cases)
    plan.save()
    _write_cases(plan, rows)
    return plan


@transaction.atomic
def adversarial_plan_update(
    *,
    actor: User,
    plan: AdversarialTestPlan,
    title: str,
    scope: str,
    threat_model: str,
    goal: str = "",
    sources: str = "",
    cases: Sequence[CaseData],
    expected_version: int | None = None,
) -> AdversarialTestPlan:
    """Replace the plan's details and its whole list of cases, in the given order. With
    `expected_version`, a plan saved elsewhere since raises VersionConflict."""
    _require_editor(actor, plan)
    plan.title, plan.scope, plan.threat_model = title, scope, threat_model
    plan.goal, plan.sources = goal, sources
    plan.full_clean()
    rows = _cases_checked(cases)
    version_raise(plan, expected_version=expected_version)
    plan.save()
    _write_cases(plan, rows)
    return plan


@transaction.atomic
def adversarial_plan_delete(*, actor: User, plan: AdversarialTestPlan) -> None:
    _require_editor(actor, plan)
    plan.delete()


@transaction.atomic
def adversarial_plan_duplicate(*, actor: User, plan: AdversarialTestPlan) -> AdversarialTestPlan:
    _require_editor(actor, plan)
    return adversarial_plan_create(
        actor=actor,
        title=_copy_title(plan.title),
        scope=plan.scope,
        threat_model=plan.threat_model,
        goal=plan.goal,
        sources=plan.sources,
        cases=[
            CaseData(case.attack, case.expected_behaviour, case.severity)
            for case in plan.cases.all()
        ],
    )


# --- Benchmarks -----------------------------------------------------------------------------

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
        row.benchmark = benchmark
        row.position = start + offset
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
    _require_editor(actor, benchmark)
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
    _require_editor(actor, benchmark)
    benchmark.delete()


@transaction.atomic
def benchmark_duplicate(*, actor: User, benchmark: Benchmark) -> Benchmark:
    """A copy titled "Copy of …" with every item; it keeps the original's domain."""
    _require_editor(actor, benchmark)
    copy = Benchmark.objects.create(
        owner=actor,
        title=_copy_title(benchmark.title),
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
    _require_editor(actor, benchmark)
    if mode not in (IMPORT_APPEND, IMPORT_REPLACE):
        raise ValidationError(f"Unknown import mode “{mode}”.", code="import_mode")
    items = parse_items(source, file_format)
    # The version's UPDATE locks the benchmark, so two imports at once cannot take the same
    # positions.
    version_raise(benchmark, expected_version=expected_version)
    existing = benchmark.items.count() if mode == IMPORT_APPEND else 0
    if existing + len(items) > MAX_ITEMS:
        raise ItemsRefused(
            [
                ItemProblem(
                    None,
                    "",
                    f"It has {len(items)} items and the benchmark already has {existing}; "
                    f"a benchmark holds at most {MAX_ITEMS}, so at most {MAX_ITEMS - existing} "
                    "can be added. Choose “Replace”, or import fewer items.",
                )
            ]
        )
    rows = _items_checked(items)
    if mode == IMPORT_REPLACE:
        benchmark.items.all().delete()
    _write_items(benchmark, rows, start=existing)
    benchmark.save(update_fields=["updated"])
    return rows
