"""What type an <input> is drawn with when a refused form shows a value back.

A form that comes back refused keeps what the person typed, but HTML allows only a number in
type="number", a date in type="date", an address in type="email" and an absolute URL in
type="url": "abc" there is invalid markup, and browsers show such an input empty. Such a value
is shown in a text input instead (without the attributes only those types take), so the person
sees what they typed and can correct it.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

# HTML's "valid floating-point number".
_NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4,}-[0-9]{2}-[0-9]{2}")
_url = URLValidator()


def _is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _passes(validator, value: str) -> bool:
    try:
        validator(value)
    except ValidationError:
        return False
    return True


FITS = {
    "number": lambda value: _NUMBER.fullmatch(value) is not None,
    "range": lambda value: _NUMBER.fullmatch(value) is not None,
    "date": _is_date,
    "email": lambda value: _passes(validate_email, value),
    "url": lambda value: _passes(_url, value),
}


# What a text input does not take.
_NOT_TEXT = frozenset({"min", "max", "step"})


def shown_input_type(input_type: str, value) -> str:
    """`input_type`, or "text" when `value` (as the widget shows it) is not one it allows."""
    fits = FITS.get(input_type)
    if fits is None or value is None or value == "":
        return input_type
    return input_type if fits(str(value)) else "text"


def shown_input(widget: dict) -> dict:
    """A widget's template context as the input is drawn: as it is, or a copy in a text input
    when its value is not one its type allows."""
    shown = shown_input_type(widget["type"], widget["value"])
    if shown == widget["type"]:
        return widget
    attrs = {name: value for name, value in widget["attrs"].items() if name not in _NOT_TEXT}
    return {**widget, "type": shown, "attrs": attrs}
