"""The one allow-list for uploaded files, shared by every way a file comes in.

`check_upload()` decides whether a file may be stored: an allowed extension, no double
extension, at most settings.UPLOAD_MAX_BYTES (counted while reading, so an oversize file is
never read to the end), and content that really is what the extension says. Programs, HTML and
SVG are refused whatever they are called. common/uploadcap.py applies the same size cap to the
request body while Django parses it, before any view runs.

Storing is portfolio.services.stored_file_create(); it calls check_upload() first.
"""

import csv
import hashlib
import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from common.csvdialect import csv_rows, sniff_delimiter
from common.text import NotUtf8, decode_text
from common.yamlscreen import PYTHON_TAG, YamlRefused, screen_yaml

# How much of the start of a file the signature checks look at.
HEAD_BYTES = 1024
# Longest original name we keep (the stored name is random anyway).
MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class FileKind:
    extension: str
    label: str
    content_type: str
    # Called with the whole decoded text (text kinds) or the first bytes (binary kinds).
    check: Callable
    is_text: bool


@dataclass(frozen=True)
class CheckedUpload:
    """What check_upload() found out about an acceptable file."""

    original_name: str
    extension: str
    content_type: str
    size: int
    sha256: str


# --- Content checks, one per kind -----------------------------------------------------------


def _check_pdf(head: bytes) -> None:
    if not head.startswith(b"%PDF-"):
        raise _refuse("This file is called .pdf but is not a PDF document.", "content_mismatch")


def _check_png(head: bytes) -> None:
    if not head.startswith(b"\x89PNG\r\n\x1a\n"):
        raise _refuse("This file is called .png but is not a PNG image.", "content_mismatch")


def _check_jpeg(head: bytes) -> None:
    if not head.startswith(b"\xff\xd8\xff"):
        raise _refuse("This file is called .jpg but is not a JPEG image.", "content_mismatch")


def _check_plain_text(text: str) -> None:
    """Markdown and plain text: decoding as UTF-8 (done before) is the whole check."""


def _parse_json(text: str, what: str, line: int | None = None):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {line}" if line is not None else f"line {error.lineno}"
        raise _refuse(
            f"This is not valid {what}: {error.msg} ({where}, column {error.colno}).",
            "content_mismatch",
        ) from None
    except RecursionError:
        raise _refuse(f"This {what} is nested too deeply to read.", "content_mismatch") from None
    except ValueError as error:  # e.g. a number with more digits than Python will convert
        raise _refuse(f"This is not valid {what}: {error}.", "content_mismatch") from None


def _check_json(text: str) -> None:
    _parse_json(text, "JSON")


def _check_jsonl(text: str) -> None:
    records = 0
    # JSON Lines separates records with \n only; other Unicode line breaks may sit in strings.
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            _parse_json(line, "JSON Lines", line=number)
            records += 1
    if not records:
        raise _refuse("This JSON Lines file has no records.", "content_mismatch")


def _check_ipynb(text: str) -> None:
    notebook = _parse_json(text, "notebook JSON")
    if not (
        isinstance(notebook, dict)
        and isinstance(notebook.get("cells"), list)
        and isinstance(notebook.get("nbformat"), int)
    ):
        raise _refuse(
            'This is JSON but not a Jupyter notebook (it needs "cells" and "nbformat").',
            "content_mismatch",
        )


def _check_yaml(text: str) -> None:
    # The screen reads the whole stream and sees every tag, the checks safe_load makes before
    # it builds objects. Building them is skipped: it costs seconds per megabyte and adds
    # nothing to "is this YAML, and is it safe".
    try:
        screen_yaml(text)
    except YamlRefused as refused:
        if refused.reason == PYTHON_TAG:
            raise _refuse(
                "Python-specific YAML tags (!!python/…) are not allowed.", "yaml_python_tag"
            ) from None
        line = refused.line or "?"
        raise _refuse(
            f"This YAML uses a tag we do not accept: {refused.name[:60]} (line {line})."
        ) from None
    except yaml.YAMLError as error:
        raise _refuse(f"This is not valid YAML: {_yaml_problem(error)}.") from None


def _yaml_problem(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None) or "unreadable"
    mark = getattr(error, "problem_mark", None)
    return f"{problem} (line {mark.line + 1})" if mark is not None else str(problem)


def _check_csv(text: str) -> None:
    reader = csv_rows(text, sniff_delimiter(text))
    width = None
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if width is None:
                width = len(row)
            elif len(row) != width:
                raise _refuse(
                    f"This is not a CSV table: line {reader.line_num} has {len(row)} "
                    f"columns, the first row has {width}.",
                    "content_mismatch",
                )
    except csv.Error as error:
        raise _refuse(
            f"This is not valid CSV: {error} (line {reader.line_num}).", "content_mismatch"
        ) from None
    if width is None:
        raise _refuse("This CSV file has no rows.", "content_mismatch")


