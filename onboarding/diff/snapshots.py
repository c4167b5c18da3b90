"""Two snapshots compared: the profile field by field, and the artifacts of each kind
matched by id (see the package's docstring for the rules)."""

from dataclasses import dataclass
from typing import Any

from onboarding.diff.values import (
    FILE_REPLACED,
    FieldChange,
    ValuePath,
    diff_objects,
    diff_values,
    field_label,
    is_blank,
    is_scalar,
    shorten,
)

# The artifact kinds of a snapshot, in the order a reviewer reads them.
ARTIFACT_KINDS: dict[str, str] = {
    "rubrics": "Rubrics",
    "benchmarks": "Benchmarks",
    "test_plans": "Test plans",
    "work_samples": "Work samples",
}


@dataclass(frozen=True)
class ArtifactRef:
    id: Any
    title: str


@dataclass(frozen=True)
class ArtifactChange:
    id: Any
    title: str  # in the new snapshot
    old_title: str
    changes: tuple[FieldChange, ...]

    @property
    def retitled(self) -> bool:
        return self.title != self.old_title

    @property
    def file_replaced(self) -> bool:
        return any(change.kind == FILE_REPLACED for change in self.changes)


@dataclass(frozen=True)
class KindDiff:
    """One kind of artifact (rubrics, benchmarks, ...) in both snapshots."""

    key: str
    label: str
    added: tuple[ArtifactRef, ...]
    removed: tuple[ArtifactRef, ...]
    changed: tuple[ArtifactChange, ...]
    unchanged: int

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    @property
    def summary(self) -> str:
        parts = [
            f"{len(group)} {word}"
            for group, word in (
                (self.changed, "changed"),
                (self.added, "added"),
                (self.removed, "removed"),
            )
            if group
        ]
        return ", ".join(parts) if parts else "no changes"


@dataclass(frozen=True)
class SnapshotDiff:
    profile: tuple[FieldChange, ...]
    artifacts: tuple[KindDiff, ...]  # only kinds present in either snapshot

    @property
    def has_changes(self) -> bool:
        return bool(self.profile) or any(kind.has_changes for kind in self.artifacts)

    @property
    def profile_summary(self) -> str:
        count = len(self.profile)
        return f"{count} change{'' if count == 1 else 's'}" if count else "no changes"

    @property
    def summary(self) -> str:
        """One line, e.g. "Profile: 2 changes; Rubrics: 1 changed, 1 added"."""
        if not self.has_changes:
            return "No changes since the previous round."
        parts = [f"Profile: {self.profile_summary}"]
        parts += [f"{kind.label}: {kind.summary}" for kind in self.artifacts]
        return "; ".join(parts) + "."


def diff_snapshots(old: Any, new: Any) -> SnapshotDiff:
    """What changed from the `old` snapshot to the `new` one (both as stored, plain JSON)."""
    old, new = _as_dict(old), _as_dict(new)
    old_profile, new_profile = old.get("profile"), new.get("profile")
    documents = [p for p in (old_profile, new_profile) if not is_blank(p)]
    if documents and all(isinstance(p, dict) for p in documents):
        # The document is an object, even one with a "sha256" field like a stored file's.
        profile = tuple(diff_objects(old_profile or {}, new_profile or {}, ValuePath()))
    else:
        profile = tuple(diff_values(old_profile, new_profile, ValuePath()))
    profile += tuple(_claims_diff(old, new))
    old_artifacts, new_artifacts = _as_dict(old.get("artifacts")), _as_dict(new.get("artifacts"))
    kinds = list(ARTIFACT_KINDS)
    kinds += [key for key in [*old_artifacts, *new_artifacts] if key not in kinds]
    artifacts = []
    for key in dict.fromkeys(kinds):
        before, after = _as_objects(old_artifacts.get(key)), _as_objects(new_artifacts.get(key))
        if before or after:
            artifacts.append(_diff_kind(key, before, after))
    return SnapshotDiff(profile=profile, artifacts=tuple(artifacts))


# --- What backs the claims -------------------------------------------------------------------

# A kind's label for one artifact of it: "Test plans" → "Test plan".
_ONE_OF_KIND = {key: label.removesuffix("s") for key, label in ARTIFACT_KINDS.items()}


