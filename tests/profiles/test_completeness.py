"""The completeness meter: the article's "What to include" list, as a pure function."""

import json

import pytest

from profiles.completeness import profile_completeness
from profiles.schema import SEED_DOCUMENT_PATH

COMPLETE = {
    "headline": "Quant researcher",
    "bio": "CFA charterholder; ten years of market risk.",
    "domains": ["finance", "risk"],
    "domain_depth": {"finance": 5, "risk": 3},
    "credentials": ["CFA"],
    "tools": ["python"],
    "availability": {"hours_per_week": 10, "timezone": "Europe/London"},
    "topics_declined": ["crypto"],
    "work_samples": [
        {"title": "Rubric", "type": "rubric", "link": "https://example.org/r"},
        {"title": "Report", "type": "report", "link": "https://example.org/p"},
    ],
}


def missing(document) -> list[str]:
    return [item.key for item in profile_completeness(document).missing]


def test_completeness_without_a_profile_misses_everything():
    result = profile_completeness(None)
    assert (result.done_count, result.total, result.percent) == (0, 9, 0)
    assert not result.is_complete


def test_completeness_of_a_complete_profile():
    result = profile_completeness(COMPLETE)
    assert result.is_complete
    assert (result.done_count, result.percent) == (9, 100)
    assert missing(COMPLETE) == []


def test_completeness_of_the_seed_names_what_is_missing():
    seed = json.loads(SEED_DOCUMENT_PATH.read_text())
    assert missing(seed) == ["bio", "depth", "artifacts", "topics_declined"]
    assert profile_completeness(seed).percent == 56


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"bio": None}, "bio"),
        ({"credentials": None}, "credentials"),
        ({"domain_depth": {"finance": 5}}, "depth"),
        ({"tools": None}, "tools"),
        ({"availability": {"hours_per_week": 10}}, "availability"),
        ({"availability": {"timezone": "UTC"}}, "availability"),
        ({"topics_declined": None}, "topics_declined"),
        (
            {"work_samples": [{"title": "R", "type": "report", "link": "https://x.org"}]},
            "reasoning",
        ),
        (
            {"work_samples": [{"title": "B", "type": "benchmark", "link": "https://x.org"}]},
            "artifacts",
        ),
    ],
)
def test_completeness_misses_exactly_what_is_absent(change, key):
    document = {**COMPLETE, **change}
    document = {k: v for k, v in document.items() if v is not None}
    assert missing(document) == [key]


def test_completeness_counts_untyped_samples_as_neither():
    document = {**COMPLETE, "work_samples": [{"title": "x", "link": "https://x.org"}]}
    assert missing(document) == ["reasoning", "artifacts"]


@pytest.mark.parametrize("kind", ["rubric", "benchmark", "test_plan", "memo"])
def test_completeness_reasoning_evidence_types(kind):
    samples = [
        {"title": "a", "type": kind, "link": "https://x.org"},
        {"title": "b", "type": "dataset", "link": "https://x.org"},
    ]
    assert missing({**COMPLETE, "work_samples": samples}) == []


def test_completeness_counts_work_samples_kept_outside_the_document():
    without_samples = {key: value for key, value in COMPLETE.items() if key != "work_samples"}
    assert missing(without_samples) == ["reasoning", "artifacts"]
    result = profile_completeness(without_samples, other_sample_types=["report", "memo"])
    assert result.is_complete
    partly = profile_completeness(without_samples, other_sample_types=["dataset"])
    assert [item.key for item in partly.missing] == ["reasoning"]
