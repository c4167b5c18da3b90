"""Rules for portfolio data, shared by models, forms and services.

File uploads have their own allow-list module: portfolio/uploads.py.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

_http_url = URLValidator(schemes=["http", "https"])


def validate_link_url(value: str) -> None:
    """A work-sample link: a plain http(s) address, without a password in it."""
    try:
        _http_url(value)
    except ValidationError:
        raise ValidationError(
            "Enter a web address that starts with http:// or https://.", code="link_scheme"
        ) from None
    parts = urlsplit(value)
    if parts.username or parts.password:
        raise ValidationError(
            "Remove the user name or password from the link; share a link that works without them.",
            code="link_credentials",
        )


# A plan is read by people; past a couple of hundred cases it belongs in a benchmark file.
MAX_CASES = 200


def validate_case_count(count: int) -> None:
    if count < 1:
        raise ValidationError("Add at least one case.", code="no_cases")
    if count > MAX_CASES:
        raise ValidationError(
            f"A test plan holds at most {MAX_CASES} cases; split it into several plans.",
            code="too_many_cases",
        )
