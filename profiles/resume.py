"""JSON Resume (resume.json, schema 1.0.0) in and out.

A résumé starts a skill profile (`resume_import`), and a profile exports as a résumé
(`resume_from_document`) so experts can use JSON Resume's themes. Nothing here touches the
database: the import page previews what `resume_import` returns and saves its document through
services.profile_replace_from_document once the person confirms.

In: what maps where
    basics.label                    → headline (without one, the first line of basics.summary)
    basics.summary                  → bio
    basics.timezone, or basics.location.timezone (not in the JSON Resume schema, but some
                                      tools add it) → availability.timezone
    skills[].name                   → domains
    skills[].level                  → domain_depth: Beginner, Novice, Basic or Familiar 1;
                                      Intermediate or Working 2; Advanced, Proficient or
                                      Experienced 3; Expert 4; Master or Authority 5; also
                                      "1" to "5" and "4/5". Another level gives no depth.
    skills[].keywords               → tools; a skill named "Strengths" or "Tools" without a
                                      level gives its keywords to strengths or tools instead
                                      (that is how the export writes them)
    certificates[].name (+ issuer)  → credentials, as "name (issuer)"
    projects[] with a url           → work_samples: name → title, url → link, and type → type
                                      when it is one of ours ("test plan" → test_plan)
Everything else — work, education, contact details, location, languages, dates, ... — is
left out, and each is listed with the reason. A value too long for its field is shortened at
a word, ending in "…"; entries past a list's limit, repeated entries and values the skill-profile
validator refuses (a web address without a valid host, an unknown time zone) are left out with
the reason. So the document either passes document_errors() or is None, with `problems`
saying why: a profile needs a headline and at least one domain.

Out: basics (name, label = headline, email, summary = bio); skills (each domain, with its
depth as a level, then "Strengths" and "Tools" with their entries as keywords); certificates
(credentials); projects (work samples: name, url, type); meta (version: the schema's,
"v1.0.0"; lastModified when given).
Availability, declined topics, the hourly rate and visibility have no place in a résumé and
stay in the skill-profile export. Web addresses are written in their ASCII form (an
internationalised host in punycode, other characters percent-encoded), as the résumé schema's
"uri" format asks.
"""

import json
import re
import unicodedata
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.utils.encoding import iri_to_uri

from profiles.schema import (
    SCHEMA,
    WORK_SAMPLE_TYPES,
    DocumentError,
    PathParts,
    document_errors,
    json_path,
    max_items,
)
from profiles.shape import DEFAULT_DEPTH, DEPTH_LABELS

RESUME_SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
RESUME_SCHEMA_VERSION = "v1.0.0"
# The top-level sections of the JSON Resume schema; none of them is a skill-profile field.
RESUME_SECTIONS = (
    "basics",
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
    "meta",
)
PROFILE_REQUIRED = tuple(SCHEMA["required"])

LEVEL_WORDS = {
    1: ("beginner", "novice", "basic", "familiar"),
    2: ("intermediate", "working"),
    3: ("advanced", "proficient", "experienced"),
    4: ("expert",),
    5: ("master", "authority"),
}
LEVEL_DEPTHS = {word: depth for depth, words in LEVEL_WORDS.items() for word in words}
_LEVEL_NUMBER = re.compile(r"([1-5])(?:\s*(?:/|of|out of)\s*5)?")
# Skill entries the export writes for two lists a résumé has no section for.
SKILL_GROUPS = {"strengths": "Strengths", "tools": "Tools"}


def _max_length(*keys: str) -> int:
    node = SCHEMA
    for key in keys:
        node = node[key]
    return node["maxLength"]


HEADLINE_MAX = _max_length("properties", "headline")
BIO_MAX = _max_length("properties", "bio")
TITLE_MAX = _max_length("$defs", "work_sample", "properties", "title")
LINK_MAX = _max_length("$defs", "work_sample", "properties", "link")
STRING_LIST_KEYS = ("domains", "strengths", "credentials", "tools")
ENTRY_MAX = {key: _max_length("properties", key, "items") for key in STRING_LIST_KEYS[1:]}
ENTRY_MAX["domains"] = _max_length("$defs", "domain_name")
LIST_WORDS = {key: key.replace("_", " ") for key in (*STRING_LIST_KEYS, "work_samples")}

