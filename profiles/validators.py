"""Checks on skill-profile documents, shared by the editor, import, admin and commands."""

import json
import math
import re
from typing import Any

from django.core.exceptions import ValidationError

from common.text import NotUtf8, TextTooLarge, decode_text, over_limit
from profiles.schema import DocumentError, document_errors

MAX_DOCUMENT_BYTES = 256 * 1024
# A skill profile nests three levels (document > work_samples > sample); anything much
# deeper is not a profile and could exhaust the parser.
MAX_NESTING = 8

_STRING_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


class DocumentInvalid(ValidationError):
    """A document that may not be stored; `document_errors` says what and where."""

    def __init__(self, errors: list[DocumentError]):
        self.document_errors = errors
        super().__init__(
            [
                ValidationError("%(where)s: %(message)s", code="invalid_document", params=p)
                for p in ({"where": e.path or "(document)", "message": e.message} for e in errors)
            ]
        )


def validate_profile_document(document: Any) -> dict:
    """Return the document when it is a valid skill profile, else raise DocumentInvalid."""
    errors = document_errors(document)
    if errors:
        raise DocumentInvalid(errors)
    return document


def _refuse(message: str) -> DocumentInvalid:
    return DocumentInvalid([DocumentError((), message)])


def _nesting_depth(text: str) -> int:
    deepest = depth = 0
    for bracket in _BRACKET.findall(_STRING_LITERAL.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _object_without_repeated_keys(pairs: list[tuple[str, Any]]) -> dict:
    document: dict = {}
    for key, value in pairs:
        if key in document:
            raise ValueError(f"the key {json.dumps(key, ensure_ascii=False)} appears twice")
        document[key] = value
    return document


def _finite_number(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text} is too large")
    return value


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_profile_document(raw: bytes | str) -> Any:
    """Parse uploaded or pasted JSON within the size and nesting limits.

    Raises DocumentInvalid with a message a person can act on; never lets the parser
    fail on hostile input (huge, deeply nested, broken encoding, repeated keys, NaN).
    """
    try:
        text = decode_text(raw, limit=MAX_DOCUMENT_BYTES).lstrip("\ufeff")
    except TextTooLarge as error:
        raise _refuse(f"the document is {over_limit(error.size, MAX_DOCUMENT_BYTES)}") from None
    except NotUtf8:
        raise _refuse("the file is not UTF-8 text; save it as UTF-8 JSON") from None
    if not text.strip():
        raise _refuse("the document is empty; paste or upload a skill-profile JSON document")
    if _nesting_depth(text) > MAX_NESTING:
        raise _refuse(
            f"the document nests lists and objects more than {MAX_NESTING} levels deep; "
            "a skill profile needs three"
        )
    try:
        return json.loads(
            text,
            object_pairs_hook=_object_without_repeated_keys,
            parse_float=_finite_number,
            parse_constant=_no_constants,
        )
    except json.JSONDecodeError as exc:
        raise _refuse(
            f"this is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise _refuse(f"this is not a usable JSON document: {exc}") from exc
