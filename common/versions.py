"""Edits based on an old version are refused, never silently overwrite another.

Every editor and import carries, as hidden fields, the version of the thing it was opened at
and a signed note of what it showed (a short digest per field and per list item). A save
raises the version by one only while it is still that version (a conditional UPDATE, so two
saves at once cannot both win); otherwise nothing is written, and the note tells the page which
fields changed since the person opened it.
"""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass

from django import forms
from django.core import signing
from django.db.models import F, Model

# What an editor shows, by the label a person reads: a field's text, or a list's items as text.
Snapshot = dict[str, str | list[str]]

_SALT = "common.versions.snapshot"


class VersionConflict(Exception):
    """Saved elsewhere after the editor loaded `expected_version`; nothing was written."""

    def __init__(self, *, expected_version: int | None, current_version: int):
        self.expected_version = expected_version
        self.current_version = current_version
        self.changes: list[Change] = []
        self.based_on = ""
        super().__init__(f"It is at version {current_version}, not {expected_version}.")


def version_raise(instance: Model, *, expected_version: int | None) -> None:
    """Raise the row's version by one if it is still `expected_version` (None: whatever it is),
    else raise VersionConflict. Call it inside the writing transaction, before the writes: the
    UPDATE holds the row until the transaction ends."""
    rows = type(instance)._default_manager.filter(pk=instance.pk)
    claimed = rows if expected_version is None else rows.filter(version=expected_version)
    if not claimed.update(version=F("version") + 1):
        current = rows.values_list("version", flat=True).first()
        raise VersionConflict(expected_version=expected_version, current_version=current or 0)
    # A later save() of the instance writes this value back, not an older one.
    instance.version = rows.values_list("version", flat=True).get()


def deleted_since(model: type[Model], pk: int) -> bool:
    """Whether no row has this id (any more): an editor posted for it was opened before it was
    deleted, in another tab or by someone else. A row that is there but someone else's is not
    this: its pages still answer 404."""
    return not model._default_manager.filter(pk=pk).exists()


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def snapshot_token(snapshot: Snapshot) -> str:
    """The signed note of a snapshot that an editor carries in its `based_on` field."""
    note = {
        label: [_digest(item) for item in value] if isinstance(value, list) else _digest(value)
        for label, value in snapshot.items()
    }
    return signing.dumps(note, salt=_SALT, compress=True)


def _note(token: str) -> dict:
    try:
        note = signing.loads(token or "", salt=_SALT)
    except (signing.BadSignature, json.JSONDecodeError, UnicodeDecodeError, ValueError):
        return {}  # no note: every field counts as changed
    return note if isinstance(note, dict) else {}


@dataclass(frozen=True)
class Change:
    """One field or list that is not as it was when the editor was opened."""

    label: str
    now: str = ""  # a field's current value
    count: int | None = None  # a list's current number of items
    was_count: int | None = None
    differing: int = 0  # items added, removed or changed

    @property
    def is_list(self) -> bool:
        return self.count is not None


def _list_change(label: str, now: list[str], was) -> Change | None:
    was = was if isinstance(was, list) else []
    current = [_digest(item) for item in now]
    if current == was:
        return None
    added = sum((Counter(current) - Counter(was)).values())
    removed = sum((Counter(was) - Counter(current)).values())
    # Items only reordered differ too, though none was added or removed.
    differing = max(added, removed) or sum(a != b for a, b in zip(current, was, strict=False))
    return Change(label, count=len(now), was_count=len(was), differing=differing)


def changes_since(token: str, current: Snapshot) -> list[Change]:
    """The fields and lists of `current` that differ from the snapshot noted in `token`."""
    note = _note(token)
    changes = []
    for label, value in current.items():
        if isinstance(value, list):
            change = _list_change(label, value, note.get(label))
        else:
            change = None if note.get(label) == _digest(value) else Change(label, now=value)
        if change is not None:
            changes.append(change)
    return changes


def conflict_explained(conflict: VersionConflict, *, based_on: str, current: Snapshot) -> None:
    """Note on the conflict what changed, and the note a renewed editor carries from now on."""
    conflict.changes = changes_since(based_on, current)
    conflict.based_on = snapshot_token(current)


class VersionedForm(forms.Form):
    """A form that carries the version it was based on and the note of what it showed.

    After validation `version` (0 when missing, so a form without one is refused rather
    than trusted) and `based_on` are attributes, not part of `cleaned_data`.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    based_on = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)

    def clean(self):
        cleaned = super().clean()
        self.version = cleaned.pop("version", None) or 0
        self.based_on = cleaned.pop("based_on", "") or ""
        return cleaned


def version_load(form: forms.Form, *, version: int, snapshot: Snapshot) -> None:
    """Start an unbound form from the saved thing at `version`, which looks like `snapshot`."""
    form.initial = {**form.initial, "version": version, "based_on": snapshot_token(snapshot)}


def version_rebase(form: forms.Form, conflict: VersionConflict) -> None:
    """A refused form, shown again with the person's input, now based on the current version:
    saving it again replaces what changed, knowingly."""
    form.data = form.data.copy()
    form.data[form.add_prefix("version")] = str(conflict.current_version)
    form.data[form.add_prefix("based_on")] = conflict.based_on


def conflict_shown(form: VersionedForm, conflict: VersionConflict, current: Snapshot):
    """Ready a refused form to be shown again: what changed noted on the conflict, the form
    based on the current version. Returns the conflict, for the page."""
    conflict_explained(conflict, based_on=form.based_on, current=current)
    version_rebase(form, conflict)
    return conflict
