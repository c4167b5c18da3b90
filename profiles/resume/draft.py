"""What reading a résumé builds: the skill-profile document being drafted, each value with
where it came from, and what is left out with the reason."""

import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from profiles.resume.levels import (
    _CONTROL_RUN,
    _SURROGATE,
    _TEXT_CONTROL,
    _UNREADABLE,
    LEFT_OUT_ROWS,
    LIST_WORDS,
)
from profiles.schema import (
    DocumentError,
    PathParts,
    json_path,
    max_items,
)
from profiles.shape import DEPTH_LABELS


@dataclass(frozen=True)
class MappedValue:
    """One row of the preview: where in the résumé, where in the profile, what is saved."""

    source: str
    target: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class LeftOut:
    """Something in the résumé that the profile will not have, and why."""

    source: str
    what: str
    reason: str


@dataclass(frozen=True)
class ResumeImport:
    """What a résumé becomes: a valid skill-profile document, or None and the problems."""

    document: dict | None
    mapped: tuple[MappedValue, ...]
    left_out: tuple[LeftOut, ...]
    problems: tuple[DocumentError, ...] = ()

    @property
    def document_text(self) -> str:
        """The document as one line of JSON, for the preview's confirm form to post back: what
        is saved is exactly what the preview showed."""
        if self.document is None:
            return ""
        return json.dumps(self.document, ensure_ascii=False, separators=(",", ":"))


def _readable(text: str) -> str:
    # Shown on a page or a terminal: a broken character must not break the response.
    return _UNREADABLE.sub("\ufffd", text)


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def _shown(value: Any, limit: int = 60) -> str:
    if isinstance(value, list):
        return _entries(len(value))
    if isinstance(value, dict):
        return f"{len(value)} field{'' if len(value) == 1 else 's'}"
    text = value if isinstance(value, str) else json.dumps(value)
    text = _readable(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)


def _one_line(text: str) -> str:
    """Text as one line the validator takes: line breaks and other control characters become
    a space, broken characters go, no spaces around; anything already valid stays as it is."""
    return _CONTROL_RUN.sub(" ", _SURROGATE.sub("", text)).strip()


def _paragraphs(text: str) -> str:
    """Text as a bio the validator takes: line breaks and tabs stay, other control characters
    become a space, broken characters go."""
    return _TEXT_CONTROL.sub(" ", _SURROGATE.sub("", text))


def _shortened(text: str, limit: int) -> tuple[str, str]:
    """Text cut to `limit` characters at a word, ending in "…", and a note saying so."""
    if len(text) <= limit:
        return text, ""
    cut = text[: limit - 1]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…", f"shortened to {limit} characters (it had {len(text)})"


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _path(*parts: str | int) -> str:
    return json_path(parts)


def _each(section: str, key: str) -> str:
    """skills[].name: a field of every entry of a section."""
    return f"{section}[]" + json_path((section, key))[len(section) :]


def _sample_words(value: tuple[str, str, str]) -> str:
    title, link, sample_type = value
    kind = f" ({sample_type.replace('_', ' ')})" if sample_type else ""
    return f"{title}{kind} — {link}"


@dataclass
class _Entry:
    source: str
    value: Any  # text, or (title, link, type) for a work sample
    note: str = ""
    depth: "_Entry | None" = None  # a domain's depth


