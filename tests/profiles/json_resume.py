"""The official JSON Resume schema and examples, from the @jsonresume/schema package
(package-lock.json, installed by `npm ci`): tests skip without it, except in CI. And a
hypothesis strategy for résumés with odd values."""

import json
import os
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import strategies as st
from jsonschema import Draft7Validator, FormatChecker
from jsonschema.validators import validator_for

PACKAGE = Path(__file__).resolve().parents[2] / "node_modules" / "@jsonresume" / "schema"
EXAMPLE_NAMES = (
    "sample.resume.json",
    "examples/career-changer.resume.json",
    "examples/new-grad.resume.json",
    "examples/senior-engineer.resume.json",
)
# RFC 3986: ASCII only, a scheme, then only the characters a URI may hold. jsonschema checks
# "uri" only with an optional package installed, so the check is spelled out here.
_URI = re.compile(
    r"[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*"
)


def _needs_package() -> None:
    if not (PACKAGE / "schema.json").is_file():
        reason = "`npm ci` (@jsonresume/schema) is needed for this test"
        if os.environ.get("EXPERTFOLIO_CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def official_resume_validator() -> Draft7Validator:
    """A validator of the package's schema.json, formats checked (email, uri)."""
    _needs_package()
    return _compiled()


@cache
def _compiled() -> Draft7Validator:
    schema = json.loads((PACKAGE / "schema.json").read_text(encoding="utf-8"))
    validator_class = validator_for(schema)
    assert validator_class is Draft7Validator  # the schema declares draft-07
    validator_class.check_schema(schema)
    formats = FormatChecker()
    formats.checks("uri")(lambda value: not isinstance(value, str) or bool(_URI.fullmatch(value)))
    return validator_class(schema, format_checker=formats)


def resume_schema_errors(resume: dict) -> list[str]:
    """What the official schema says is wrong with a résumé; [] when it is valid."""
    validator = official_resume_validator()
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(resume)
    ]


def official_examples() -> list[tuple[str, dict]]:
    _needs_package()
    return [
        (name, json.loads((PACKAGE / name).read_text(encoding="utf-8"))) for name in EXAMPLE_NAMES
    ]


# --- Odd résumés ---------------------------------------------------------------------------------

_text = st.text(max_size=30)  # lone surrogates and control characters included
_scalar = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | _text
)
_anything = st.recursive(
    _scalar,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(_text, children, max_size=3),
    max_leaves=8,
)
_skill = st.fixed_dictionaries(
    {"name": st.text(min_size=1, max_size=80) | _anything},
    optional={
        "level": st.sampled_from(["Master", "Beginner", "4/5", "Guru"]) | _anything,
        "keywords": st.lists(_text, max_size=40) | _anything,
    },
)
_basics = st.fixed_dictionaries(
    {"label": st.text(min_size=1, max_size=200) | _anything},
    optional={
        "summary": st.text(max_size=2500) | _anything,
        "timezone": st.sampled_from(["Europe/Paris", "UTC-5", "Mars/Base"]) | _text,
        "location": _anything,
        "name": _text,
    },
)
_project = st.fixed_dictionaries(
    {},
    optional={
        "name": _text,
        "url": st.sampled_from(["https://a.org/x", "https://-x-.org", "ftp://a"]) | _text,
        "type": st.sampled_from(["Report", "test plan", "talk"]) | _anything,
    },
)
_resumes = st.fixed_dictionaries(
    {
        "basics": _basics,
        "skills": st.lists(_skill, min_size=1, max_size=35) | _anything,
    },
    optional={
        "certificates": st.lists(
            st.fixed_dictionaries({}, optional={"name": _text, "issuer": _text}) | _anything,
            max_size=25,
        ),
        "projects": st.lists(_project | _anything, max_size=25),
        "work": _anything,
        "meta": _anything,
    },
)


def json_resumes():
    """Mostly résumés of the right shape with odd values (lone surrogates, control characters,
    values of the wrong kind, lists past their limits); some odd in their shape too."""
    return _resumes