def _kind(extension, label, content_type, check, *, is_text=True) -> FileKind:
    return FileKind(extension, label, content_type, check, is_text)


_PDF = _kind("pdf", "PDF", "application/pdf", _check_pdf, is_text=False)
_PNG = _kind("png", "PNG image", "image/png", _check_png, is_text=False)
_JPEG = _kind("jpg", "JPEG image", "image/jpeg", _check_jpeg, is_text=False)
_YAML = _kind("yaml", "YAML", "application/yaml", _check_yaml)

# The allow-list: extension (lower case) -> kind. yml and jpeg are other names for yaml and jpg.
ALLOWED_KINDS: dict[str, FileKind] = {
    "pdf": _PDF,
    "md": _kind("md", "Markdown", "text/markdown; charset=utf-8", _check_plain_text),
    "txt": _kind("txt", "plain text", "text/plain; charset=utf-8", _check_plain_text),
    "csv": _kind("csv", "CSV", "text/csv; charset=utf-8", _check_csv),
    "json": _kind("json", "JSON", "application/json", _check_json),
    "jsonl": _kind("jsonl", "JSON Lines", "application/jsonl", _check_jsonl),
    "yaml": _YAML,
    "yml": _YAML,
    "ipynb": _kind("ipynb", "Jupyter notebook", "application/x-ipynb+json", _check_ipynb),
    "png": _PNG,
    "jpg": _JPEG,
    "jpeg": _JPEG,
}
# Content types the download view may send; anything else goes out as octet-stream.
SAFE_CONTENT_TYPES = frozenset(kind.content_type for kind in ALLOWED_KINDS.values())

# Extensions that make a name suspicious when they appear in the middle: report.pdf.exe,
# shell.php.pdf. Our own allowed extensions count too (notes.txt.pdf says two things at once).
_RISKY_EXTENSIONS = frozenset(
    """
    exe dll bat cmd msi msp scr pif cpl vb vbs vbe js jse mjs cjs wsf wsh ps1 psm1 psd1
    sh bash zsh csh ksh fish php php3 php4 php5 php7 phtml phar pl pm py pyc pyo pyw rb cgi
    asp aspx ascx ashx jsp jspx cfm htm html xhtml shtml xht mht mhtml hta svg svgz xml xsl
    jar war ear class apk dmg pkg deb rpm elf so dylib lnk reg swf desktop
    """.split()  # noqa: SIM905 - a word list reads better than 80 quoted strings
)
_KNOWN_EXTENSIONS = _RISKY_EXTENSIONS | set(ALLOWED_KINDS)

ACCEPT_ATTRIBUTE = ",".join(f".{ext}" for ext in ALLOWED_KINDS)
ALLOWED_DESCRIPTION = (
    "PDF, Markdown, plain text, CSV, JSON, JSON Lines, YAML, Jupyter notebook, PNG or JPEG"
)

# Programs are refused under any name.
_EXECUTABLE_MAGIC = (
    (b"\x7fELF", "a Linux program (ELF)"),
    (b"\xfe\xed\xfa\xce", "a macOS program (Mach-O)"),
    (b"\xfe\xed\xfa\xcf", "a macOS program (Mach-O)"),
    (b"\xce\xfa\xed\xfe", "a macOS program (Mach-O)"),
    (b"\xcf\xfa\xed\xfe", "a macOS program (Mach-O)"),
    (b"\xca\xfe\xba\xbe", "a macOS or Java program"),
    (b"\x00asm", "a WebAssembly program"),
    (b"#!", "a script (it starts with #!)"),
)
# The starts a browser takes for an HTML or XML/SVG document (the WHATWG sniffing patterns).
_MARKUP_STARTS = (
    "<!doctype html",
    "<html",
    "<head",
    "<script",
    "<iframe",
    "<h1",
    "<div",
    "<font",
    "<table",
    "<a",
    "<style",
    "<title",
    "<b",
    "<body",
    "<br",
    "<p",
    "<svg",
    "<?xml",
)
_TAG_ENDS = (" ", ">", "/", "\t", "\n", "\r", "\f")


def _refuse(message: str, code: str = "content_mismatch") -> ValidationError:
    return ValidationError(message, code=code)


# --- Names --------------------------------------------------------------------------------


