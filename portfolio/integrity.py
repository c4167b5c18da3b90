"""Integrity checks on an expert's work: personal data in text files and benchmark items,
and the same file or benchmark prompt in another expert's portfolio.

Files never change once stored, so what a file holds is worked out once per SHA-256 and
kept in the shared cache. Matches across experts are indexed lookups
(StoredFile.sha256, BenchmarkItem.prompt_key with its owner), one query per kind however many
experts there are.
"""

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.core.files.storage import storages
from django.db.models import Count, QuerySet
from django.urls import reverse

from common.personaldata import SCAN_LIMIT, Finding, find_personal_data
from common.text import NotUtf8, decode_text
from common.uploads import ALLOWED_KINDS
from portfolio.models import BenchmarkItem, StoredFile, WorkSample
from profiles.models import User

# Part of the cache key: raise it when the same bytes would now give other findings.
FINDINGS_VERSION = 1
# UTF-8 takes at most 4 bytes a character: enough bytes for SCAN_LIMIT characters.
_READ_BYTES = SCAN_LIMIT * 4
_SPACES = re.compile(r"\s+")


def normalise_prompt(prompt: str) -> str:
    """The form two prompts are compared in: casefolded, runs of whitespace as one space,
    punctuation stripped from both ends."""
    text = _SPACES.sub(" ", prompt.casefold()).strip()
    start, end = 0, len(text)
    while start < end and unicodedata.category(text[start]).startswith("P"):
        start += 1
    while end > start and unicodedata.category(text[end - 1]).startswith("P"):
        end -= 1
    return text[start:end].strip()


def prompt_key(prompt: str) -> str:
    """The SHA-256 of the normalised prompt, stored and indexed on BenchmarkItem.prompt_key:
    a fixed 64 characters where a prompt of thousands would not fit a B-tree index entry."""
    normalised = normalise_prompt(prompt)
    return hashlib.sha256(normalised.encode()).hexdigest() if normalised else ""


@dataclass(frozen=True)
class TextFindings:
    """Personal data found in one place: a file, or one field of a benchmark item."""

    where: str
    url: str
    findings: tuple[Finding, ...]


def is_scanned(stored_file: StoredFile) -> bool:
    """Whether the file is text the checks read (plain text, Markdown, CSV, JSON, YAML…)."""
    _, dot, extension = stored_file.original_name.rpartition(".")
    kind = ALLOWED_KINDS.get(extension.lower()) if dot else None
    return kind is not None and kind.is_text


def file_findings(stored_file: StoredFile) -> tuple[Finding, ...]:
    """Personal data in the start of a text file (none for other kinds), kept per content."""
    if not is_scanned(stored_file):
        return ()
    key = f"personal-data:{FINDINGS_VERSION}:{stored_file.sha256}"
    kept = cache.get(key)
    if kept is None:
        kept = tuple(find_personal_data(_start_of(stored_file)))
        cache.set(key, kept, timeout=None)
    return kept


def _start_of(stored_file: StoredFile) -> str:
    try:
        with storages["default"].open(stored_file.storage_name, "rb") as handle:
            data = handle.read(_READ_BYTES)
        return decode_text(data, partial=True)
    except (OSError, NotUtf8):
        return ""  # unreadable or not text after all: nothing to show the expert


def item_findings(
    benchmarks: Iterable[tuple[str, str, Iterable[tuple[str, str]]]],
) -> list[TextFindings]:
    """Personal data in benchmark items: `benchmarks` gives (title, url, [(prompt, answer)])."""
    found = []
    for title, url, items in benchmarks:
        for number, (prompt, answer) in enumerate(items, start=1):
            for field, text in (("prompt", prompt), ("reference answer", answer)):
                if findings := find_personal_data(text):
                    where = f"Benchmark “{title}”, item {number}, {field}"
                    found.append(TextFindings(where, url, tuple(findings)))
    return found


