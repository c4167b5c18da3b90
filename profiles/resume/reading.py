"""A JSON Resume document as the start of a skill profile, with what maps where and what is
left out (see profiles/resume/__init__.py for the mapping)."""

import re

from profiles.resume.draft import (
    ResumeImport,
    _Draft,
    _each,
    _empty,
    _entries,
    _Entry,
    _folded,
    _one_line,
    _paragraphs,
    _path,
    _readable,
    _shortened,
    _shown,
)
from profiles.resume.levels import (
    _WEB_SCHEME,
    BASICS_REASONS,
    BIO_MAX,
    ENTRY_MAX,
    HEADLINE_MAX,
    ITEM_REASONS,
    LINK_MAX,
    NO_PLACE,
    SECTION_REASONS,
    SKILL_GROUPS,
    TITLE_MAX,
    depth_of_level,
)
from profiles.schema import (
    WORK_SAMPLE_TYPES,
    DocumentError,
    PathParts,
    document_errors,
)
from profiles.shape import DEFAULT_DEPTH, DEPTH_LABELS


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
