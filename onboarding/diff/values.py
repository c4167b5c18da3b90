"""What changed in one value of a snapshot, down nested objects and lists: its path in
words, the kind of change and both values as a reviewer reads them."""

import difflib
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from django.template.defaultfilters import filesizeformat

from onboarding.diff.text import TextSegment, text_diff

# Kinds of change to one value.
ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"  # a short value: old → new
TEXT = "text"  # a long text: see `segments`
ITEMS = "items"  # a list of plain values: see `added_items` and `removed_items`
REORDERED = "reordered"  # the same items in another order
FILE_REPLACED = "file_replaced"  # a file with different content (SHA-256)
ChangeKind = Literal["added", "removed", "changed", "text", "items", "reordered", "file_replaced"]

# A string longer than this, or with a line break, is diffed word by word.
LONG_TEXT = 80
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
class ValuePath:
    """Where a value sits, for machines (parts) and for people (labels)."""

    parts: tuple[str | int, ...] = ()
    labels: tuple[str, ...] = ()
    # The key the value sits under, to name the entries of a list ("items" → "Item 3").
    last_key: str = ""

    def key(self, key: Any) -> "ValuePath":
        key = str(key)
        return ValuePath((*self.parts, key), (*self.labels, field_label(key)), key)

    def index(self, index: int, label: str) -> "ValuePath":
        return ValuePath((*self.parts, index), (*self.labels, label))

    @property
    def text(self) -> str:
        out = ""
        for part in self.parts:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        return out

    @property
    def label(self) -> str:
        return " › ".join(self.labels) or "Whole document"


def diff_values(old: Any, new: Any, path: ValuePath) -> list[FieldChange]:
    """Every change from `old` to `new`, the value at `path` (none when they read the same)."""
    if _same(old, new) or (is_blank(old) and is_blank(new)):
        return []
    if _is_file(old) or _is_file(new):
        return _diff_file(old, new, path)
    # Compare a missing object or list with a present one part by part.
    if isinstance(new, dict) and is_blank(old):
        old = {}
    if isinstance(old, dict) and is_blank(new):
        new = {}
    if isinstance(new, list) and is_blank(old):
        old = []
    if isinstance(old, list) and is_blank(new):
        new = []
    if isinstance(old, dict) and isinstance(new, dict):
        return diff_objects(old, new, path)
    if isinstance(old, list) and isinstance(new, list):
        return _diff_lists(old, new, path)
    if is_blank(old):
        return [_change(path, ADDED, old, new)]
    if is_blank(new):
        return [_change(path, REMOVED, old, new)]
    if isinstance(old, str) and isinstance(new, str) and _is_long(old, new):
        return [_change(path, TEXT, old, new, segments=text_diff(old, new))]
    return [_change(path, CHANGED, old, new)]


def diff_objects(old: dict, new: dict, path: ValuePath) -> list[FieldChange]:
    """Key by key, in the order the keys first appear (old, then new)."""
    changes = []
    for key in dict.fromkeys([*old, *new]):
        changes += diff_values(old.get(key), new.get(key), path.key(key))
    return changes


def _diff_lists(old: list, new: list, path: ValuePath) -> list[FieldChange]:
    if all(is_scalar(v) for v in old) and all(is_scalar(v) for v in new):
        return _diff_plain_lists(old, new, path)
    if all(isinstance(v, dict) for v in old) and all(isinstance(v, dict) for v in new):
        return _diff_object_lists(old, new, path)
    return [_change(path, CHANGED, old, new)]  # a mixed list: show it whole


def _diff_plain_lists(old: list, new: list, path: ValuePath) -> list[FieldChange]:
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


def _diff_object_lists(old: list[dict], new: list[dict], path: ValuePath) -> list[FieldChange]:
    entry = _ENTRY_NAMES.get(path.last_key, "Entry")
    natural = _natural_key(old, new)
    changes: list[FieldChange] = []
    if natural is not None:
        old_by = {item[natural]: item for item in old}
        new_by = {item[natural]: item for item in new}
        for index, item in enumerate(new):
            at = path.index(index, _entry_label(entry, natural, item, index))
            if item[natural] in old_by:
                changes += diff_values(old_by[item[natural]], item, at)
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
            changes += diff_values(old[i1 + offset], new[j1 + offset], at)
        for j in range(j1 + paired, j2):
            changes.append(_change(path.index(j, f"{entry} {j + 1}"), ADDED, None, new[j]))
        for i in range(i1 + paired, i2):
            changes.append(_change(path.index(i, f"{entry} {i + 1} (before)"), REMOVED, old[i]))
    return changes


def _natural_key(old: list[dict], new: list[dict]) -> str | None:
    for key in _NATURAL_KEYS:
        for items in (old, new):
            values = [item.get(key) for item in items]
            if not all(is_scalar(v) and not is_blank(v) for v in values):
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
        return f"“{shorten(named, 60)}”" if named.strip() else f"{entry} {index + 1}"
    return f"“{shorten(str(item[natural]), 60)}”"


def _diff_file(old: Any, new: Any, path: ValuePath) -> list[FieldChange]:
    if not (_is_file(old) and _is_file(new)):
        kind = ADDED if is_blank(old) else REMOVED if is_blank(new) else CHANGED
        return [_change(path, kind, old, new)]
    if old.get("sha256") != new.get("sha256"):
        return [_change(path, FILE_REPLACED, old, new)]
    # Same bytes: a new upload of the same file is no change, unless it was renamed.
    return diff_values(old.get("name"), new.get("name"), path.key("name"))


def _change(
    path: ValuePath, kind: ChangeKind, old: Any = None, new: Any = None, **extra
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


def is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def is_blank(value: Any) -> bool:
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


def field_label(key: Any) -> str:
    key = str(key)
    return _FIELD_LABELS.get(key) or (key.replace("_", " ").strip().capitalize() or "(blank)")


def shorten(text: str, limit: int = MAX_DISPLAY) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _display(value: Any) -> str:
    """A value as a reviewer reads it: text as is, yes/no, lists joined, objects named."""
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return shorten(value)
    if isinstance(value, int | float):
        return str(value)
    if _is_file(value):
        details = [str(value.get("name") or "unnamed file")]
        if isinstance(value.get("size"), int) and not isinstance(value["size"], bool):
            details.append(filesizeformat(value["size"]))
        if isinstance(value.get("sha256"), str) and value["sha256"]:
            details.append(f"SHA-256 {value['sha256'][:12]}…")  # enough to tell files apart
        return shorten(", ".join(details))
    if isinstance(value, list):
        return shorten(", ".join(_display(v) for v in value))
    if isinstance(value, dict):
        for key in _NAMING_KEYS:
            if isinstance(value.get(key), str) and value[key].strip():
                return shorten(value[key])
        return shorten(
            "; ".join(f"{field_label(k)}: {_display(v)}" for k, v in value.items() if v != "")
        )
    return shorten(repr(value))