def personal_data_of(
    owner: User,
    *,
    uploads: Iterable[tuple[int, str, StoredFile]] | None = None,
    items: Iterable[tuple[int, str, str, str]] | None = None,
) -> list[TextFindings]:
    """Personal data in the owner's uploaded text files and benchmark items (two queries;
    none when the caller passes what an outline read with_items: the uploaded samples as
    (id, title, file), the items as (benchmark id, its title, prompt, reference answer) in
    benchmark and item order)."""
    if uploads is None:
        samples = WorkSample.objects.filter(owner=owner, file__isnull=False).select_related("file")
        uploads = [(sample.pk, sample.title, sample.file) for sample in samples.order_by("pk")]
    found = []
    for pk, title, stored_file in uploads:
        if findings := file_findings(stored_file):
            where = f"Work sample “{title}” ({stored_file.original_name})"
            found.append(TextFindings(where, reverse("work_sample_detail", args=[pk]), findings))
    if items is None:
        items = (
            BenchmarkItem.objects.filter(benchmark__owner=owner)
            .order_by("benchmark_id", "position")
            .values_list("benchmark_id", "benchmark__title", "prompt", "reference_answer")
        )
    benchmarks: dict[int, tuple[str, str, list]] = {}
    for pk, title, prompt, answer in items:
        if pk not in benchmarks:  # the address once a benchmark, not once an item
            benchmarks[pk] = (title, _benchmark_url(pk), [])
        benchmarks[pk][2].append((prompt, answer))
    return found + item_findings(benchmarks.values())


def _benchmark_url(pk: int) -> str:
    return reverse("benchmark_detail", args=[pk])


def files_elsewhere(shas: Iterable[str], *, owner_id: int) -> dict[str, int]:
    """SHA-256 -> how many other experts hold a file with those bytes (one indexed query,
    a row per SHA-256 however many experts match; none without files)."""
    shas = set(shas)
    if not shas:
        return {}  # most rounds upload no file: not even the query is built
    rows = (
        StoredFile.objects.filter(sha256__in=shas)
        .exclude(owner_id=owner_id)
        .order_by()
        .values("sha256")
        .annotate(others=Count("owner_id", distinct=True))
        .values_list("sha256", "others")
    )
    return dict(rows)


# Built once a process and never run: each request filters a copy (its WHERE, as the
# filter is on grouped columns, not on the count).
@functools.cache
def _other_owners_per_prompt() -> QuerySet[BenchmarkItem]:
    return (
        BenchmarkItem.objects.order_by()
        .values("prompt_key")
        .annotate(others=Count("owner_id", distinct=True))
        .values_list("prompt_key", "others")
    )


def prompts_elsewhere(keys: Iterable[str], *, owner_id: int) -> dict[str, int]:
    """Prompt key -> how many other experts have an item of that prompt (one query, a row per
    key however many experts match, read from benchmarkitem_prompt_owner alone)."""
    keys = set(keys) - {""}
    if not keys:
        return {}
    return dict(_other_owners_per_prompt().filter(prompt_key__in=keys).exclude(owner_id=owner_id))


def file_owners_elsewhere(shas: Iterable[str], *, owner_id: int, limit: int):
    """(SHA-256, other expert's id) pairs, at most `limit`, in order of both."""
    return list(
        StoredFile.objects.filter(sha256__in=set(shas))
        .exclude(owner_id=owner_id)
        .order_by("sha256", "owner_id")
        .values_list("sha256", "owner_id")
        .distinct()[:limit]
    )


def prompt_owners_elsewhere(keys: Iterable[str], *, owner_id: int, limit: int):
    """(prompt key, other expert's id) pairs, at most `limit`, in order of both."""
    return list(
        BenchmarkItem.objects.filter(prompt_key__in=set(keys) - {""})
        .exclude(owner_id=owner_id)
        .order_by("prompt_key", "owner_id")
        .values_list("prompt_key", "owner_id")
        .distinct()[:limit]
    )
