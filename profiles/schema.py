"""The skill-profile JSON Schema and the one validator every way in goes through.

The schema is checked against its metaschema and compiled once, when this module is
imported (ProfilesConfig.ready imports it, so a broken schema stops the app from starting).
`document_errors()` returns every problem of a document, each with its JSON path.
"""

import json
import re
import unicodedata
import zoneinfo
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "skill-profile.schema.json"
SCHEMA: dict = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
# The article's example document: it must stay valid, import and export back equal.
SEED_DOCUMENT_PATH = Path(__file__).resolve().parent / "examples" / "skill-profile.seed.json"

# Top-level fields in the order people read them; errors are listed in this order.
FIELD_ORDER: tuple[str, ...] = tuple(SCHEMA["properties"])
STRING_LIST_FIELDS = ("domains", "strengths", "credentials", "tools", "topics_declined")
WORK_SAMPLE_TYPES: tuple[str, ...] = tuple(
    SCHEMA["$defs"]["work_sample"]["properties"]["type"]["enum"]
)
VISIBILITIES: tuple[str, ...] = tuple(SCHEMA["properties"]["visibility"]["enum"])


def seed_document() -> dict:
    """The article's example skill profile, exactly as published."""
    return json.loads(SEED_DOCUMENT_PATH.read_text(encoding="utf-8"))


def max_items(field: str) -> int:
    return SCHEMA["properties"][field]["maxItems"]


IANA_TIME_ZONES: frozenset[str] = frozenset(zoneinfo.available_timezones())
_web_address = URLValidator(schemes=["http", "https"])

Draft202012Validator.check_schema(SCHEMA)
# No formats: the published schema must compile unchanged in other validators (Ajv's strict
# mode refuses formats it does not know), so time zone names and web addresses are checked
# below, beside the other rules a schema cannot say.
VALIDATOR = Draft202012Validator(SCHEMA)

_LINE_PATTERN = SCHEMA["$defs"]["line"]["pattern"]
_TEXT_PATTERN = SCHEMA["$defs"]["text"]["pattern"]
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "an object with named fields",
    "boolean": "true or false",
}


PathParts = tuple[str | int, ...]


