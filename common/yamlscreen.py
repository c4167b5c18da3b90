"""The YAML safety screen: walk a text's parse events, before anything is built, and refuse
what safe data never needs. Only PyYAML's safe loaders are used here and after it.

Each caller says how strict it is (a rubric wants plain data in one document; an uploaded file
may use anything yaml.safe_load builds) and words the refusal for its page.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

# The C parser when PyYAML has it: it reads megabytes in a fraction of a second.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_CORE = "tag:yaml.org,2002:"
# Plain data: text, numbers, booleans, nulls, lists and mappings.
PLAIN_TAGS = frozenset(
    f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
)
# What yaml.safe_load constructs ("!" is the non-specific tag of a quoted scalar).
SAFE_LOAD_TAGS = PLAIN_TAGS | frozenset(
    ["!"]
    + [f"{_CORE}{name}" for name in ("binary", "timestamp", "value")]
    + [f"{_CORE}{name}" for name in ("set", "omap", "pairs", "merge")]
)

# Why a text was refused; YamlRefused.reason is one of these.
ALIAS = "alias"
ANCHOR = "anchor"
TAG = "tag"
PYTHON_TAG = "python_tag"
DOCUMENTS = "documents"
DEPTH = "depth"
KEY_NOT_TEXT = "key_not_text"
REPEATED_KEY = "repeated_key"

Path = tuple[str | int, ...]


class YamlRefused(ValueError):
    """What the screen refused and where: line and column count from 1, `path` leads from the
    top of the document to the node, `name` is the alias, anchor, tag or key concerned."""

    def __init__(self, reason: str, event: yaml.Event, *, path: Path = (), name: str = ""):
        mark = event.start_mark
        self.reason = reason
        self.line = mark.line + 1 if mark is not None else None
        self.column = mark.column + 1 if mark is not None else None
        self.path = path
        self.name = name
        super().__init__(f"{reason} at line {self.line}: {name}")


@dataclass(slots=True)
class _Frame:
    path: Path
    is_map: bool
    index: int = 0
    key: str | None = None
    expecting_key: bool = True
    keys_seen: set[str] = field(default_factory=set)

    def child_path(self) -> Path:
        if not self.is_map:
            return (*self.path, self.index)
        return self.path if self.expecting_key else (*self.path, self.key)

    def advance(self) -> None:
        if self.is_map:
            self.expecting_key = not self.expecting_key
        else:
            self.index += 1


@dataclass(frozen=True, slots=True)
class Screen:
    """How strict to be. The defaults accept whatever yaml.safe_load builds."""

    tags: frozenset[str] = SAFE_LOAD_TAGS
    aliases: bool = True
    anchors: bool = True
    one_document: bool = False
    max_depth: int | None = None
    text_keys: bool = False  # mapping keys must be plain scalars, each once


def _events(text: str, loader: type) -> Iterator[yaml.Event]:
    reader = loader(text)  # reading starts here: the pure-Python reader refuses odd characters
    try:
        while reader.check_event():
            yield reader.get_event()
    finally:
        reader.dispose()


def _check_node(screen: Screen, event: yaml.Event, path: Path) -> None:
    if isinstance(event, yaml.AliasEvent):
        if not screen.aliases:
            raise YamlRefused(ALIAS, event, path=path, name=event.anchor)
        return
    if not screen.anchors and event.anchor is not None:
        raise YamlRefused(ANCHOR, event, path=path, name=event.anchor)
    tag = event.tag
    if tag is not None and tag not in screen.tags:
        reason = PYTHON_TAG if tag.startswith(f"{_CORE}python/") else TAG
        raise YamlRefused(reason, event, path=path, name=tag)


def screen_yaml(text: str, screen: Screen = Screen(), *, loader: type = SAFE_LOADER) -> None:
    """Raise YamlRefused for the first thing `screen` does not accept; a text that is not
    YAML at all raises the parser's yaml.YAMLError. Nothing is built."""
    stack: list[_Frame] = []
    documents = 0
    for event in _events(text, loader):
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if screen.one_document and documents > 1:
                raise YamlRefused(DOCUMENTS, event)
            continue
        if not isinstance(event, yaml.NodeEvent | yaml.CollectionEndEvent):
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            stack.pop()
            if stack:
                stack[-1].advance()
            continue
        top = stack[-1] if stack else None
        path = top.child_path() if top else ()
        _check_node(screen, event, path)
        at_key = top is not None and top.is_map and top.expecting_key
        if isinstance(event, yaml.CollectionStartEvent):
            if screen.text_keys and at_key:
                raise YamlRefused(KEY_NOT_TEXT, event, path=path)
            if screen.max_depth is not None and len(stack) >= screen.max_depth:
                raise YamlRefused(DEPTH, event, path=path)
            stack.append(_Frame(path, isinstance(event, yaml.MappingStartEvent)))
            continue
        if at_key and isinstance(event, yaml.ScalarEvent):
            if screen.text_keys:
                if event.value in top.keys_seen:
                    raise YamlRefused(
                        REPEATED_KEY, event, path=(*top.path, event.value), name=event.value
                    )
                top.keys_seen.add(event.value)
            top.key = event.value
        if top is not None:
            top.advance()
