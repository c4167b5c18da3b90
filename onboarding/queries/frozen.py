"""What a round's page shows of the frozen portfolio: its artifacts by kind with their
checklists and file previews, and what changed since the previous round; kept in the cache
under frozen_copy_key(), since none of it ever changes."""

from dataclasses import dataclass, replace

from onboarding.blind import BlindFile, blind_snapshot
from onboarding.diff.snapshots import SnapshotDiff, diff_snapshots
from onboarding.models import Round, RoundFile
from onboarding.workflow import State
from portfolio.models import WorkSample
from portfolio.previews import Preview, kept_file_preview
from profiles.documents import document_shape


def previous_reviewed_round(round: Round, *, before: Round | None = None) -> Round | None:
    """The round before this one that reached the reviewers (withdrawn ones never did).
    `before`: the round numbered just before this one, when read already (its snapshot
    deferred or not)."""
    if before and before.number == round.number - 1 and before.state != State.WITHDRAWN:
        return before
    return (
        Round.objects.filter(submission_id=round.submission_id, number__lt=round.number)
        .exclude(state=State.WITHDRAWN)
        .order_by("-number")
        # What the copy shows of it: its number, date, decision and snapshot; not the other
        # rows of JSON (checklists, the instrument), which are read and decoded for nothing.
        .only("number", "state", "submitted_at", "decision", "snapshot")
        .first()
    )


# A benchmark's items on the round page; the rest are a link away, a page at a time.
ITEMS_ON_ROUND_PAGE = 10
FROZEN_ITEMS_PAGE_SIZE = 50


@dataclass(frozen=True)
class FrozenArtifact:
    data: dict
    checklist: dict | None
    preview: Preview | None = None  # an uploaded work sample's file

    @property
    def items_shown(self) -> list[dict]:
        return self.data.get("items", [])[:ITEMS_ON_ROUND_PAGE]

    @property
    def items_count(self) -> int:
        return len(self.data.get("items", []))

    @property
    def more_items(self) -> bool:
        return self.items_count > ITEMS_ON_ROUND_PAGE

    @property
    def type_label(self) -> str:
        """A work sample's type in words (a type unknown today is shown as stored)."""
        value = self.data.get("type", "")
        return WorkSample.Type(value).label if value in WorkSample.Type.values else value


@dataclass(frozen=True)
class ArtifactSection:
    key: str
    label: str
    artifacts: tuple[FrozenArtifact, ...]


SECTION_LABELS = {
    "rubrics": "Rubrics",
    "benchmarks": "Benchmarks",
    "test_plans": "Adversarial test plans",
    "work_samples": "Work samples",
}


def artifact_sections(round: Round, *, blind: bool = False) -> list[ArtifactSection]:
    """The snapshot's artifacts by kind, each with its frozen checklist and, for an uploaded
    work sample, an in-page preview of its file (one query, none without uploaded files;
    the bytes come from storage the first time a file's content is previewed). Blind: files
    go by their blind names."""
    snapshot = blind_snapshot(round.snapshot) if blind else round.snapshot
    artifacts = snapshot.get("artifacts", {})
    checklists = round.checklists or {}
    # No query for a snapshot without uploaded files (links only, as most are).
    uploads = any(sample.get("file") for sample in artifacts.get("work_samples", []))
    files = RoundFile.objects.filter(round=round).select_related("file") if uploads else []
    previews = {str(row.file_id): kept_file_preview(row.file) for row in files}
    if blind:
        previews = {
            key: replace(preview, file=BlindFile(preview.file)) if preview.file else preview
            for key, preview in previews.items()
        }
    return [
        ArtifactSection(
            key=key,
            label=label,
            artifacts=tuple(
                FrozenArtifact(
                    data=item,
                    checklist=checklists.get(key, {}).get(str(item["id"])),
                    preview=previews.get(str((item.get("file") or {}).get("id"))),
                )
                for item in artifacts.get(key, [])
            ),
        )
        for key, label in SECTION_LABELS.items()
    ]