def json_path(parts: Iterable[str | int]) -> str:
    """availability.hours_per_week, domains[2], domain_depth["machine learning"]."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif _IDENTIFIER.fullmatch(part):
            text += f".{part}" if text else part
        else:
            text += f"[{json.dumps(part, ensure_ascii=False)}]"
    return text


@dataclass(frozen=True)
class DocumentError:
    """One problem in a skill-profile document, at a JSON path ("" is the whole document)."""

    parts: PathParts
    message: str
    # The problem is the last part itself, a key (domain_depth's domain name), not its value.
    at_key: bool = False

    @property
    def path(self) -> str:
        return json_path(self.parts)

    @property
    def sentence(self) -> str:
        """The message as a sentence on its own, for showing next to a form field."""
        if self.message.startswith("is "):
            text = f"This {self.message}"
        else:
            text = self.message[:1].upper() + self.message[1:]
        return text if text.endswith((".", "?", "!")) else text + "."

    def __str__(self) -> str:
        return f"{self.path or '(document)'}: {self.message}"


def _shown(value: Any, limit: int = 40) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    return _TYPE_WORDS.get(
        {str: "string", list: "array", dict: "object"}.get(type(value), ""), "something else"
    )


def _line_problem(value: str) -> str:
    if value.strip() == "":
        return "must not be empty"
    if _CONTROL.search(value):
        return "must be one line without control characters"
    return "must not start or end with spaces"


def _bounds(schema: dict) -> str:
    low, high = schema.get("minimum"), schema.get("maximum")
    if "exclusiveMinimum" in schema:
        return f"must be more than {schema['exclusiveMinimum']} and at most {high}"
    if low is not None and high is not None:
        return f"must be between {low} and {high}"
    return f"must be at least {low}" if low is not None else f"must be at most {high}"


def _translate(error: SchemaError) -> Iterator[DocumentError]:
    """A jsonschema error as the messages a person reads, at the right paths."""
    parts: PathParts = tuple(error.absolute_path)
    keyword, value, instance = error.validator, error.validator_value, error.instance
    at_key = "propertyNames" in error.absolute_schema_path
    if at_key:
        # The problem is the key itself, so point at it.
        parts = (*parts, instance) if isinstance(instance, str) else parts
    last = parts[-1] if parts else ""

    if keyword == "required":
        for name in value:
            if isinstance(instance, dict) and name not in instance:
                yield DocumentError((*parts, name), "is required")
    elif keyword == "additionalProperties" and value is False:
        known = ", ".join(error.schema.get("properties", {}))
        for name in instance:
            if name not in error.schema.get("properties", {}):
                yield DocumentError((*parts, name), f"is not a known field here (known: {known})")
    elif keyword == "pattern":
        yield DocumentError(parts, _pattern_problem(value, instance, last), at_key)
    elif keyword == "anyOf" and last == "timezone":
        yield _not_a_time_zone(parts, instance)
    elif keyword == "uniqueItems":
        # Lists of text get one message per repeated entry from _repeated_entries().
        if not all(isinstance(item, str) for item in instance):
            yield DocumentError(parts, "lists the same entry more than once")
    else:
        yield DocumentError(parts, _value_problem(error, last), at_key)


def _pattern_problem(pattern: str, instance: str, last: str | int) -> str:
    if pattern == _LINE_PATTERN:
        return _line_problem(instance)
    if pattern == _TEXT_PATTERN:
        return (
            "must not be empty" if not instance.strip() else "must not contain control characters"
        )
    if last == "currency":
        return "must be a three-letter currency code in capitals, such as USD or EUR"
    if last == "link":
        return "must be a web address starting with http:// or https://"
    return f"is not in the expected form ({_shown(instance)})"


def _value_problem(error: SchemaError, last: str | int) -> str:
    """What is wrong with one value: its type, length, size, or choice."""
    keyword, value, instance = error.validator, error.validator_value, error.instance
    if keyword == "type":
        return f"must be {_TYPE_WORDS[value]}, not {_kind(instance)}"
    if keyword == "maxLength":
        return f"must be at most {value} characters long (it has {len(instance)})"
    if keyword == "minLength":
        return "must not be empty"
    if keyword == "minItems":
        if value == 1 and last == "domains":
            return "must list at least one domain"
        return "must not be an empty list; leave the field out when there is nothing to list"
    if keyword == "maxItems":
        return f"must list at most {value} entries (it has {len(instance)})"
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return f"{_bounds(error.schema)} (it is {_shown(instance)})"
    if keyword == "enum":
        choices = ", ".join(str(choice) for choice in value)
        return f"must be one of {choices} (it is {_shown(instance)})"
    if keyword == "minProperties":
        return "must not be empty; leave the field out when there is nothing to say"
    if keyword == "maxProperties":
        return f"must have at most {value} entries (it has {len(instance)})"
    return error.message


def _not_a_time_zone(parts: PathParts, value: Any) -> DocumentError:
    return DocumentError(
        parts,
        f"{_shown(value)} is not a time zone: use an IANA name such as Europe/Berlin "
        "or America/New_York, or a UTC offset such as UTC-5 or UTC+05:30",
    )


_UTC_OFFSET = re.compile(SCHEMA["$defs"]["timezone"]["anyOf"][0]["pattern"])
_ZONE_NAME = re.compile(SCHEMA["$defs"]["timezone"]["anyOf"][1]["pattern"])


def _unknown_time_zone(document: dict) -> Iterator[DocumentError]:
    """A name in the form of one that is not in the IANA database (the schema's pattern lets
    UTC+15 or Mars/Olympus through)."""
    availability = document.get("availability")
    zone = availability.get("timezone") if isinstance(availability, dict) else None
    if (
        isinstance(zone, str)
        and not _UTC_OFFSET.fullmatch(zone)
        and _ZONE_NAME.fullmatch(zone)
        and zone not in IANA_TIME_ZONES
    ):
        yield _not_a_time_zone(("availability", "timezone"), zone)


def _invalid_web_addresses(document: dict) -> Iterator[DocumentError]:
    samples = document.get("work_samples")
    if not isinstance(samples, list):
        return
    for index, sample in enumerate(samples):
        link = sample.get("link") if isinstance(sample, dict) else None
        if not isinstance(link, str) or not link.startswith(("http://", "https://")):
            continue  # the schema's own message says what it should start with
        try:
            _web_address(link)
        except DjangoValidationError:
            yield DocumentError(
                ("work_samples", index, "link"), f"is not a valid web address ({_shown(link)})"
            )


def _casefolded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _repeated_entries(document: dict) -> Iterator[DocumentError]:
    for field in STRING_LIST_FIELDS:
        items = document.get(field)
        if not isinstance(items, list):
            continue
        first_seen: dict[str, int] = {}
        for index, item in enumerate(items):
            if not isinstance(item, str):
                continue
            key = _casefolded(item)
            if key in first_seen:
                earlier = first_seen[key]
                same = "repeats" if items[earlier] == item else "is the same as"
                yield DocumentError(
                    (field, index),
                    f"{_shown(item)} {same} {_shown(items[earlier])} ({field}[{earlier}]); "
                    "list each entry once, whatever its capitalisation",
                )
            else:
                first_seen[key] = index


def _unlisted_domains(document: dict) -> Iterator[DocumentError]:
    domains = document.get("domains")
    if not isinstance(domains, list):
        return
    listed = {name for name in domains if isinstance(name, str)}
    by_case = {_casefolded(name): name for name in listed}
    for field, gives in (("domain_depth", "a depth"), ("domain_evidence", "evidence")):
        given = document.get(field)
        for name in given if isinstance(given, dict) else ():
            if name in listed:
                continue
            hint = by_case.get(_casefolded(name))
            message = f"gives {gives} to a domain that is not in domains"
            if hint:
                message += f" (did you mean {_shown(hint)}? Names must match exactly)"
            yield DocumentError((field, name), message)


def _rate_precision(document: dict) -> Iterator[DocumentError]:
    rate = document.get("hourly_rate")
    amount = rate.get("amount") if isinstance(rate, dict) else None
    if isinstance(amount, bool) or not isinstance(amount, int | float):
        return
    try:
        exponent = Decimal(str(amount)).as_tuple().exponent
    except InvalidOperation:  # pragma: no cover - json never yields NaN here
        return
    if isinstance(exponent, int) and exponent < -2:
        yield DocumentError(
            ("hourly_rate", "amount"), f"must have at most two decimal places (it is {amount})"
        )


def _strings(value: Any, parts: PathParts = ()) -> Iterator[tuple[PathParts, str]]:
    if isinstance(value, str):
        yield parts, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield (*parts, key), key
            yield from _strings(item, (*parts, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*parts, index))


def _bad_characters(document: dict) -> Iterator[DocumentError]:
    for parts, text in _strings(document):
        if _SURROGATE.search(text):
            yield DocumentError(parts, "contains a broken character (an unpaired surrogate)")
        elif (_TEXT_CONTROL if parts == ("bio",) else _CONTROL).search(text):
            yield DocumentError(parts, "must not contain control characters or line breaks")


def _order(error: DocumentError) -> tuple:
    head = error.parts[0] if error.parts else ""
    rank = FIELD_ORDER.index(head) if head in FIELD_ORDER else len(FIELD_ORDER)
    return (rank, [(0, p, "") if isinstance(p, int) else (1, 0, p) for p in error.parts])


def document_errors(document: Any) -> list[DocumentError]:
    """Every problem of a skill-profile document, in reading order; [] when it is valid."""
    if not isinstance(document, dict):
        return [DocumentError((), f"a skill profile must be a JSON object, not {_kind(document)}")]
    found: list[DocumentError] = []
    for error in VALIDATOR.iter_errors(document):
        found.extend(_translate(error))
    checks = (
        _unknown_time_zone,
        _invalid_web_addresses,
        _repeated_entries,
        _unlisted_domains,
        _rate_precision,
        _bad_characters,
    )
    for check in checks:
        found.extend(check(document))
    # One message per place: the first is the most specific (the schema lists its
    # keywords that way), and the next one shows up once that is fixed.
    first: dict[PathParts, DocumentError] = {}
    for error in found:
        first.setdefault(error.parts, error)
    return sorted(first.values(), key=_order)
