"""The skill-profile schema and validator: the seed is valid, every rule refuses with a path."""

import json

import pytest
from jsonschema import Draft202012Validator

from profiles.models import Visibility, WorkSampleType
from profiles.schema import (
    SCHEMA,
    SCHEMA_PATH,
    SEED_DOCUMENT_PATH,
    VALIDATOR,
    WORK_SAMPLE_TYPES,
    DocumentError,
    document_errors,
    json_path,
)


def seed() -> dict:
    return json.loads(SEED_DOCUMENT_PATH.read_text())


def with_(**changes) -> dict:
    document = seed()
    for key, value in changes.items():
        if value is ...:
            document.pop(key)
        else:
            document[key] = value
    return document


def test_schema_is_draft_2020_12_with_id_and_only_standard_keywords():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"].endswith("/schema/skill-profile.json")
    assert SCHEMA["$comment"].startswith("Version 1.2.0 ")
    # What the server checks beyond the schema is said where people read it.
    assert "IANA time zone database" in SCHEMA["description"]
    assert "IANA time zone database" in SCHEMA["$defs"]["timezone"]["description"]
    assert '"format"' not in SCHEMA_PATH.read_text()
    assert SCHEMA["required"] == ["headline", "domains"]
    assert SCHEMA["additionalProperties"] is False


def test_schema_is_compiled_once_with_our_formats():
    assert isinstance(VALIDATOR, Draft202012Validator)
    assert VALIDATOR.schema is SCHEMA
    assert SCHEMA_PATH.name == "skill-profile.schema.json"


def test_seed_example_is_valid_unchanged():
    document = seed()
    assert document_errors(document) == []
    assert document == seed()


def test_seed_example_is_the_articles_example():
    assert seed() == {
        "headline": "Quant researcher with evaluation design experience",
        "domains": ["finance", "statistics", "risk"],
        "strengths": ["reasoning evaluation", "benchmarking", "prompt design"],
        "credentials": ["MSc Statistics", "CFA Level II"],
        "tools": ["python", "numpy", "pandas"],
        "availability": {"hours_per_week": 15, "timezone": "UTC-5"},
        "work_samples": [
            {
                "title": "Stress-testing LLM reasoning on risk scenarios",
                "type": "benchmark",
                "link": "https://rex.zone",
            }
        ],
    }


def test_model_choices_match_the_schema_lists():
    assert tuple(WorkSampleType.values) == WORK_SAMPLE_TYPES
    assert WORK_SAMPLE_TYPES == (
        "benchmark",
        "rubric",
        "test_plan",
        "report",
        "memo",
        "code",
        "dataset",
        "other",
    )
    assert tuple(Visibility.values) == tuple(SCHEMA["properties"]["visibility"]["enum"])


FULL = {
    "headline": "h" * 160,
    "bio": "Line one.\nLine two.\tTabbed.",
    "domains": [f"domain {i}" for i in range(20)],
    "domain_depth": {"domain 0": 1, "domain 1": 5},
    "strengths": ["s" * 100],
    "credentials": ["c" * 120],
    "tools": [f"tool {i}" for i in range(30)],
    "availability": {"hours_per_week": 80, "timezone": "America/Argentina/Buenos_Aires"},
    "topics_declined": ["gambling"],
    "hourly_rate": {"amount": 10000, "currency": "EUR"},
    "work_samples": [{"title": "t", "link": "http://example.org/x?y=1#z"}],
    "visibility": "public",
}


@pytest.mark.parametrize(
    "document",
    [
        FULL,
        with_(availability={"hours_per_week": 1}),
        with_(availability={"hours_per_week": 15.0}),
        with_(availability={"timezone": "UTC"}),
        with_(availability={"timezone": "UTC+05:30"}),
        with_(availability={"timezone": "UTC+14"}),
        with_(availability={"timezone": "Europe/Berlin"}),
        with_(hourly_rate={"amount": 0.01, "currency": "USD"}),
        with_(hourly_rate={"amount": 37.5, "currency": "USD"}),
        with_(domains=["Straße", "finance"], domain_depth={"Straße": 3}),
        with_(visibility="private"),
        with_(work_samples=[{"title": "Only a title and a link", "link": "https://x.org"}]),
        {"headline": "Minimal", "domains": ["one"]},
        # Tools that write JSON often give an optional list as empty: the same as left out.
        with_(work_samples=[], strengths=[], credentials=[], tools=[], topics_declined=[]),
        with_(domain_depth={}),
    ],
    ids=lambda d: json.dumps(d)[:40],
)
def test_valid_documents_have_no_errors(document):
    assert document_errors(document) == []


