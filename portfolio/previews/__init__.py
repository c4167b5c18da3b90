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

import pickle
from dataclasses import replace

from django.core.cache import cache

from common.caching import keep_if_small
from portfolio.models import StoredFile
from portfolio.previews.base import (
    _IMAGE_SIGNATURES,
    _READ_LIMITS,
    CODE,
    CSV_MAX_CELL,
    IMAGE,
    IMAGE_MAX_BYTES,
    NONE,
    NOTEBOOK,
    PREVIEW_VERSION,
    TABLE,
    TEXT,
    TEXT_MAX_BYTES,
    UNREADABLE,
    NotebookCell,
    Preview,
    _decode,
    _image,
    _kind_of,
    _no_preview,
    _read,
    _table,
    _text,
)
from portfolio.previews.structured import _json, _json_lines, _notebook, _yaml

# What pages and tests use.
__all__ = [
    "CODE",
    "CSV_MAX_CELL",
    "IMAGE",
    "IMAGE_MAX_BYTES",
    "NONE",
    "NOTEBOOK",
    "TABLE",
    "TEXT",
    "TEXT_MAX_BYTES",
    "NotebookCell",
    "Preview",
    "file_preview",
    "file_text",
    "kept_file_preview",
    "preview_key",
]


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