def frozen_benchmark(round: Round, artifact_id: int) -> dict | None:
    """One benchmark of the round's snapshot, as submitted (None when it has no such one)."""
    benchmarks = round.snapshot.get("artifacts", {}).get("benchmarks", [])
    return next((item for item in benchmarks if item.get("id") == artifact_id), None)


def round_diff(
    round: Round, *, blind: bool = False, before: Round | None = None
) -> tuple[Round | None, SnapshotDiff | None]:
    previous = previous_reviewed_round(round, before=before) if round.number > 1 else None
    if previous is None:
        return None, None
    if blind:
        return previous, diff_snapshots(
            blind_snapshot(previous.snapshot), blind_snapshot(round.snapshot)
        )
    return previous, diff_snapshots(previous.snapshot, round.snapshot)


@dataclass(frozen=True)
class Claim:
    """A deep domain of the frozen profile and the frozen artifacts linked to it."""

    domain: str
    depth: int
    evidence: tuple[dict, ...]  # {"kind", "id", "title", "kind_label"}

    @property
    def gap(self) -> bool:
        return not self.evidence


CLAIM_KIND_LABELS = {
    "rubrics": "rubric",
    "benchmarks": "benchmark",
    "test_plans": "test plan",
    "work_samples": "work sample",
}


def claims_of(snapshot: dict) -> list[Claim] | None:
    """The claims × evidence table of a snapshot: every deep domain, with its evidence or a
    gap; None for a snapshot frozen before evidence was recorded."""
    profile = snapshot.get("profile")
    if profile is None or "evidence" not in snapshot:
        return None
    titles = {
        (kind, entry.get("id")): entry.get("title", "")
        for kind, entries in snapshot.get("artifacts", {}).items()
        for entry in entries
    }
    linked: dict[str, list[dict]] = {}
    for entry in snapshot["evidence"]:
        key = (entry["kind"], entry["id"])
        if key in titles:
            item = {**entry, "title": titles[key], "kind_label": CLAIM_KIND_LABELS[entry["kind"]]}
            linked.setdefault(entry["domain"].casefold(), []).append(item)
    return [
        Claim(domain.name, domain.depth, tuple(linked.get(domain.name.casefold(), ())))
        for domain in document_shape(profile).domains
        if domain.is_deep
    ]


@dataclass(frozen=True)
class FrozenCopy:
    """What a round's page shows of the frozen portfolio: what changed since the previous
    round, the profile and the artifacts. It is the same for everyone who may see the round,
    and never changes: the snapshot, the checklists and the files are frozen, and a round
    follows the previous one only once that one is decided, which is final."""

    round: Round
    sections: list[ArtifactSection]
    previous: Round | None
    diff: SnapshotDiff | None
    claims: list[Claim] | None = None

    @property
    def lasting(self) -> bool:
        """False while a file could not be read: it is tried again next time."""
        return all(
            artifact.preview is None or artifact.preview.lasting
            for section in self.sections
            for artifact in section.artifacts
        )

    def context(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


# Part of the key a frozen copy is kept under: raise it when its templates change what
# they show.
FROZEN_COPY_VERSION = 10


def frozen_copy_key(round: Round, *, blind: bool = False) -> str:
    """The round and its snapshot's hash, which change with nothing (and the blind copy
    apart)."""
    key = f"round-frozen-copy:{FROZEN_COPY_VERSION}:{round.pk}:{round.snapshot_sha256}"
    return f"{key}:blind" if blind else key


def frozen_copy(round: Round, *, blind: bool = False, before: Round | None = None) -> FrozenCopy:
    """One or two queries: the round's files, and the previous round for a later one (or its
    snapshot alone when `before`, the round numbered just before, was read without it)."""
    previous, diff = round_diff(round, blind=blind, before=before)
    sections = artifact_sections(round, blind=blind)
    return FrozenCopy(
        round=round,
        sections=sections,
        previous=previous,
        diff=diff,
        claims=claims_of(round.snapshot),
    )