INVALID = [
    # (document, path, words in the message)
    (with_(headline=...), "headline", "is required"),
    (with_(domains=...), "domains", "is required"),
    (with_(headline="h" * 161), "headline", "at most 160 characters"),
    (with_(headline=""), "headline", "must not be empty"),
    (with_(headline="   "), "headline", "must not be empty"),
    (with_(headline=" padded"), "headline", "must not start or end with spaces"),
    (with_(headline="two\nlines"), "headline", "without control characters"),
    (with_(headline="trailing newline\n"), "headline", "control characters"),
    (with_(headline="nul\x00byte"), "headline", "control characters"),
    (with_(headline=42), "headline", "must be text, not a number"),
    (with_(bio="b" * 2001), "bio", "at most 2000 characters"),
    (with_(bio="  \n "), "bio", "must not be empty"),
    (with_(bio="bell\x07"), "bio", "control characters"),
    (with_(domains=[]), "domains", "at least one domain"),
    (with_(domains="finance"), "domains", "must be a list"),
    (with_(domains=[f"d{i}" for i in range(21)]), "domains", "at most 20 entries"),
    (with_(domains=["finance", "finance"]), "domains[1]", 'repeats "finance" (domains[0])'),
    (with_(domains=["finance", "Finance"]), "domains[1]", "whatever its capitalisation"),
    (with_(domains=["finance", 3]), "domains[1]", "must be text"),
    (with_(domains=["d" * 61]), "domains[0]", "at most 60 characters"),
    (with_(domain_depth={"law": 3}), "domain_depth.law", "not in domains"),
    (with_(domain_depth={"Finance": 3}), "domain_depth.Finance", 'did you mean "finance"'),
    (with_(domain_depth={"finance": 0}), "domain_depth.finance", "between 1 and 5"),
    (with_(domain_depth={"finance": 6}), "domain_depth.finance", "between 1 and 5 (it is 6)"),
    (with_(domain_depth={"finance": 4.5}), "domain_depth.finance", "whole number"),
    (with_(domain_depth={"finance": "4"}), "domain_depth.finance", "whole number"),
    (with_(strengths=["s" * 101]), "strengths[0]", "at most 100 characters"),
    (with_(strengths=[f"s{i}" for i in range(21)]), "strengths", "at most 20 entries"),
    (with_(credentials=["c" * 121]), "credentials[0]", "at most 120 characters"),
    (with_(tools=[f"t{i}" for i in range(31)]), "tools", "at most 30 entries"),
    (with_(tools=["Python", "python"]), "tools[1]", "whatever its capitalisation"),
    (with_(topics_declined=["x" * 101]), "topics_declined[0]", "at most 100"),
    (with_(availability={}), "availability", "must not be empty"),
    (with_(availability={"hours_per_week": 0}), "availability.hours_per_week", "between 1 and 80"),
    (
        with_(availability={"hours_per_week": 81}),
        "availability.hours_per_week",
        "between 1 and 80 (it is 81)",
    ),
    (with_(availability={"hours_per_week": "15"}), "availability.hours_per_week", "whole number"),
    (with_(availability={"hours_per_week": 7.5}), "availability.hours_per_week", "whole number"),
    (with_(availability={"timezone": "Mars/Olympus"}), "availability.timezone", "not a time zone"),
    (with_(availability={"timezone": "UTC+15"}), "availability.timezone", "IANA name"),
    (with_(availability={"timezone": "UTC-5\n"}), "availability.timezone", "control characters"),
    (with_(availability={"timezone": "GMT+5 "}), "availability.timezone", "not a time zone"),
    (with_(availability={"days": 3}), "availability.days", "not a known field"),
    (with_(hourly_rate={"amount": 42}), "hourly_rate.currency", "is required"),
    (with_(hourly_rate={"currency": "USD"}), "hourly_rate.amount", "is required"),
    (with_(hourly_rate={"amount": 0, "currency": "USD"}), "hourly_rate.amount", "more than 0"),
    (with_(hourly_rate={"amount": -5, "currency": "USD"}), "hourly_rate.amount", "more than 0"),
    (with_(hourly_rate={"amount": 10000.01, "currency": "USD"}), "hourly_rate.amount", "at most"),
    (with_(hourly_rate={"amount": 12.345, "currency": "USD"}), "hourly_rate.amount", "two decimal"),
    (with_(hourly_rate={"amount": True, "currency": "USD"}), "hourly_rate.amount", "a number"),
    (with_(hourly_rate={"amount": 42, "currency": "usd"}), "hourly_rate.currency", "three-letter"),
    (
        with_(work_samples=[{"title": "t", "link": "https://x.org"}] * 21),
        "work_samples",
        "at most 20 entries",
    ),
    (with_(work_samples=[{"link": "https://x.org"}]), "work_samples[0].title", "is required"),
    (with_(work_samples=[{"title": "t"}]), "work_samples[0].link", "is required"),
    (
        with_(work_samples=[{"title": "t", "link": "ftp://x.org"}]),
        "work_samples[0].link",
        "http:// or https://",
    ),
    (
        with_(work_samples=[{"title": "t", "link": "javascript:alert(1)"}]),
        "work_samples[0].link",
        "http:// or https://",
    ),
    (
        with_(work_samples=[{"title": "t", "link": "https://not a host"}]),
        "work_samples[0].link",
        "http:// or https://",
    ),
    (
        with_(work_samples=[{"title": "t", "link": "https://nodot"}]),
        "work_samples[0].link",
        "not a valid web address",
    ),
    (
        with_(work_samples=[{"title": "t", "link": "https://x.org/" + "a" * 500}]),
        "work_samples[0].link",
        "at most 500",
    ),
    (
        with_(work_samples=[{"title": "t", "type": "blog", "link": "https://x.org"}]),
        "work_samples[0].type",
        "must be one of benchmark, rubric, test_plan",
    ),
    (
        with_(work_samples=[{"title": "t", "link": "https://x.org", "stars": 5}]),
        "work_samples[0].stars",
        "not a known field",
    ),
    (with_(visibility="everyone"), "visibility", "must be one of private, public"),
    (with_(rating=5), "rating", "not a known field here"),
    (with_(headline="broken \ud800 character"), "headline", "unpaired surrogate"),
]


