"""Blind review: with settings.BLIND_REVIEW on, reviewers never learn who the expert is.

Pages, file names and exports a reviewer reaches name a round's expert only through
expert_label(); staff and the expert always see the name. What the expert wrote themselves
may still name them: identity_flags() finds it when a round is frozen, for staff to ask
for a redaction.
"""

import json
from pathlib import PurePosixPath

from django.conf import settings

from profiles.models import User
from profiles.permissions import is_staff

# Shorter names match inside ordinary words ("Al" in "algorithm") and say little anyway.
MIN_NAME_LENGTH = 3


def blind_for(user: User) -> bool:
    """Is the expert's identity hidden from this person? (Their own rounds are read at
    /submit/, never through a blinded view.)"""
    return settings.BLIND_REVIEW and not is_staff(user)


def anonymous_label(submission_id: int) -> str:
    return f"Anonymous expert #{submission_id}"


def expert_label(expert_name: str, submission_id: int, *, blind: bool) -> str:
    return anonymous_label(submission_id) if blind else expert_name


def download_name(original_name: str, sha256: str, *, blind: bool) -> str:
    """A file's name on download: a name chosen by the expert may carry theirs."""
    if not blind:
        return original_name
    suffix = PurePosixPath(original_name).suffix.lower()
    return f"portfolio-file-{sha256[:12]}{suffix}"


def _needles(name: str, email: str) -> list[str]:
    needles = [email.casefold()] if email else []
    needles += [part.casefold() for part in [name, *name.split()] if len(part) >= MIN_NAME_LENGTH]
    return list(dict.fromkeys(needles))


def identity_flags(
    snapshot: dict, *, name: str, email: str, file_texts: dict[str, str] | None = None
) -> list[dict]:
    """Every part of a frozen snapshot whose text holds the expert's name (or one of its
    words) or email: [{"kind", "id", "title", "found"}], the profile as kind "profile".
    An uploaded work sample counts with its file's text (file_texts, by stored file id)."""
    needles = _needles(name, email)
    file_texts = file_texts or {}
    flags = []
    parts = [("profile", None, "Profile", snapshot.get("profile", {}))]
    for kind, artifacts in snapshot.get("artifacts", {}).items():
        parts += [(kind, item.get("id"), item.get("title", ""), item) for item in artifacts]
    for kind, artifact_id, title, data in parts:
        file_id = str((data.get("file") or {}).get("id", "")) if kind == "work_samples" else ""
        text = (json.dumps(data, ensure_ascii=False) + file_texts.get(file_id, "")).casefold()
        found = [needle for needle in needles if needle in text]
        if found:
            flags.append({"kind": kind, "id": artifact_id, "title": title, "found": found})
    return flags


def blind_snapshot(snapshot: dict) -> dict:
    """The snapshot with every uploaded file's name replaced by its blind download name."""
    samples = snapshot.get("artifacts", {}).get("work_samples", [])
    if not any(sample.get("file") for sample in samples):
        return snapshot
    artifacts = {**snapshot["artifacts"], "work_samples": []}
    for sample in samples:
        file = sample.get("file")
        if file:
            name = download_name(file.get("name", ""), file.get("sha256", ""), blind=True)
            sample = {**sample, "file": {**file, "name": name}}
        artifacts["work_samples"].append(sample)
    return {**snapshot, "artifacts": artifacts}


class BlindFile:
    """A stored file as a blind page shows it: everything but its name."""

    def __init__(self, stored_file):
        self._file = stored_file
        self.original_name = download_name(
            stored_file.original_name, stored_file.sha256, blind=True
        )

    def __getattr__(self, name):
        return getattr(self._file, name)
