"""In-page previews of uploaded files, so a reviewer can read a work sample without
downloading it.

`file_preview(stored_file)` reads the file through the default storage and says how to show
it: text (Markdown is shown as text, never rendered), a table of a CSV's first rows,
JSON / JSON Lines / YAML pretty-printed, a notebook as its list of cells, a small image
inline as a data: URI, or no preview (PDF and anything too large) with the reason. Every
preview is capped, and the text in it is plain text for the template to escape.

Content is read as it is, not trusted: a file stored under older rules, or damaged, gets
a plainer preview, never an error.

Pages use `kept_file_preview(stored_file)`: a file's content never changes, so its preview
is computed once per SHA-256 rather than read from storage (up to 5 MB) on every page.
"""

import base64
import csv
import json
import logging
import pickle
from dataclasses import dataclass, replace
from typing import Any

import yaml
from django.core.cache import cache
from django.core.files.storage import storages
from django.template.defaultfilters import filesizeformat

from common.caching import keep_if_small
from common.csvdialect import csv_rows, sniff_delimiter
from common.text import NotUtf8, decode_text
from common.uploads import ALLOWED_KINDS, FileKind
from common.yamlscreen import ALIAS, SAFE_DUMPER, SAFE_LOADER, Screen, YamlRefused, screen_yaml
from portfolio.models import StoredFile

logger = logging.getLogger(__name__)

# How much text a preview shows (bytes of a file, characters of formatted output).
TEXT_MAX_BYTES = 64 * 1024
# Largest JSON, JSON Lines or notebook parsed to format it: notebooks with plots are big.
STRUCTURED_MAX_BYTES = 5 * 1024 * 1024
# YAML builds Python objects slowly; above this the start is shown as text.
YAML_MAX_BYTES = 256 * 1024
# Largest image embedded in the page (as base64 it grows by a third).
IMAGE_MAX_BYTES = 2 * 1024 * 1024
CSV_MAX_ROWS = 20  # data rows under the header
CSV_MAX_COLUMNS = 20
CSV_MAX_CELL = 200  # characters
NOTEBOOK_MAX_CELLS = 50
NOTEBOOK_MAX_CELL_CHARS = 8000

UNREADABLE = "The file could not be read just now."

# Preview kinds, for the template.
TEXT = "text"  # plain text or Markdown as written
CODE = "code"  # structured data, pretty-printed
TABLE = "table"
NOTEBOOK = "notebook"
IMAGE = "image"
NONE = "none"

# How much of each kind is read: whole files for formatting, the start for plain text.
_READ_LIMITS = {
    "json": STRUCTURED_MAX_BYTES,
    "jsonl": STRUCTURED_MAX_BYTES,
    "ipynb": STRUCTURED_MAX_BYTES,
    "yaml": YAML_MAX_BYTES,
}
_IMAGE_SIGNATURES = {"png": b"\x89PNG\r\n\x1a\n", "jpg": b"\xff\xd8\xff"}
_KINDS_BY_CONTENT_TYPE = {kind.content_type: kind for kind in ALLOWED_KINDS.values()}


@dataclass(frozen=True)
class NotebookCell:
    number: int  # from 1, in notebook order
    cell_type: str  # "code", "markdown" or "raw"
    source: str
    execution_count: int | None
    truncated: bool = False


@dataclass(frozen=True)
class Preview:
    """How to show one stored file. `kind` says which of the other fields are filled."""

    file: StoredFile  # None only in the copy kept in the cache
    kind: str  # TEXT, CODE, TABLE, NOTEBOOK, IMAGE or NONE
    label: str  # what the file is, e.g. "CSV", "Jupyter notebook"
    text: str = ""  # TEXT and CODE
    language: str = ""  # "markdown", "json", "yaml", a notebook's language...
    truncated: bool = False  # the preview shows only part of the file
    note: str = ""  # a sentence for the reader: what is left out, or why it is plain
    header: tuple[str, ...] = ()  # TABLE
    rows: tuple[tuple[str, ...], ...] = ()
    more_columns: int = 0
    cells: tuple[NotebookCell, ...] = ()  # NOTEBOOK
    data_uri: str = ""  # IMAGE: data:image/...;base64,...
    reason: str = ""  # NONE: why there is no preview

    @property
    def lasting(self) -> bool:
        """False when the file could not be read just now: the next reader tries again."""
        return self.reason != UNREADABLE


# Part of the key a preview is kept under: raise it when the same bytes would now be
# previewed differently (a new cap, a new kind of preview).
PREVIEW_VERSION = 1