SECTION_REASONS = {
    "work": "a skill profile has no employment history; link work that shows your reasoning "
    "as a work sample",
    "volunteer": "a skill profile has no volunteering history",
    "education": "a skill profile has no education history; add the degrees you want to show "
    "as credentials in the editor",
    "awards": "a skill profile has no awards",
    "publications": "a skill profile has no publications; add the ones that show your work as "
    "work samples in the editor",
    "languages": "a skill profile has no languages",
    "interests": "a skill profile has no interests",
    "references": "a skill profile has no references",
    "meta": "it describes the file, not you",
    "$schema": "it describes the file, not you",
}
BASICS_REASONS = {
    "name": "your name comes from your account",
    "email": "your email address comes from your account",
    "phone": "a skill profile has no contact details",
    "url": "a skill profile has no home page; add it as a work sample if it shows your work",
    "image": "a skill profile has no picture",
    "profiles": "a skill profile has no social network links",
    "location": "a skill profile keeps your time zone, not where you live",
}
ITEM_REASONS = {
    "skills": "a domain is a name and a depth",
    "certificates": "a credential is one line of text",
    "projects": "a work sample is a title, a type and a link",
}
NO_PLACE = "has no place in a skill profile"
# A preview lists this many left-out values; a résumé with thousands of keywords gets a count.
LEFT_OUT_ROWS = 200

_CONTROL_RUN = re.compile(r"[\x00-\x1f\x7f]+")
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_UNREADABLE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
_WEB_SCHEME = re.compile(r"https?://", re.IGNORECASE)
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def is_json_resume(document: Any) -> bool:
    """A JSON Resume rather than a skill profile: it says so in `$schema`, or it has a résumé
    section and neither of a skill profile's required fields."""
    if not isinstance(document, dict):
        return False
    declared = document.get("$schema")
    if isinstance(declared, str) and "jsonresume" in declared.casefold():
        return True
    return not any(key in document for key in PROFILE_REQUIRED) and any(
        key in document for key in RESUME_SECTIONS
    )


def depth_of_level(level: str) -> int | None:
    """A skill's level as a depth 1-5, or None when it names none we know."""
    key = " ".join(level.split()).casefold()
    if key in LEVEL_DEPTHS:
        return LEVEL_DEPTHS[key]
    number = _LEVEL_NUMBER.fullmatch(key)
    return int(number[1]) if number else None


def level_of_depth(depth: int) -> str:
    return DEPTH_LABELS[depth].capitalize()


# --- In ---------------------------------------------------------------------------------------


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


def _sample_words(value: tuple[str, str, str]) -> str:
    title, link, sample_type = value
    kind = f" ({sample_type.replace('_', ' ')})" if sample_type else ""
    return f"{title}{kind} — {link}"


def _items(draft: _Draft, resume: dict, section: str) -> list[tuple[int, dict]]:
    """The entries of a section that are objects; anything else is left out."""
    value = resume.get(section)
    if value is None:
        return []
    if not isinstance(value, list):
        draft.leave_out(section, value, "is not a list")
        return []
    items = []
    for index, item in enumerate(value):
        if isinstance(item, dict):
            items.append((index, item))
        elif not _empty(item):
            draft.leave_out(_path(section, index), item, "is not an object with named fields")
    return items


def _leave_out_other_fields(
    draft: _Draft, section: str, items: list[tuple[int, dict]], used: tuple[str, ...]
) -> None:
    """One row per field of a section's entries that has no place in the profile."""
    counts: dict[str, int] = {}
    for _index, item in items:
        for key, value in item.items():
            if key not in used and not _empty(value):
                counts[key] = counts.get(key, 0) + 1
    for key, count in counts.items():
        what = f"in {count} of {_entries(len(items))}"
        draft.leave_out(_each(section, key), what, ITEM_REASONS[section])


def _read_basics(draft: _Draft, resume: dict) -> None:
    basics = resume.get("basics")
    if basics is None:
        return
    if not isinstance(basics, dict):
        draft.leave_out("basics", basics, "is not an object with named fields")
        return
    label = draft.text_at(basics, "label", ("basics",))
    label = _one_line(label) if label else ""
    summary = draft.text_at(basics, "summary", ("basics",))
    bio = _paragraphs(summary) if summary else ""
    if label:
        draft.headline = _Entry("basics.label", *_shortened(label, HEADLINE_MAX))
    elif first_line := _one_line(bio.strip().splitlines()[0]) if bio.strip() else "":
        text, note = _shortened(first_line, HEADLINE_MAX)
        draft.headline = _Entry("basics.summary (its first line)", text, note)
    if bio.strip():
        draft.bio = _Entry("basics.summary", *_shortened(bio, BIO_MAX))

    zone, source = draft.text_at(basics, "timezone", ("basics",)), "basics.timezone"
    location = basics.get("location")
    if zone is None and isinstance(location, dict) and "timezone" in location:
        zone = draft.text_at(location, "timezone", ("basics", "location"))
        source = "basics.location.timezone"
        location = {key: value for key, value in location.items() if key != "timezone"}
    if zone and _one_line(zone):
        draft.timezone = _Entry(source, _one_line(zone))

    for key, value in basics.items():
        shown = location if key == "location" else value
        if key in ("label", "summary", "timezone") or _empty(shown):
            continue
        draft.leave_out(_path("basics", key), shown, BASICS_REASONS.get(key, NO_PLACE))


