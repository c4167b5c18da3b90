"""What changed between two submission snapshots (round n − 1 → round n), for reviewers.

A snapshot is plain JSON data:

    {"format": 1,
     "profile": {...the skill-profile document...},
     "artifacts": {"rubrics": [...], "benchmarks": [...], "test_plans": [...],
                   "work_samples": [...]}}

The profile is compared field by field, down nested paths (availability.hours_per_week).
Artifacts are matched by kind and "id": each is added, removed, changed (with its changed
fields) or unchanged. Inside any value:
- a missing key, null, "" and an empty list or object all mean "nothing there", so a
  snapshot written before a field existed does not show that field as changed;
- lists of strings (and other plain values) report the items added and removed;
- lists of objects are matched by a natural key ("id", "score", "title" or "name") when
  every object has a distinct one, otherwise by aligning equal objects in order;
- a file (an object with a "sha256") is "replaced" when its content hash changed, and only
  renamed when the hash is the same;
- long text gets a word-level diff (line-level when very long).

Any JSON is accepted: malformed parts are read as empty rather than refused, because a diff
is a reading aid and must never stop a reviewer from opening a round.
"""

import difflib
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from django.template.defaultfilters import filesizeformat

# Kinds of change to one value.
ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"  # a short value: old → new
TEXT = "text"  # a long text: see `segments`
ITEMS = "items"  # a list of plain values: see `added_items` and `removed_items`
REORDERED = "reordered"  # the same items in another order
FILE_REPLACED = "file_replaced"  # a file with different content (SHA-256)
ChangeKind = Literal["added", "removed", "changed", "text", "items", "reordered", "file_replaced"]

# The artifact kinds of a snapshot, in the order a reviewer reads them.
ARTIFACT_KINDS: dict[str, str] = {
    "rubrics": "Rubrics",
    "benchmarks": "Benchmarks",
    "test_plans": "Test plans",
    "work_samples": "Work samples",
}

# A string longer than this, or with a line break, is diffed word by word.
LONG_TEXT = 80
# Above this many words, diff line by line: word diffs of long documents cost too much.
MAX_WORD_TOKENS = 2000
# Unchanged words (or lines) kept on each side of a change; the rest is summarised.
CONTEXT_WORDS = 12
CONTEXT_LINES = 2
# The longest value shown whole; longer ones are cut with an ellipsis.
MAX_DISPLAY = 600

# Objects in a list are matched by the first of these keys that identifies every one.
_NATURAL_KEYS = ("id", "score", "title", "name")
# Keys worth naming an object by, in order of preference.
_NAMING_KEYS = ("title", "name", "prompt", "attack", "text")
# What one entry of a list is called, by the list's key.
_ENTRY_NAMES = {
    "items": "Item",
    "cases": "Case",
    "scale": "Level",
    "work_samples": "Work sample",
    "criteria": "Criterion",
    "domains": "Domain",
}
_FIELD_LABELS = {
    "hours_per_week": "Hours per week",
    "timezone": "Time zone",
    "link": "Link",
    "url": "Link",
    "disallow": "Disallowed behaviours",
    "pass_score": "Pass score",
    "expected_behaviour": "Expected safe behaviour",
    "attack": "Input or attack",
    "goal": "Measurable goal",
    "sha256": "SHA-256",
    "content_type": "Content type",
}
# A word or a run of punctuation with the spaces before it. Tokens that carry their spaces
# keep the diff fast (no flood of identical " " tokens) and read naturally.
_TOKEN = re.compile(r"\s*\w+|\s*[^\w\s]+|\s+")
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class TextSegment:
    """A run of a text diff. op "skip" stands for unchanged text left out; its `text` says
    how much (e.g. "40 unchanged words")."""

    op: Literal["equal", "insert", "delete", "skip"]
    text: str


@dataclass(frozen=True)
class FieldChange:
    """One changed value, at a path such as "availability.hours_per_week" or
    "work_samples[1].link" (indexes count in the new list, or the old one if removed)."""

    path: str
    label: str  # the path in words: "Availability › Hours per week"
    kind: ChangeKind
    old: Any = None
    new: Any = None
    old_display: str = ""  # the old value as a person reads it
    new_display: str = ""
    added_items: tuple[str, ...] = ()
    removed_items: tuple[str, ...] = ()
    segments: tuple[TextSegment, ...] = ()


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
    documents = [p for p in (old_profile, new_profile) if not _is_blank(p)]
    if documents and all(isinstance(p, dict) for p in documents):
        # The document is an object, even one with a "sha256" field like a stored file's.
        profile = tuple(_diff_objects(old_profile or {}, new_profile or {}, _Path()))
    else:
        profile = tuple(_diff(old_profile, new_profile, _Path()))
    old_artifacts, new_artifacts = _as_dict(old.get("artifacts")), _as_dict(new.get("artifacts"))
    kinds = list(ARTIFACT_KINDS)
    kinds += [key for key in [*old_artifacts, *new_artifacts] if key not in kinds]
    artifacts = []
    for key in dict.fromkeys(kinds):
        before, after = _as_objects(old_artifacts.get(key)), _as_objects(new_artifacts.get(key))
        if before or after:
            artifacts.append(_diff_kind(key, before, after))
    return SnapshotDiff(profile=profile, artifacts=tuple(artifacts))