def clean_upload_name(name: str) -> tuple[str, FileKind]:
    """The name to keep (directories, control characters and trailing dots removed) and its
    kind; raises ValidationError for a name we do not accept."""
    name = unicodedata.normalize("NFC", str(name or ""))
    # Whatever the sender's operating system: only the last path component is a name.
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable())
    for reserved in '<>:"|?*':
        name = name.replace(reserved, "_")
    # Windows ignores trailing dots and spaces: "evil.exe." is evil.exe.
    name = name.strip().rstrip(". ")
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem.strip(". ") or not extension:
        raise _refuse(
            f"The file needs a name and an extension, e.g. report.pdf. We accept "
            f"{ALLOWED_DESCRIPTION}.",
            "name",
        )
    extension = extension.lower()
    kind = ALLOWED_KINDS.get(extension)
    if kind is None:
        raise _refuse(
            f"Files ending in .{extension[:20]} are not accepted. We accept {ALLOWED_DESCRIPTION}.",
            "extension",
        )
    inner = [part.strip().lower() for part in stem.split(".")[1:]]
    doubled = next((part for part in inner if part in _KNOWN_EXTENSIONS), None)
    if doubled:
        raise _refuse(
            f"The name has two extensions (.{doubled} and .{extension}). Rename the file so "
            "that it ends in one extension only.",
            "double_extension",
        )
    if len(name) > MAX_NAME_LENGTH:
        name = f"{stem[: MAX_NAME_LENGTH - len(extension) - 1].rstrip('. ')}.{extension}"
    return name, kind


# --- Content -----------------------------------------------------------------------------


def _read_capped(upload, max_bytes: int) -> tuple[int, str, bytes]:
    """Size, SHA-256 and first bytes, reading chunk by chunk and stopping past the cap."""
    digest = hashlib.sha256()
    size = 0
    head = b""
    if hasattr(upload, "seek"):
        upload.seek(0)
    for chunk in upload.chunks():
        size += len(chunk)
        if size > max_bytes:
            raise too_large_error(max_bytes)
        digest.update(chunk)
        if len(head) < HEAD_BYTES:
            head += chunk[: HEAD_BYTES - len(head)]
    return size, digest.hexdigest(), head


def too_large_error(max_bytes: int) -> ValidationError:
    return _refuse(
        f"This file is larger than {filesizeformat(max_bytes)}, the most we accept.", "too_large"
    )


def _refuse_programs(head: bytes) -> None:
    start = head.removeprefix(b"\xef\xbb\xbf")
    for magic, what in _EXECUTABLE_MAGIC:
        if start.startswith(magic):
            raise _refuse(f"This file is {what}; programs are not accepted.", "executable")
    if head.startswith(b"MZ") and (
        b"PE\x00\x00" in head[64:512] or b"This program cannot be run in DOS mode" in head
    ):
        raise _refuse("This file is a Windows program; programs are not accepted.", "executable")


def _refuse_markup(text: str) -> None:
    # Only the start decides: that is what a browser sniffs. Attack payloads quoted inside a
    # text (<script> in a list of prompt injections) are legitimate content for this product.
    start = text.lstrip(" \t\n\r\f")[:64].lower()
    if start.startswith("<!--"):
        raise _refuse("This file starts like an HTML page; HTML is not accepted.", "markup")
    for marker in _MARKUP_STARTS:
        follows = start[len(marker) : len(marker) + 1]
        if start.startswith(marker) and (
            marker in ("<!doctype html", "<?xml") or follows in _TAG_ENDS
        ):
            what = "an SVG or XML document" if marker in ("<svg", "<?xml") else "an HTML page"
            raise _refuse(f"This file starts like {what}; HTML and SVG are not accepted.", "markup")


def _decode_text(data: bytes, kind: FileKind) -> str:
    try:
        text = decode_text(data)
    except NotUtf8 as error:
        raise _refuse(
            f"This file is called .{kind.extension} but is not UTF-8 text "
            f"(byte {error.byte} cannot be read). Save it as UTF-8.",
            "encoding",
        ) from None
    if "\x00" in text:
        raise _refuse(
            f"This file is called .{kind.extension} but contains binary data.", "encoding"
        )
    return text


def check_upload(upload, *, max_bytes: int | None = None) -> CheckedUpload:
    """Everything we demand of a file before it is stored; raises ValidationError.

    `upload` is a Django File (an UploadedFile, a ContentFile, File(open(...))) with a name.
    Nothing is stored here.
    """
    max_bytes = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    original_name, kind = clean_upload_name(getattr(upload, "name", ""))
    size, sha256, head = _read_capped(upload, max_bytes)
    if size == 0:
        raise _refuse("The file is empty.", "empty")
    _refuse_programs(head)
    if kind.is_text:
        upload.seek(0)
        text = _decode_text(upload.read(), kind)
        _refuse_markup(text)
        kind.check(text)
    else:
        kind.check(head)
    upload.seek(0)
    return CheckedUpload(
        original_name=original_name,
        extension=kind.extension,
        content_type=kind.content_type,
        size=size,
        sha256=sha256,
    )


def download_content_type(content_type: str) -> str:
    """The Content-Type a download is sent with: ours from the allow-list, never HTML."""
    return content_type if content_type in SAFE_CONTENT_TYPES else "application/octet-stream"