def _read_skills(draft: _Draft, resume: dict) -> None:
    items = _items(draft, resume, "skills")
    for index, skill in items:
        parts = ("skills", index)
        name = draft.text_at(skill, "name", parts)
        name = _one_line(name) if name else ""
        level = draft.text_at(skill, "level", parts)
        keywords = skill.get("keywords")
        if keywords is not None and not isinstance(keywords, list):
            draft.leave_out(_path(*parts, "keywords"), keywords, "is not a list")
            keywords = None
        group = next((k for k, v in SKILL_GROUPS.items() if _folded(v) == _folded(name)), None)
        if group and keywords and not (level and level.strip()):
            _read_keywords(draft, parts, keywords, group)
            continue
        if name:
            text, note = _shortened(name, ENTRY_MAX["domains"])
            domain = _Entry(_path(*parts, "name"), text, note)
            if level and level.strip():
                depth = depth_of_level(level)
                if depth is None:
                    draft.leave_out(
                        _path(*parts, "level"),
                        level,
                        f"not a level we know; the domain gets no depth, which counts as "
                        f"{DEFAULT_DEPTH} ({DEPTH_LABELS[DEFAULT_DEPTH]})",
                    )
                else:
                    same = _folded(level) == DEPTH_LABELS[depth]
                    note = "" if same else f'from "{_shown(level)}"'
                    domain.depth = _Entry(_path(*parts, "level"), depth, note)
            draft.add("domains", domain)
        elif level and level.strip():
            draft.leave_out(_path(*parts, "level"), level, "belongs to a skill without a name")
        if keywords:
            _read_keywords(draft, parts, keywords, "tools")
    _leave_out_other_fields(draft, "skills", items, ("name", "level", "keywords"))


def _read_keywords(draft: _Draft, parts: PathParts, keywords: list, key: str) -> None:
    for index, keyword in enumerate(keywords):
        source = _path(*parts, "keywords", index)
        if not isinstance(keyword, str):
            if not _empty(keyword):
                draft.leave_out(source, keyword, "is not text")
            continue
        text = _one_line(keyword)
        if text:
            draft.add(key, _Entry(source, *_shortened(text, ENTRY_MAX[key])))


def _read_certificates(draft: _Draft, resume: dict) -> None:
    items = _items(draft, resume, "certificates")
    for index, certificate in items:
        parts = ("certificates", index)
        name = draft.text_at(certificate, "name", parts)
        name = _one_line(name) if name else ""
        issuer = draft.text_at(certificate, "issuer", parts)
        issuer = _one_line(issuer) if issuer else ""
        if not name:
            if issuer:
                draft.leave_out(
                    _path(*parts, "issuer"), issuer, "belongs to a certificate without a name"
                )
            continue
        source, note = _path(*parts, "name"), ""
        text = name
        if issuer and _folded(issuer) not in _folded(name):
            with_issuer = f"{name} ({issuer})"
            if len(with_issuer) <= ENTRY_MAX["credentials"]:
                text, source = with_issuer, _path(*parts) + " (name, issuer)"
            else:
                note = "the issuer left out to fit"
        text, shortened = _shortened(text, ENTRY_MAX["credentials"])
        draft.add("credentials", _Entry(source, text, "; ".join(filter(None, (note, shortened)))))
    _leave_out_other_fields(draft, "certificates", items, ("name", "issuer"))


def _sample_type(value: str) -> str:
    key = re.sub(r"[\s-]+", "_", value.strip().casefold())
    return key if key in WORK_SAMPLE_TYPES else ""