def _claims_diff(old: dict, new: dict) -> list[FieldChange]:
    """The evidence behind each deep domain (by artifact title) and the credentials staff had
    verified, as a person reads them; listed with the profile's changes."""
    changes = diff_values(_evidence_lines(old), _evidence_lines(new), ValuePath().key("evidence"))
    return changes + diff_values(
        _verified_lines(old), _verified_lines(new), ValuePath().key("verified_credentials")
    )


def _evidence_lines(snapshot: dict) -> list[str]:
    artifacts = _as_dict(snapshot.get("artifacts"))
    titles = {
        (kind, item.get("id")): _artifact_title(item)
        for kind in artifacts
        for item in _as_objects(artifacts.get(kind))
        if is_scalar(item.get("id"))
    }
    lines = []
    for link in _as_objects(snapshot.get("evidence")):
        kind, identity = str(link.get("kind", "")), link.get("id")
        title = titles.get((kind, identity)) if is_scalar(identity) else None
        what = f"{_ONE_OF_KIND.get(kind, kind)} “{title}”" if title else "an artifact"
        lines.append(f"{link.get('domain', '')}: {what}")
    return lines


def _verified_lines(snapshot: dict) -> list[str]:
    return [
        f"{entry.get('text', '')} (verified {entry.get('verified_on', '')})"
        for entry in _as_objects(snapshot.get("verified_credentials"))
    ]


# --- Artifacts ------------------------------------------------------------------------------


def _as_dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _as_objects(value: Any) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _artifact_key(artifact: dict, position: int, seen: set) -> Any:
    identity = artifact.get("id")
    key = ("id", identity) if is_scalar(identity) and identity is not None else None
    if key is None or key in seen:
        key = ("position", position)  # no usable id: match by where it sits
    seen.add(key)
    return key


def _keyed(artifacts: list[dict]) -> dict[Any, dict]:
    seen: set = set()
    return {_artifact_key(item, i, seen): item for i, item in enumerate(artifacts)}


def _artifact_title(artifact: dict) -> str:
    title = artifact.get("title")
    return shorten(str(title), 200) if title not in (None, "") else "Untitled"


def _diff_kind(key: str, before: list[dict], after: list[dict]) -> KindDiff:
    old_by_key, new_by_key = _keyed(before), _keyed(after)
    added, changed, unchanged = [], [], 0
    for item_key, artifact in new_by_key.items():
        previous = old_by_key.get(item_key)
        ref_id = artifact.get("id") if item_key[0] == "id" else None
        if previous is None:
            added.append(ArtifactRef(id=ref_id, title=_artifact_title(artifact)))
            continue
        changes = _diff_artifact(previous, artifact)
        if changes:
            changed.append(
                ArtifactChange(
                    id=ref_id,
                    title=_artifact_title(artifact),
                    old_title=_artifact_title(previous),
                    changes=changes,
                )
            )
        else:
            unchanged += 1
    removed = [
        ArtifactRef(
            id=artifact.get("id") if item_key[0] == "id" else None,
            title=_artifact_title(artifact),
        )
        for item_key, artifact in old_by_key.items()
        if item_key not in new_by_key
    ]
    return KindDiff(
        key=key,
        label=ARTIFACT_KINDS.get(key) or field_label(key),
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        unchanged=unchanged,
    )


def _diff_artifact(old: dict, new: dict) -> tuple[FieldChange, ...]:
    old_fields = {k: v for k, v in old.items() if k != "id"}
    new_fields = {k: v for k, v in new.items() if k != "id"}
    old_body, new_body = _rubric_body(old_fields), _rubric_body(new_fields)
    changes = diff_values(old_fields, new_fields, ValuePath())
    if old_body is not None or new_body is not None:
        # A rubric's document sits in content.rubric: name its fields without that wrapper.
        changes += diff_values(old_body, new_body, ValuePath(("content", "rubric")))
    # A rubric document repeats the artifact's title; say a change once.
    unique: dict[tuple, FieldChange] = {}
    for change in changes:
        unique.setdefault((change.label, change.old_display, change.new_display), change)
    return tuple(unique.values())


def _rubric_body(fields: dict) -> dict | None:
    """Take a rubric document's body (content.rubric) out of the fields, if it is there."""
    content = fields.get("content")
    if not isinstance(content, dict) or not isinstance(content.get("rubric"), dict):
        return None
    rest = {k: v for k, v in content.items() if k != "rubric"}
    if rest:
        fields["content"] = rest
    else:
        del fields["content"]
    return content["rubric"]