@dataclass
class _Draft:
    """The profile being put together, with where each value came from."""

    headline: _Entry | None = None
    bio: _Entry | None = None
    timezone: _Entry | None = None
    lists: dict[str, list[_Entry]] = field(default_factory=lambda: {key: [] for key in LIST_WORDS})
    left_out: list[LeftOut] = field(default_factory=list)
    more_left_out: int = 0  # rows past LEFT_OUT_ROWS, counted rather than listed
    overflow: dict[str, list[str]] = field(default_factory=dict)  # list -> sources past its limit

    def leave_out(self, source: str, value: Any, reason: str) -> None:
        if len(self.left_out) >= LEFT_OUT_ROWS:
            self.more_left_out += 1
            return
        self.left_out.append(LeftOut(_readable(source), _shown(value), reason))

    def left_out_rows(self) -> tuple[LeftOut, ...]:
        rows = list(self.left_out)
        for key, sources in self.overflow.items():
            first = _readable(sources[0])
            rows.append(
                LeftOut(
                    f"{first} and {len(sources) - 1} more" if len(sources) > 1 else first,
                    _entries(len(sources)),
                    f"a skill profile lists at most {max_items(key)} {LIST_WORDS[key]}",
                )
            )
        if self.more_left_out:
            rows.append(LeftOut("…", f"{self.more_left_out} more", "not listed one by one"))
        return tuple(rows)

    def text_at(self, holder: dict, key: str, parts: PathParts) -> str | None:
        """holder[key] as text when it is some; a value of another kind is left out."""
        value = holder.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.leave_out(_path(*parts, key), value, "is not text")
            return None
        return value

    def add(self, key: str, entry: _Entry) -> None:
        """Append to a list within its limit; the rest is counted in `overflow`."""
        entries = self.lists[key]
        if len(entries) >= max_items(key):
            self.overflow.setdefault(key, []).append(entry.source)
            return
        # Text entries are listed once, whatever their case; the schema lets a work sample repeat.
        if key != "work_samples":
            for earlier in entries:
                if _folded(earlier.value) == _folded(entry.value):
                    self.leave_out(entry.source, entry.value, f"repeats {earlier.source}")
                    return
        entries.append(entry)

    def document(self) -> dict:
        assert self.headline is not None
        document: dict = {"headline": self.headline.value}
        if self.bio:
            document["bio"] = self.bio.value
        document["domains"] = [entry.value for entry in self.lists["domains"]]
        depths = {e.value: e.depth.value for e in self.lists["domains"] if e.depth is not None}
        if depths:
            document["domain_depth"] = depths
        for key in ("strengths", "credentials", "tools"):
            if self.lists[key]:
                document[key] = [entry.value for entry in self.lists[key]]
        if self.timezone:
            document["availability"] = {"timezone": self.timezone.value}
        samples = []
        for entry in self.lists["work_samples"]:
            title, link, sample_type = entry.value
            samples.append(
                {"title": title, "type": sample_type, "link": link}
                if sample_type
                else {"title": title, "link": link}
            )
        if samples:
            document["work_samples"] = samples
        return document

    def leave_out_refused(self, errors: list[DocumentError]) -> bool:
        """Leave out what the validator refuses; False when that would leave no profile."""
        refused: dict[str, set[int]] = {}
        for error in errors:
            head, rest = (error.parts[0], error.parts[1:]) if error.parts else ("", ())
            if head in self.lists and rest and isinstance(rest[0], int):
                refused.setdefault(head, set()).add(rest[0])
            elif head == "domain_depth" and rest:
                for entry in self.lists["domains"]:
                    if entry.value == rest[0] and entry.depth is not None:
                        self.leave_out(entry.depth.source, entry.depth.value, error.message)
                        entry.depth = None
            elif head == "availability" and self.timezone is not None:
                self.leave_out(self.timezone.source, self.timezone.value, error.message)
                self.timezone = None
            elif head == "bio" and self.bio is not None:
                self.leave_out(self.bio.source, self.bio.value, error.message)
                self.bio = None
            else:
                return False
        for key, indexes in refused.items():
            messages = {e.parts[1]: e.message for e in errors if e.parts[:1] == (key,)}
            for index in sorted(indexes, reverse=True):
                entry = self.lists[key].pop(index)
                value = _sample_words(entry.value) if key == "work_samples" else entry.value
                self.leave_out(entry.source, value, messages[index])
        return True

    def mapped(self) -> tuple[MappedValue, ...]:
        rows: list[MappedValue] = []
        if self.headline:
            rows.append(_row(self.headline, "headline"))
        if self.bio:
            rows.append(_row(self.bio, "bio"))
        for index, entry in enumerate(self.lists["domains"]):
            rows.append(_row(entry, f"domains[{index}]"))
            if entry.depth is not None:
                depth = entry.depth.value
                rows.append(
                    MappedValue(
                        entry.depth.source,
                        _path("domain_depth", entry.value),
                        f"{depth} ({DEPTH_LABELS[depth]})",
                        entry.depth.note,
                    )
                )
        for key in ("strengths", "credentials", "tools"):
            for index, entry in enumerate(self.lists[key]):
                rows.append(_row(entry, f"{key}[{index}]"))
        if self.timezone:
            rows.append(_row(self.timezone, "availability.timezone"))
        for index, entry in enumerate(self.lists["work_samples"]):
            rows.append(
                MappedValue(
                    entry.source, f"work_samples[{index}]", _sample_words(entry.value), entry.note
                )
            )
        return tuple(rows)


def _row(entry: _Entry, target: str) -> MappedValue:
    return MappedValue(entry.source, target, entry.value, entry.note)
