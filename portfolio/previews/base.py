"""What every preview shares: its kinds and limits, the Preview it returns, reading a stored
file, and the plain previews (text, a CSV's table, an image, none)."""

import base64
import csv
import logging
from dataclasses import dataclass

from django.core.files.storage import storages
from django.template.defaultfilters import filesizeformat

from common.csvdialect import csv_rows, sniff_delimiter
from common.text import NotUtf8, decode_text
from common.uploads import ALLOWED_KINDS, FileKind
from portfolio.models import StoredFile

# Logged under the package's name, as before the split.
logger = logging.getLogger("portfolio.previews")

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
