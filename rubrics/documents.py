"""The rubric document: the YAML form of a rubric, read and written safely.

The format is that of examples/reasoning-rubric.seed.yaml:

    rubric:
      title: "..."          # optional
      objective: "..."
      pass_score: 3         # optional
      scale:
        - score: 5
          criteria: ["...", "..."]
      disallow: ["..."]     # optional
      sources: "..."        # optional

Optional keys are written only when set, so the seed exports back unchanged.
Reading refuses, before anything is built: more than 64 KB, text that is not
UTF-8, anchors and aliases (no alias bombs), any tag beyond plain strings,
numbers, booleans, nulls, lists and mappings (no python/... objects), duplicate
keys and deep nesting. Only then does yaml.safe_load build the data.
"""

from typing import Any

import yaml
from django.core.exceptions import ValidationError

from common.text import NotUtf8, TextTooLarge, decode_text
from common.yamlscreen import (
    ALIAS,
    ANCHOR,
    DEPTH,
    DOCUMENTS,
    KEY_NOT_TEXT,
    PLAIN_TAGS,
    PYTHON_TAG,
    TAG,
    Screen,
    YamlRefused,
    screen_yaml,
)
from rubrics.content import LevelContent, RubricContent, clean_block, clean_line
from rubrics.validators import Path, Problem, RubricInvalid, format_path, rubric_problems

MAX_BYTES = 64 * 1024
MAX_DEPTH = 8
ROOT_KEY = "rubric"
BODY_KEYS = ("title", "objective", "pass_score", "scale", "disallow", "sources")
LEVEL_KEYS = ("score", "criteria")


# --- Reading -------------------------------------------------------------------------


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, code="unreadable")


def decode(source: str | bytes) -> str:
    """The text of an upload or a paste, within the size limit."""
    try:
        return decode_text(source, limit=MAX_BYTES)
    except TextTooLarge as error:
        raise _refuse(
            f"The YAML is {error.size:,} bytes; the limit is {MAX_BYTES // 1024} KB "
            f"({MAX_BYTES:,} bytes)."
        ) from None
    except NotUtf8 as error:
        raise _refuse(f"The file is not UTF-8 text (byte {error.byte} cannot be read).") from None


# What a rubric may hold: plain data in one document, no anchors, aliases or other tags.
_RUBRIC_SCREEN = Screen(
    tags=PLAIN_TAGS,
    aliases=False,
    anchors=False,
    one_document=True,
    max_depth=MAX_DEPTH,
    text_keys=True,
)


def _refusal_text(refused: YamlRefused) -> str:
    where = f"line {refused.line}, column {refused.column}"
    if refused.reason == DOCUMENTS:
        return f"{where}: put one rubric in one YAML document."
    where = f"{where} ({format_path(refused.path)})"
    if refused.reason == ALIAS:
        return f"{where}: YAML aliases (*{refused.name}) are not allowed."
    if refused.reason == ANCHOR:
        return f"{where}: YAML anchors (&{refused.name}) are not allowed."
    if refused.reason in (TAG, PYTHON_TAG):
        return (
            f"{where}: the tag {refused.name[:60]} is not allowed; use plain text, numbers "
            "and lists."
        )
    if refused.reason == KEY_NOT_TEXT:
        return f"{where}: keys must be plain text."
    if refused.reason == DEPTH:
        return f"{where}: the YAML is nested too deeply."
    return f"{where}: the key {refused.name[:40]!r} appears twice."


def _screen(text: str) -> None:
    """Walk the YAML events (nothing is built yet) and refuse what safe data never needs."""
    try:
        # The pure-Python reader: its errors name the character and position it refuses.
        screen_yaml(text, _RUBRIC_SCREEN, loader=yaml.SafeLoader)
    except YamlRefused as refused:
        raise _refuse(_refusal_text(refused)) from None
    except yaml.YAMLError as error:
        raise _refuse(_yaml_error_text(error)) from error


def _yaml_error_text(error: yaml.YAMLError) -> str:
    if isinstance(error, yaml.reader.ReaderError):
        return (
            f"The text holds a character YAML does not allow (U+{error.character:04X} at "
            f"character {error.position + 1})."
            if isinstance(error.character, int)
            else "The text cannot be read as YAML."
        )
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    if mark is not None:
        where = f"line {mark.line + 1}, column {mark.column + 1}"
        return f"{where}: this is not valid YAML ({problem})."
    return f"This is not valid YAML ({problem})."


def load(source: str | bytes) -> Any:
    """Safe, screened YAML data from an upload or a paste; ValidationError otherwise."""
    text = decode(source)
    _screen(text)
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise _refuse(_yaml_error_text(error)) from error
    except (ValueError, OverflowError) as error:
        # A date or number the YAML resolver recognised but Python cannot hold.
        raise _refuse(
            "A number or date is out of range. If it is meant as text, put it in quotes."
        ) from error


# --- From data to content ------------------------------------------------------------------


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "a " + type(value).__name__


