"""Parsing uploaded or pasted JSON: limits and hostile input give a message, never a crash."""

import contextlib
import json

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from profiles.validators import (
    MAX_DOCUMENT_BYTES,
    MAX_NESTING,
    DocumentInvalid,
    parse_profile_document,
    validate_profile_document,
)


def refusal(raw) -> str:
    with pytest.raises(DocumentInvalid) as caught:
        parse_profile_document(raw)
    (error,) = caught.value.document_errors
    assert error.path == ""
    return error.message


def test_parse_reads_bytes_text_and_a_byte_order_mark():
    document = {"headline": "Zoë", "domains": ["ünïcode"]}
    text = json.dumps(document, ensure_ascii=False)
    assert parse_profile_document(text) == document
    assert parse_profile_document(text.encode()) == document
    assert parse_profile_document(b"\xef\xbb\xbf" + text.encode()) == document


def test_parse_accepts_exactly_the_size_limit():
    padding = MAX_DOCUMENT_BYTES - len('{"headline": ""}')
    raw = '{"headline": "' + "x" * padding + '"}'
    assert len(raw.encode()) == MAX_DOCUMENT_BYTES
    assert len(parse_profile_document(raw)["headline"]) == padding


def test_parse_refuses_more_than_the_size_limit():
    raw = '{"headline": "' + "x" * MAX_DOCUMENT_BYTES + '"}'
    # In bytes: rounded, a document just over the limit would read as the limit.
    assert refusal(raw) == (
        "the document is 262,160 bytes, over the limit of 256.0\xa0KB (262,144 bytes)"
    )
    assert "the document is 786,480 bytes" in refusal(raw.encode() * 3)
    assert "the document is 1,048,640 bytes" in refusal(raw * 4)


def test_parse_refuses_deep_nesting_without_recursing():
    assert "more than 8 levels deep" in refusal("[" * 100_000 + "]" * 100_000)
    assert "levels deep" in refusal('{"a":' * (MAX_NESTING + 1) + "1" + "}" * (MAX_NESTING + 1))
    nested_ok = '{"a":' * MAX_NESTING + "1" + "}" * MAX_NESTING
    assert parse_profile_document(nested_ok)


def test_parse_ignores_brackets_inside_strings_when_measuring_depth():
    document = {"headline": "[[[[[[[[[[[[[[[{{{{{{{{{{{", "domains": ['a "quoted" ]]]]]]]]]]]]']}
    assert parse_profile_document(json.dumps(document)) == document


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("", "the document is empty"),
        ("   \n", "the document is empty"),
        ('{"headline": "x",}', "not valid JSON: Expecting property name"),
        ('{\n"headline": "x"\n"domains": []}', "(line 3, column 1)"),
        ('{"headline": "a", "headline": "b"}', 'the key "headline" appears twice'),
        ('{"amount": NaN}', "NaN is not a number JSON allows"),
        ('{"amount": -Infinity}', "-Infinity is not a number JSON allows"),
        ('{"amount": 1e999}', "the number 1e999 is too large"),
        ('{"amount": ' + "9" * 5000 + "}", "not a usable JSON document"),
        (b'{"headline": "\xff"}', "not UTF-8"),
    ],
)
def test_parse_refuses_broken_json_with_a_message(raw, words):
    assert words in refusal(raw)


def test_parse_lets_the_validator_judge_a_non_object():
    assert parse_profile_document("[1, 2]") == [1, 2]
    with pytest.raises(DocumentInvalid, match="must be a JSON object"):
        validate_profile_document([1, 2])


@given(st.binary(max_size=300))
def test_parse_never_fails_with_anything_but_document_invalid(raw):
    with contextlib.suppress(DocumentInvalid):
        parse_profile_document(raw)


@given(st.text(alphabet='[]{}"\\:,0123456789aeflnrstu ', max_size=200))
def test_parse_of_json_like_text_never_crashes(raw):
    with contextlib.suppress(DocumentInvalid):
        parse_profile_document(raw)


def test_document_invalid_is_a_validation_error_with_paths():
    with pytest.raises(ValidationError) as caught:
        validate_profile_document({"headline": "x", "domains": [], "mood": "happy"})
    assert caught.value.messages == [
        "domains: must list at least one domain",
        "mood: is not a known field here (known: headline, bio, domains, domain_depth, "
        "domain_evidence, strengths, credentials, tools, availability, topics_declined, "
        "hourly_rate, work_samples, visibility)",
    ]


def test_validate_returns_a_valid_document():
    document = {"headline": "x", "domains": ["a"]}
    assert validate_profile_document(document) is document