# --- Artifacts ------------------------------------------------------------------------------


def _as_dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _as_objects(value: Any) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _artifact_key(artifact: dict, position: int, seen: set) -> Any:
    identity = artifact.get("id")
    key = ("id", identity) if _is_scalar(identity) and identity is not None else None
    if key is None or key in seen:
        key = ("position", position)  # no usable id: match by where it sits
    seen.add(key)
    return key


def _keyed(artifacts: list[dict]) -> dict[Any, dict]:
    seen: set = set()
    return {_artifact_key(item, i, seen): item for i, item in enumerate(artifacts)}


def _artifact_title(artifact: dict) -> str:
    title = artifact.get("title")
    return _shorten(str(title), 200) if title not in (None, "") else "Untitled"


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
        label=ARTIFACT_KINDS.get(key) or _field_label(key),
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        unchanged=unchanged,
    )


def _diff_artifact(old: dict, new: dict) -> tuple[FieldChange, ...]:
    old_fields = {k: v for k, v in old.items() if k != "id"}
    new_fields = {k: v for k, v in new.items() if k != "id"}
    old_body, new_body = _rubric_body(old_fields), _rubric_body(new_fields)
    changes = _diff(old_fields, new_fields, _Path())
    if old_body is not None or new_body is not None:
        # A rubric's document sits in content.rubric: name its fields without that wrapper.
        changes += _diff(old_body, new_body, _Path(("content", "rubric")))
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


# --- Values ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Path:
    """Where a value sits, for machines (parts) and for people (labels)."""

    parts: tuple[str | int, ...] = ()
    labels: tuple[str, ...] = ()
    # The key the value sits under, to name the entries of a list ("items" → "Item 3").
    last_key: str = ""

    def key(self, key: Any) -> "_Path":
        key = str(key)
        return _Path((*self.parts, key), (*self.labels, _field_label(key)), key)

    def index(self, index: int, label: str) -> "_Path":
        return _Path((*self.parts, index), (*self.labels, label))

    @property
    def text(self) -> str:
        out = ""
        for part in self.parts:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        return out

    @property
    def label(self) -> str:
        return " › ".join(self.labels) or "Whole document"


def _diff(old: Any, new: Any, path: _Path) -> list[FieldChange]:
    if _same(old, new) or (_is_blank(old) and _is_blank(new)):
        return []
    if _is_file(old) or _is_file(new):
        return _diff_file(old, new, path)
    # Compare a missing object or list with a present one part by part.
    if isinstance(new, dict) and _is_blank(old):
        old = {}
    if isinstance(old, dict) and _is_blank(new):
        new = {}
    if isinstance(new, list) and _is_blank(old):
        old = []
    if isinstance(old, list) and _is_blank(new):
        new = []
    if isinstance(old, dict) and isinstance(new, dict):
        return _diff_objects(old, new, path)
    if isinstance(old, list) and isinstance(new, list):
        return _diff_lists(old, new, path)
    if _is_blank(old):
        return [_change(path, ADDED, old, new)]
    if _is_blank(new):
        return [_change(path, REMOVED, old, new)]
    if isinstance(old, str) and isinstance(new, str) and _is_long(old, new):
        return [_change(path, TEXT, old, new, segments=text_diff(old, new))]
    return [_change(path, CHANGED, old, new)]


def _diff_objects(old: dict, new: dict, path: _Path) -> list[FieldChange]:
    changes = []
    for key in dict.fromkeys([*old, *new]):
        changes += _diff(old.get(key), new.get(key), path.key(key))
    return changes


def _diff_lists(old: list, new: list, path: _Path) -> list[FieldChange]:
    if all(_is_scalar(v) for v in old) and all(_is_scalar(v) for v in new):
        return _diff_plain_lists(old, new, path)
    if all(isinstance(v, dict) for v in old) and all(isinstance(v, dict) for v in new):
        return _diff_object_lists(old, new, path)
    return [_change(path, CHANGED, old, new)]  # a mixed list: show it whole