class _Reader:
    """Reads the document's shapes, collecting every problem with its path."""

    def __init__(self):
        self.problems: list[Problem] = []

    def fail(self, path: Path, message: str) -> None:
        self.problems.append(Problem(path, message))

    def mapping(self, value: Any, path: Path, allowed: tuple[str, ...]) -> dict | None:
        if not isinstance(value, dict):
            keys = ", ".join(allowed)
            self.fail(path, f"Expected a mapping with the keys {keys}, found {_type_name(value)}.")
            return None
        for key in value:
            if key not in allowed:
                self.fail(
                    (*path, str(key)),
                    f"Unknown key; the keys here are {', '.join(allowed)}.",
                )
        return value

    def text(self, value: Any, path: Path, *, block: bool = False, default: str | None = None):
        if value is None and default is not None:
            return default
        if not isinstance(value, str):
            self.fail(path, f"Expected text, found {_type_name(value)} (put it in quotes).")
            return None
        return clean_block(value) if block else clean_line(value)

    def whole_number(self, value: Any, path: Path) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, f"Expected a whole number, found {_type_name(value)}.")
            return None
        return value

    def text_list(self, value: Any, path: Path) -> tuple[str, ...] | None:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(path, f"Expected a list, found {_type_name(value)}.")
            return None
        texts = [self.text(item, (*path, index)) for index, item in enumerate(value)]
        return None if None in texts else tuple(texts)

    def level(self, value: Any, path: Path) -> LevelContent | None:
        body = self.mapping(value, path, LEVEL_KEYS)
        if body is None:
            return None
        for key in LEVEL_KEYS:
            if key not in body:
                self.fail(path, f"The key {key} is missing.")
        if any(key not in body for key in LEVEL_KEYS):
            return None
        score = self.whole_number(body["score"], (*path, "score"))
        criteria = self.text_list(body["criteria"], (*path, "criteria"))
        if score is None or criteria is None:
            return None
        return LevelContent(score=score, criteria=criteria)

    def body(self, body: dict, path: Path) -> dict:
        """The keys of a rubric body that are present, converted."""
        values: dict[str, Any] = {}
        if "title" in body:
            values["title"] = self.text(body["title"], (*path, "title"), default="")
        if "objective" in body:
            values["objective"] = self.text(body["objective"], (*path, "objective"), block=True)
        if "sources" in body:
            values["sources"] = self.text(
                body["sources"], (*path, "sources"), block=True, default=""
            )
        if "pass_score" in body and body["pass_score"] is not None:
            values["pass_score"] = self.whole_number(body["pass_score"], (*path, "pass_score"))
        if "scale" in body:
            scale = body["scale"]
            if not isinstance(scale, list):
                found = _type_name(scale)
                self.fail((*path, "scale"), f"Expected a list of levels, found {found}.")
                values["scale"] = None
            else:
                levels = [
                    self.level(item, (*path, "scale", index)) for index, item in enumerate(scale)
                ]
                values["scale"] = None if None in levels else tuple(levels)
        if "disallow" in body:
            values["disallow"] = self.text_list(body["disallow"], (*path, "disallow"))
        return values


def content_from_data(data: Any) -> RubricContent:
    """A rubric document (already loaded) as content, or RubricInvalid naming every problem."""
    reader = _Reader()
    top = reader.mapping(data, (), (ROOT_KEY,)) if data is not None else None
    if data is None:
        reader.fail((), "The document is empty; it needs a rubric: mapping.")
    if top is not None and ROOT_KEY not in top:
        reader.fail((), "The key rubric is missing.")
    if reader.problems:
        raise RubricInvalid(reader.problems)
    root: Path = (ROOT_KEY,)
    body = reader.mapping(top[ROOT_KEY], root, BODY_KEYS)
    if body is None:
        raise RubricInvalid(reader.problems)
    values = reader.body(body, root)
    for key in ("objective", "scale"):
        if key not in body:
            reader.fail(root, f"The key {key} is missing.")
    if reader.problems:
        raise RubricInvalid(reader.problems)
    content = RubricContent(
        title=values.get("title", ""),
        objective=values["objective"],
        pass_score=values.get("pass_score"),
        levels=values["scale"],
        disallowed=values.get("disallow", ()),
        sources=values.get("sources", ""),
    )
    problems = rubric_problems(content)
    if problems:
        raise RubricInvalid(problems, root)
    return content


def scale_from_data(data: Any) -> tuple[tuple[LevelContent, ...], tuple[str, ...]]:
    """The admin's scale field: a mapping with scale (and optionally disallow), shapes only."""
    reader = _Reader()
    body = reader.mapping(data, (), ("scale", "disallow"))
    if body is not None and "scale" not in body:
        reader.fail((), "The key scale is missing.")
    values = reader.body(body, ()) if body is not None else {}
    if reader.problems:
        raise RubricInvalid(reader.problems)
    return values["scale"], values.get("disallow", ())


def content_from_yaml(source: str | bytes) -> RubricContent:
    """Everything from raw YAML to valid content. Raises ValidationError, nothing else."""
    return content_from_data(load(source))


# --- Writing -------------------------------------------------------------------------


def document_from_content(content: RubricContent) -> dict:
    """The rubric as plain data in the document's shape; optional keys only when set."""
    body: dict[str, Any] = {}
    if content.title:
        body["title"] = content.title
    body["objective"] = content.objective
    if content.pass_score is not None:
        body["pass_score"] = content.pass_score
    body["scale"] = [
        {"score": level.score, "criteria": list(level.criteria)} for level in content.levels
    ]
    if content.disallowed:
        body["disallow"] = list(content.disallowed)
    if content.sources:
        body["sources"] = content.sources
    return {ROOT_KEY: body}


def scale_document(content: RubricContent) -> dict:
    document = document_from_content(content)[ROOT_KEY]
    return {key: document[key] for key in ("scale", "disallow") if key in document}


class _Dumper(yaml.SafeDumper):
    """Writes the seed's layout: lists indented under their key, text in double quotes."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)

    def represent_mapping(self, tag, mapping, flow_style=None):
        node = super().represent_mapping(tag, mapping, flow_style)
        for key_node, _value_node in node.value:
            key_node.style = None  # keys stay plain: objective, not "objective"
        return node


def _represent_text(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def dump(data: dict) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1 << 16,
    )


def yaml_from_content(content: RubricContent) -> str:
    return dump(document_from_content(content))
