"""Previews of structured files: JSON, JSON Lines and YAML pretty-printed, a notebook as
its cells."""

import json
from typing import Any

import yaml
from django.template.defaultfilters import filesizeformat

from common.uploads import FileKind
from common.yamlscreen import ALIAS, SAFE_DUMPER, SAFE_LOADER, Screen, YamlRefused, screen_yaml
from portfolio.models import StoredFile
from portfolio.previews.base import (
    CODE,
    NOTEBOOK,
    NOTEBOOK_MAX_CELL_CHARS,
    NOTEBOOK_MAX_CELLS,
    STRUCTURED_MAX_BYTES,
    TEXT_MAX_BYTES,
    YAML_MAX_BYTES,
    NotebookCell,
    Preview,
    _capped,
    _decode,
    _not_text,
    _text,
)

# --- Structured data ------------------------------------------------------------------------


def _too_big_to_format(stored_file: StoredFile, kind: FileKind, data: bytes, limit: int):
    if len(data) > limit:
        note = f"Too large to format (over {filesizeformat(limit)}): the start is shown as text."
        return _text(stored_file, kind, data, note=note)
    return None


def _formatted(stored_file: StoredFile, kind: FileKind, text: str, language: str, note=""):
    text, truncated = _capped(text)
    if truncated:
        note = " ".join(filter(None, [note, "The formatted text is cut short here."]))
    return Preview(
        file=stored_file,
        kind=CODE,
        label=kind.label,
        text=text,
        language=language,
        truncated=truncated,
        note=note,
    )


def _parse_json(text: str) -> tuple[bool, Any]:
    try:
        return True, json.loads(text)
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
        return False, None


def _pretty_json(value: Any) -> str | None:
    try:
        return json.dumps(value, indent=2, ensure_ascii=False)
    except (ValueError, RecursionError):
        return None


def _text_to_format(
    stored_file: StoredFile, kind: FileKind, data: bytes, limit: int
) -> str | Preview:
    """The file's text, or the preview shown instead: too large to format, or not text."""
    too_big = _too_big_to_format(stored_file, kind, data, limit)
    if too_big:
        return too_big
    text = _decode(data, complete=True)
    return _not_text(stored_file, kind) if text is None else text


def _not_valid(stored_file: StoredFile, kind: FileKind, data: bytes, what: str) -> Preview:
    note = f"This cannot be read as {what}, so it is shown as text."
    return _text(stored_file, kind, data, note=note)


def _json(stored_file: StoredFile, kind: FileKind, data: bytes) -> Preview:
    text = _text_to_format(stored_file, kind, data, STRUCTURED_MAX_BYTES)
    if isinstance(text, Preview):
        return text
    ok, value = _parse_json(text)
    pretty = _pretty_json(value) if ok else None
    if pretty is None:
        return _not_valid(stored_file, kind, data, "JSON")
    return _formatted(stored_file, kind, pretty, "json")


def _json_lines(stored_file: StoredFile, kind: FileKind, data: bytes) -> Preview:
    text = _text_to_format(stored_file, kind, data, STRUCTURED_MAX_BYTES)
    if isinstance(text, Preview):
        return text
    records = []
    size = 0
    # Records are formatted only until the preview is full; a broken line anywhere before
    # that shows the file as text instead.
    for line in text.split("\n"):
        if not line.strip():
            continue
        ok, value = _parse_json(line)
        pretty = _pretty_json(value) if ok else None
        if pretty is None:
            return _not_valid(stored_file, kind, data, "JSON Lines")
        records.append(pretty)
        size += len(pretty) + 2
        if size > TEXT_MAX_BYTES:
            break
    if not records:
        return _not_valid(stored_file, kind, data, "JSON Lines")
    # A blank line between records, which JSON Lines itself cannot have.
    return _formatted(stored_file, kind, "\n\n".join(records), "json")


NO_ALIASES = Screen(aliases=False)


def _yaml(stored_file: StoredFile, kind: FileKind, data: bytes) -> Preview:
    text = _text_to_format(stored_file, kind, data, YAML_MAX_BYTES)
    if isinstance(text, Preview):
        return text
    try:
        # Aliases can multiply what a small file builds (merge-key bombs): show those as
        # written. Safe loading only: tags that would build Python objects are refused.
        screen_yaml(text, NO_ALIASES)
        documents = list(yaml.load_all(text, Loader=SAFE_LOADER))
        pretty = yaml.dump_all(
            documents,
            Dumper=SAFE_DUMPER,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=100,
        )
    except YamlRefused as refused:
        if refused.reason != ALIAS:
            return _not_valid(stored_file, kind, data, "YAML")
        return _text(stored_file, kind, data, note="This YAML uses aliases; shown as written.")
    except (yaml.YAMLError, ValueError, RecursionError):
        return _not_valid(stored_file, kind, data, "YAML")
    note = ""
    if any(line.lstrip().startswith("#") for line in text.splitlines()):
        note = "Comments are not shown in the formatted view; download the file to read them."
    return _formatted(stored_file, kind, pretty, "yaml", note)


def _notebook(stored_file: StoredFile, kind: FileKind, data: bytes) -> Preview:
    text = _text_to_format(stored_file, kind, data, STRUCTURED_MAX_BYTES)
    if isinstance(text, Preview):
        return text
    ok, notebook = _parse_json(text)
    if not ok:
        return _not_valid(stored_file, kind, data, "notebook JSON")
    if not (isinstance(notebook, dict) and isinstance(notebook.get("cells"), list)):
        return _json(stored_file, kind, data)  # JSON, but not a notebook: show it as data
    cells = []
    total = 0
    raw_cells = notebook["cells"]
    for number, raw in enumerate(raw_cells[:NOTEBOOK_MAX_CELLS], start=1):
        cell = _notebook_cell(number, raw)
        total += len(cell.source)
        cells.append(cell)
        if total > TEXT_MAX_BYTES:
            break
    notes = ["Cell outputs are not shown."]
    if len(cells) < len(raw_cells):
        notes.append(f"Showing the first {len(cells)} of {len(raw_cells)} cells.")
    return Preview(
        file=stored_file,
        kind=NOTEBOOK,
        label=kind.label,
        cells=tuple(cells),
        language=_notebook_language(notebook),
        truncated=len(cells) < len(raw_cells) or any(c.truncated for c in cells),
        note=" ".join(notes),
    )


def _notebook_cell(number: int, raw: Any) -> NotebookCell:
    raw = raw if isinstance(raw, dict) else {}
    source = raw.get("source", "")
    if isinstance(source, list):  # nbformat stores source as a list of lines, or a string
        source = "".join(part for part in source if isinstance(part, str))
    source = source if isinstance(source, str) else ""
    count = raw.get("execution_count")
    cell_type = raw.get("cell_type")
    return NotebookCell(
        number=number,
        cell_type=cell_type if isinstance(cell_type, str) and cell_type else "unknown",
        source=source[:NOTEBOOK_MAX_CELL_CHARS],
        execution_count=count if isinstance(count, int) and not isinstance(count, bool) else None,
        truncated=len(source) > NOTEBOOK_MAX_CELL_CHARS,
    )


def _notebook_language(notebook: dict) -> str:
    metadata = notebook.get("metadata")
    metadata = metadata if isinstance(metadata, dict) else {}
    for section, key in (("kernelspec", "language"), ("language_info", "name")):
        value = metadata.get(section)
        if isinstance(value, dict) and isinstance(value.get(key), str):
            return value[key][:40]
    return ""