@pytest.mark.parametrize(("document", "path", "words"), INVALID, ids=[i[1] for i in INVALID])
def test_invalid_document_is_refused_at_its_path(document, path, words):
    errors = document_errors(document)
    assert [e.path for e in errors] == [path], errors
    assert words in errors[0].message


def test_document_errors_lists_every_problem_in_reading_order():
    document = with_(
        headline="",
        availability={"hours_per_week": 90, "timezone": "Nowhere"},
        work_samples=[{"title": "t", "type": "blog", "link": "ftp://x"}],
        extra=True,
    )
    assert [e.path for e in document_errors(document)] == [
        "headline",
        "availability.hours_per_week",
        "availability.timezone",
        "work_samples[0].link",
        "work_samples[0].type",
        "extra",
    ]


def test_document_errors_for_something_that_is_not_an_object():
    assert document_errors(["headline"]) == [
        DocumentError((), "a skill profile must be a JSON object, not a list")
    ]
    assert document_errors(None)[0].message.endswith("not null")


def test_json_path_names_fields_items_and_odd_keys():
    assert json_path(["availability", "hours_per_week"]) == "availability.hours_per_week"
    assert json_path(["domains", 2]) == "domains[2]"
    assert json_path(["domain_depth", "machine learning"]) == 'domain_depth["machine learning"]'
    assert json_path([]) == ""


def test_document_error_reads_as_a_sentence_and_a_line():
    error = DocumentError(("availability", "hours_per_week"), "must be between 1 and 80")
    assert error.sentence == "Must be between 1 and 80."
    assert DocumentError(("headline",), "is required").sentence == "This is required."
    assert str(error) == "availability.hours_per_week: must be between 1 and 80"
    assert str(DocumentError((), "not JSON")) == "(document): not JSON"


def test_document_error_says_when_the_problem_is_a_key_not_its_value():
    name = "d" * 61
    errors = document_errors(with_(domains=[name], domain_depth={name: 9}))
    # One message a place: the key's, until the name is fixed; then its depth's.
    assert [(e.parts, e.at_key, e.message[:23]) for e in errors] == [
        (("domains", 0), False, "must be at most 60 char"),
        (("domain_depth", name), True, "must be at most 60 char"),
    ]
    (depth,) = document_errors(with_(domain_depth={"finance": 9}))
    assert (depth.parts, depth.at_key) == (("domain_depth", "finance"), False)