def preview_key(stored_file: StoredFile) -> str:
    """The file's SHA-256 and its kind, which decides how the bytes are read."""
    kind = _kind_of(stored_file)
    return f"file-preview:{PREVIEW_VERSION}:{kind.extension if kind else ''}:{stored_file.sha256}"


def kept_file_preview(stored_file: StoredFile) -> Preview:
    """file_preview(), computed once per file content: kept in the shared cache under
    preview_key(), without the file row, which every caller has. Only small previews are
    kept (a large image is not)."""
    key = preview_key(stored_file)
    kept = cache.get(key)
    if kept is not None:
        return replace(kept, file=stored_file)
    preview = file_preview(stored_file)
    if preview.lasting:
        content = replace(preview, file=None)
        keep_if_small(key, content, size=len(pickle.dumps(content)))
    return preview


def file_preview(stored_file: StoredFile) -> Preview:
    """The preview of an uploaded file (one read of its bytes; no database query)."""
    kind = _kind_of(stored_file)
    if kind is None:
        return _no_preview(stored_file, "file", "This kind of file is not previewed.")
    if kind.extension == "pdf":
        return _no_preview(stored_file, kind.label, "PDF documents are not previewed here.")
    if kind.extension in _IMAGE_SIGNATURES:
        return _image(stored_file, kind)
    # One byte past the limit tells a file that fits from one that does not.
    data = _read(stored_file, _READ_LIMITS.get(kind.extension, TEXT_MAX_BYTES) + 1)
    if data is None:
        return _no_preview(stored_file, kind.label, UNREADABLE)
    builders = {
        "csv": _table,
        "json": _json,
        "jsonl": _json_lines,
        "ipynb": _notebook,
        "yaml": _yaml,
    }
    builder = builders.get(kind.extension, _text)
    return builder(stored_file, kind, data)


# How much of a file file_text() reads: enough for the prose of a work sample.
SCAN_MAX_BYTES = 1024 * 1024


def file_text(stored_file: StoredFile, limit: int = SCAN_MAX_BYTES) -> str | None:
    """The start of an uploaded file as text, for checks that read what the expert wrote;
    None for a PDF, an image or bytes that are not UTF-8 text (one read, no query)."""
    kind = _kind_of(stored_file)
    if kind is None or kind.extension == "pdf" or kind.extension in _IMAGE_SIGNATURES:
        return None
    data = _read(stored_file, limit + 1)
    if data is None:
        return None
    return _decode(data[:limit], complete=len(data) <= limit)


# --- Reading ------------------------------------------------------------------------------


def _kind_of(stored_file: StoredFile) -> FileKind | None:
    """The allow-list's kind, by the name's extension (as at upload), else the content type."""
    _, dot, extension = stored_file.original_name.rpartition(".")
    kind = ALLOWED_KINDS.get(extension.lower()) if dot else None
    return kind or _KINDS_BY_CONTENT_TYPE.get(stored_file.content_type)


def _read(stored_file: StoredFile, limit: int) -> bytes | None:
    """Up to `limit` bytes from the start of the file, through the configured storage."""
    try:
        with storages["default"].open(stored_file.storage_name, "rb") as handle:
            return handle.read(limit)
    except OSError:
        logger.error("Stored file %s has no readable bytes in the storage", stored_file.pk)
        return None


def _decode(data: bytes, *, complete: bool) -> str | None:
    """UTF-8 text, or None for bytes that are not text. A character cut in two at the end
    of a partial read is dropped rather than counted against the file."""
    try:
        text = decode_text(data, partial=not complete)
    except NotUtf8:
        return None
    return None if "\x00" in text else text


def _start_as_text(data: bytes) -> tuple[str | None, bool]:
    """The first TEXT_MAX_BYTES as text, and whether that is only part of the data."""
    truncated = len(data) > TEXT_MAX_BYTES
    return _decode(data[:TEXT_MAX_BYTES], complete=not truncated), truncated


def _capped(text: str) -> tuple[str, bool]:
    if len(text) <= TEXT_MAX_BYTES:
        return text, False
    return text[:TEXT_MAX_BYTES], True


def _no_preview(stored_file: StoredFile, label: str, reason: str) -> Preview:
    return Preview(file=stored_file, kind=NONE, label=label, reason=reason)


def _not_text(stored_file: StoredFile, kind: FileKind) -> Preview:
    return _no_preview(stored_file, kind.label, "This file is not readable as UTF-8 text.")


# --- Text -----------------------------------------------------------------------------------


