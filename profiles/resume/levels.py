"""JSON Resume: what the two directions share — recognising a résumé, skill levels and depths,
and the limits of the fields they fill."""

import re
from typing import Any

from profiles.schema import (
    SCHEMA,
)
from profiles.shape import DEPTH_LABELS

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