def _read_projects(draft: _Draft, resume: dict) -> None:
    items = _items(draft, resume, "projects")
    for index, project in items:
        parts = ("projects", index)
        name = draft.text_at(project, "name", parts)
        name = _one_line(name) if name else ""
        url = draft.text_at(project, "url", parts)
        url = url.strip() if url else ""
        kind = draft.text_at(project, "type", parts) or ""
        if not url:
            draft.leave_out(
                _path(*parts), name or project, "has no url, and a work sample is a link"
            )
            continue
        if not name:
            draft.leave_out(_path(*parts), url, "has no name to use as the work sample's title")
            continue
        scheme = _WEB_SCHEME.match(url)
        if not scheme or any(char.isspace() for char in url):
            draft.leave_out(
                _path(*parts, "url"), url, "is not a web address starting with http:// or https://"
            )
            continue
        if len(url) > LINK_MAX:
            draft.leave_out(_path(*parts, "url"), url, f"is longer than {LINK_MAX} characters")
            continue
        link = scheme[0].lower() + url[scheme.end() :]
        title, note = _shortened(name, TITLE_MAX)
        sample_type = _sample_type(kind) if kind.strip() else ""
        if kind.strip() and not sample_type:
            types = ", ".join(t.replace("_", " ") for t in WORK_SAMPLE_TYPES)
            draft.leave_out(_path(*parts, "type"), kind, f"not a work-sample type ({types})")
        sources = ", ".join(k for k in ("name", "url", "type") if k != "type" or sample_type)
        draft.add(
            "work_samples", _Entry(f"{_path(*parts)} ({sources})", (title, link, sample_type), note)
        )
    _leave_out_other_fields(draft, "projects", items, ("name", "url", "type"))


def resume_import(resume: dict) -> ResumeImport:
    """What a JSON Resume document becomes as a skill profile (see the module docstring)."""
    draft = _Draft()
    _read_basics(draft, resume)
    _read_skills(draft, resume)
    _read_certificates(draft, resume)
    _read_projects(draft, resume)
    for key, value in resume.items():
        if key not in ("basics", "skills", "certificates", "projects") and not _empty(value):
            draft.leave_out(_path(key), value, SECTION_REASONS.get(key, NO_PLACE))

    problems: list[DocumentError] = []
    # Each round leaves out at least one refused value; a few rounds settle any résumé.
    for _round in range(5):
        if draft.headline is None or not draft.lists["domains"]:
            break
        errors = document_errors(draft.document())
        if not errors:
            break
        if not draft.leave_out_refused(errors):
            problems.extend(errors)
            break
    if draft.headline is None:
        problems.append(
            DocumentError(
                ("basics", "label"),
                "is needed for your profile's headline: add a label such as "
                '"Clinical reasoning evaluator" (or a summary, whose first line is used)',
            )
        )
    if not draft.lists["domains"]:
        problems.append(
            DocumentError(
                ("skills",),
                "a profile needs at least one domain: list what you can evaluate as skills, "
                "each with a name",
            )
        )
    document = None
    if not problems:
        document = draft.document()
        problems.extend(document_errors(document))
    return ResumeImport(
        document=None if problems else document,
        mapped=draft.mapped(),
        left_out=draft.left_out_rows(),
        problems=tuple(DocumentError(p.parts, _readable(p.message)) for p in problems),
    )


# --- Out --------------------------------------------------------------------------------------


def resume_link(link: str) -> str:
    """A web address as a URI: an internationalised host in punycode, other characters that
    a URI may not hold percent-encoded."""
    parts = urlsplit(link)
    netloc = parts.netloc
    if not netloc.isascii():
        userinfo, at, host_port = netloc.rpartition("@")
        host, colon, port = host_port.partition(":")
        # A host the idna codec refuses is percent-encoded by iri_to_uri below instead.
        with suppress(UnicodeError):
            host = host.encode("idna").decode("ascii")
        netloc = f"{userinfo}{at}{host}{colon}{port}"
        link = urlunsplit(parts._replace(netloc=netloc))
    return _LONE_PERCENT.sub("%25", iri_to_uri(link))


def resume_from_document(
    document: dict,
    *,
    name: str = "",
    email: str = "",
    last_modified: datetime | None = None,
) -> dict:
    """A skill-profile document as a JSON Resume document (see the module docstring)."""
    basics: dict = {}
    if name:
        basics["name"] = name
    basics["label"] = document["headline"]
    if email:
        basics["email"] = email
    if document.get("bio"):
        basics["summary"] = document["bio"]
    depths = document.get("domain_depth", {})
    skills = []
    for domain in document["domains"]:
        skill = {"name": domain}
        if domain in depths:
            skill["level"] = level_of_depth(depths[domain])
        skills.append(skill)
    for key, group in SKILL_GROUPS.items():
        if document.get(key):
            skills.append({"name": group, "keywords": list(document[key])})
    resume: dict = {"$schema": RESUME_SCHEMA_URL, "basics": basics, "skills": skills}
    if document.get("credentials"):
        resume["certificates"] = [{"name": text} for text in document["credentials"]]
    projects = []
    for sample in document.get("work_samples", []):
        project = {"name": sample["title"], "url": resume_link(sample["link"])}
        if sample.get("type"):
            project["type"] = sample["type"].replace("_", " ")
        projects.append(project)
    if projects:
        resume["projects"] = projects
    meta = {"version": RESUME_SCHEMA_VERSION}
    if last_modified is not None:
        meta["lastModified"] = last_modified.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    resume["meta"] = meta
    return resume