def _text(stored_file: StoredFile, kind: FileKind, data: bytes, *, note: str = "") -> Preview:
    text, truncated = _start_as_text(data)
    if text is None:
        return _not_text(stored_file, kind)
    if truncated:
        note = " ".join(
            filter(None, [note, f"Showing the first {filesizeformat(TEXT_MAX_BYTES)}."])
        )
    return Preview(
        file=stored_file,
        kind=TEXT,
        label=kind.label,
        text=text,
        language="markdown" if kind.extension == "md" else "",
        truncated=truncated,
        note=note,
    )


def _table(stored_file: StoredFile, kind: FileKind, data: bytes) -> Preview:
    text, truncated = _start_as_text(data)
    if text is None:
        return _not_text(stored_file, kind)
    if truncated and "\n" in text:
        text = text[: text.rindex("\n") + 1]  # a row cut at the read limit is not shown
    try:
        reader = csv_rows(text, sniff_delimiter(text), strict=False)
        rows = []
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append(row)
                if len(rows) > CSV_MAX_ROWS + 1:  # one more than shown: are there more?
                    break
    except csv.Error:
        rows = []
    if not rows:
        return _text(stored_file, kind, data, note="This CSV cannot be read as a table.")
    more_rows = truncated or len(rows) > CSV_MAX_ROWS + 1
    rows = rows[: CSV_MAX_ROWS + 1]
    width = max(len(row) for row in rows)
    shown = min(width, CSV_MAX_COLUMNS)
    # Ragged rows are padded so every row has a cell under every heading.
    cells = [tuple(_cell(row[i]) if i < len(row) else "" for i in range(shown)) for row in rows]
    notes = []
    if more_rows:
        notes.append(f"Showing the first {len(cells) - 1} rows.")
    if width > shown:
        notes.append(f"Showing the first {shown} of {width} columns.")
    return Preview(
        file=stored_file,
        kind=TABLE,
        label=kind.label,
        header=cells[0],
        rows=tuple(cells[1:]),
        more_columns=width - shown,
        truncated=bool(notes),
        note=" ".join(notes),
    )


def _cell(value: str) -> str:
    return value if len(value) <= CSV_MAX_CELL else value[: CSV_MAX_CELL - 1] + "…"


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


def _not_valid(stored_file: StoredFile, kind: FileKind, data: bytes, what: str) -> Preview:
    note = f"This cannot be read as {what}, so it is shown as text."
    return _text(stored_file, kind, data, note=note)


def _json(stored_file: StoredFile, kind: FileKind, data: bytes) -> Preview:
    too_big = _too_big_to_format(stored_file, kind, data, STRUCTURED_MAX_BYTES)
    if too_big:
        return too_big
    text = _decode(data, complete=True)
    if text is None:
        return _not_text(stored_file, kind)
    ok, value = _parse_json(text)
    pretty = _pretty_json(value) if ok else None
    if pretty is None:
        return _not_valid(stored_file, kind, data, "JSON")
    return _formatted(stored_file, kind, pretty, "json")


def _json_lines(stored_file: StoredFile, kind: FileKind, data: bytes) -> Preview:
    too_big = _too_big_to_format(stored_file, kind, data, STRUCTURED_MAX_BYTES)
    if too_big:
        return too_big
    text = _decode(data, complete=True)
    if text is None:
        return _not_text(stored_file, kind)
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
    too_big = _too_big_to_format(stored_file, kind, data, YAML_MAX_BYTES)
    if too_big:
        return too_big
    text = _decode(data, complete=True)
    if text is None:
        return _not_text(stored_file, kind)
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
    too_big = _too_big_to_format(stored_file, kind, data, STRUCTURED_MAX_BYTES)
    if too_big:
        return too_big
    text = _decode(data, complete=True)
    if text is None:
        return _not_text(stored_file, kind)
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


# --- Images ---------------------------------------------------------------------------------


def _image(stored_file: StoredFile, kind: FileKind) -> Preview:
    too_large = f"This image is too large to preview here (over {filesizeformat(IMAGE_MAX_BYTES)})."
    if stored_file.size > IMAGE_MAX_BYTES:
        return _no_preview(stored_file, kind.label, too_large)
    data = _read(stored_file, IMAGE_MAX_BYTES + 1)
    if data is None:
        return _no_preview(stored_file, kind.label, UNREADABLE)
    if len(data) > IMAGE_MAX_BYTES:
        return _no_preview(stored_file, kind.label, too_large)
    if not data.startswith(_IMAGE_SIGNATURES[kind.extension]):
        return _no_preview(stored_file, kind.label, f"This file is not a readable {kind.label}.")
    # The type comes from the allow-list, never from what was stored with the file.
    encoded = base64.b64encode(data).decode("ascii")
    return Preview(
        file=stored_file,
        kind=IMAGE,
        label=kind.label,
        data_uri=f"data:{kind.content_type};base64,{encoded}",
    )