def _diff_plain_lists(old: list, new: list, path: _Path) -> list[FieldChange]:
    before, after = Counter(map(_hashable, old)), Counter(map(_hashable, new))
    added = [v for v in _unique(new) if after[_hashable(v)] > before[_hashable(v)]]
    removed = [v for v in _unique(old) if before[_hashable(v)] > after[_hashable(v)]]
    if not added and not removed:
        return [_change(path, REORDERED, old, new)]
    return [
        _change(
            path,
            ITEMS,
            old,
            new,
            added_items=tuple(_display(v) for v in added),
            removed_items=tuple(_display(v) for v in removed),
        )
    ]


def _diff_object_lists(old: list[dict], new: list[dict], path: _Path) -> list[FieldChange]:
    entry = _ENTRY_NAMES.get(path.last_key, "Entry")
    natural = _natural_key(old, new)
    changes: list[FieldChange] = []
    if natural is not None:
        old_by = {item[natural]: item for item in old}
        new_by = {item[natural]: item for item in new}
        for index, item in enumerate(new):
            at = path.index(index, _entry_label(entry, natural, item, index))
            if item[natural] in old_by:
                changes += _diff(old_by[item[natural]], item, at)
            else:
                changes.append(_change(at, ADDED, None, item))
        for index, item in enumerate(old):
            if item[natural] not in new_by:
                at = path.index(index, _entry_label(entry, natural, item, index))
                changes.append(_change(at, REMOVED, item, None))
        return changes
    # No identity: line up equal objects, and compare the others where they sit.
    matcher = difflib.SequenceMatcher(
        a=[_canonical(v) for v in old], b=[_canonical(v) for v in new], autojunk=False
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        for offset in range(paired):
            at = path.index(j1 + offset, f"{entry} {j1 + offset + 1}")
            changes += _diff(old[i1 + offset], new[j1 + offset], at)
        for j in range(j1 + paired, j2):
            changes.append(_change(path.index(j, f"{entry} {j + 1}"), ADDED, None, new[j]))
        for i in range(i1 + paired, i2):
            changes.append(_change(path.index(i, f"{entry} {i + 1} (before)"), REMOVED, old[i]))
    return changes


def _natural_key(old: list[dict], new: list[dict]) -> str | None:
    for key in _NATURAL_KEYS:
        for items in (old, new):
            values = [item.get(key) for item in items]
            if not all(_is_scalar(v) and not _is_blank(v) for v in values):
                break
            if len(set(map(_hashable, values))) != len(values):
                break
        else:
            return key
    return None


def _entry_label(entry: str, natural: str, item: dict, index: int) -> str:
    if natural == "score":
        return f"{entry} {_display(item[natural])}"
    if natural == "id":
        named = next((item[k] for k in _NAMING_KEYS if isinstance(item.get(k), str)), "")
        return f"“{_shorten(named, 60)}”" if named.strip() else f"{entry} {index + 1}"
    return f"“{_shorten(str(item[natural]), 60)}”"


def _diff_file(old: Any, new: Any, path: _Path) -> list[FieldChange]:
    if not (_is_file(old) and _is_file(new)):
        kind = ADDED if _is_blank(old) else REMOVED if _is_blank(new) else CHANGED
        return [_change(path, kind, old, new)]
    if old.get("sha256") != new.get("sha256"):
        return [_change(path, FILE_REPLACED, old, new)]
    # Same bytes: a new upload of the same file is no change, unless it was renamed.
    return _diff(old.get("name"), new.get("name"), path.key("name"))


def _change(
    path: _Path, kind: ChangeKind, old: Any = None, new: Any = None, **extra
) -> FieldChange:
    return FieldChange(
        path=path.text,
        label=path.label,
        kind=kind,
        old=old,
        new=new,
        old_display=_display(old),
        new_display=_display(new),
        **extra,
    )


# --- Small rules about values ---------------------------------------------------------------


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)


def _is_file(value: Any) -> bool:
    return isinstance(value, dict) and "sha256" in value


def _is_long(*texts: str) -> bool:
    return any(len(text) > LONG_TEXT or "\n" in text for text in texts)


def _hashable(value: Any) -> Any:
    # True == 1 in Python but not in JSON; NaN != NaN in Python but is one value in JSON.
    return (type(value).__name__, repr(value))


def _same(old: Any, new: Any) -> bool:
    return _canonical(old) == _canonical(new)


def _canonical(value: Any) -> str:
    try:
        return json.dumps(value, sort_keys=True, default=repr, ensure_ascii=False)
    except (TypeError, ValueError):  # keys of mixed types cannot be sorted
        return repr(value)


def _unique(values: list) -> Iterator:
    seen = set()
    for value in values:
        if _hashable(value) not in seen:
            seen.add(_hashable(value))
            yield value


def _field_label(key: Any) -> str:
    key = str(key)
    return _FIELD_LABELS.get(key) or (key.replace("_", " ").strip().capitalize() or "(blank)")


def _shorten(text: str, limit: int = MAX_DISPLAY) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _display(value: Any) -> str:
    """A value as a reviewer reads it: text as is, yes/no, lists joined, objects named."""
    if _is_blank(value):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return _shorten(value)
    if isinstance(value, int | float):
        return str(value)
    if _is_file(value):
        details = [str(value.get("name") or "unnamed file")]
        if isinstance(value.get("size"), int) and not isinstance(value["size"], bool):
            details.append(filesizeformat(value["size"]))
        if isinstance(value.get("sha256"), str) and value["sha256"]:
            details.append(f"SHA-256 {value['sha256'][:12]}…")  # enough to tell files apart
        return _shorten(", ".join(details))
    if isinstance(value, list):
        return _shorten(", ".join(_display(v) for v in value))
    if isinstance(value, dict):
        for key in _NAMING_KEYS:
            if isinstance(value.get(key), str) and value[key].strip():
                return _shorten(value[key])
        return _shorten(
            "; ".join(f"{_field_label(k)}: {_display(v)}" for k, v in value.items() if v != "")
        )
    return _shorten(repr(value))


# --- Text -----------------------------------------------------------------------------------


def text_diff(old: str, new: str) -> tuple[TextSegment, ...]:
    """Word-level differences (line-level for very long texts), with long unchanged runs
    summarised. Segments are plain text: the template escapes them."""
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    unit = "word"
    if max(len(old_tokens), len(new_tokens)) > MAX_WORD_TOKENS:
        old_tokens, new_tokens = old.splitlines(keepends=True), new.splitlines(keepends=True)
        unit = "line"
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=unit == "line")
    opcodes = _absorb_lone_spaces(matcher.get_opcodes(), old_tokens)
    segments: list[TextSegment] = []
    for position, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            segments += _unchanged(
                old_tokens[i1:i2],
                unit=unit,
                keep_before=position > 0,
                keep_after=position < len(opcodes) - 1,
            )
            continue
        segments += _replacement("".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2]))
    return tuple(_joined(segments))


def _replacement(old: str, new: str) -> list[TextSegment]:
    """Delete `old`, insert `new`; spaces and punctuation both share at either end stay
    unchanged, so "resolved." → "resolved. Then…" only inserts " Then…"."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        if _WORD.match(old[start]):
            break
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        if _WORD.match(old[-1 - end]):
            break
        end += 1
    parts = [
        ("equal", old[:start]),
        ("delete", old[start : len(old) - end]),
        ("insert", new[start : len(new) - end]),
        ("equal", old[len(old) - end :]),
    ]
    return [TextSegment(op, text) for op, text in parts if text]


def _joined(segments: list[TextSegment]) -> list[TextSegment]:
    """Neighbouring segments of the same kind as one."""
    joined: list[TextSegment] = []
    for segment in segments:
        if joined and joined[-1].op == segment.op and segment.op != "skip":
            joined[-1] = TextSegment(segment.op, joined[-1].text + segment.text)
        else:
            joined.append(segment)
    return joined


def _absorb_lone_spaces(opcodes: list, old_tokens: list[str]) -> list:
    """Fold a run of only whitespace between two changes into them, so "the quick" →
    "a slow" reads as one replacement, not two with a space between."""
    merged: list = []
    for position, (op, i1, i2, j1, j2) in enumerate(opcodes):
        after_change = bool(merged) and merged[-1][0] != "equal"
        # SequenceMatcher alternates equal and changed runs: after a gap comes a change.
        is_gap = (
            op == "equal" and position < len(opcodes) - 1 and "".join(old_tokens[i1:i2]).isspace()
        )
        if after_change and (op != "equal" or is_gap):
            _, a1, _, b1, _ = merged[-1]
            merged[-1] = ("replace", a1, i2, b1, j2)
        else:
            merged.append((op, i1, i2, j1, j2))
    return merged


def _unchanged(
    tokens: list[str], *, unit: str, keep_before: bool, keep_after: bool
) -> list[TextSegment]:
    """Unchanged text, keeping only some context around the changes on each side."""
    context = CONTEXT_WORDS if unit == "word" else CONTEXT_LINES
    head = context if keep_before else 0  # words right after the previous change
    tail = context if keep_after else 0  # words right before the next change
    counts = _WORD.search if unit == "word" else str.strip
    words = [i for i, token in enumerate(tokens) if counts(token)]
    skipped = len(words) - head - tail
    if skipped < 2 * context:  # little to gain: show it all
        return [TextSegment("equal", "".join(tokens))]
    start = words[head]
    end = words[len(words) - tail] if tail else len(tokens)
    segments = []
    if tokens[:start]:
        segments.append(TextSegment("equal", "".join(tokens[:start])))
    segments.append(TextSegment("skip", f"{skipped} unchanged {unit}s"))
    if tokens[end:]:
        segments.append(TextSegment("equal", "".join(tokens[end:])))
    return segments
