"""The cost of validating one skill-profile document against the JSON Schema.

The validator is built once at start-up, after checking the schema (profiles/schema.py);
this prints what one validation costs then, and what it would cost to check and build per call.

    .venv/bin/python bench/validate_profile.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from jsonschema import Draft202012Validator  # noqa: E402

from profiles.schema import SCHEMA, document_errors, seed_document  # noqa: E402


def large_document() -> dict:
    """A valid document near the schema's list limits."""
    domains = [f"domain {n}" for n in range(20)]
    return {
        **seed_document(),
        "bio": "Quant researcher. " * 40,
        "domains": domains,
        "domain_depth": {name: 1 + n % 5 for n, name in enumerate(domains)},
        "strengths": [f"strength {n}" for n in range(20)],
        "credentials": [f"credential {n}" for n in range(20)],
        "tools": [f"tool {n}" for n in range(30)],
        "topics_declined": [f"topic {n}" for n in range(20)],
        "work_samples": [
            {"title": f"Sample {n}", "type": "report", "link": f"https://example.org/{n}"}
            for n in range(20)
        ],
    }


def checked_and_built_per_call(document: dict) -> list:
    """What start-up does once: check the schema against its metaschema, build a validator."""
    Draft202012Validator.check_schema(SCHEMA)
    return list(Draft202012Validator(SCHEMA).iter_errors(document))


def per_call_us(function, rounds: int, repeats: int = 5) -> tuple[float, float]:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(rounds):
            function()
        timings.append((time.perf_counter() - start) / rounds * 1e6)
    return statistics.median(timings), min(timings)


def main() -> None:
    print(f"{'case':<44} {'median µs':>10} {'best µs':>10}")
    for label, document in (
        ("seed example", seed_document()),
        ("large document", large_document()),
    ):
        assert document_errors(document) == []
        median, best = per_call_us(lambda d=document: document_errors(d), 200)
        print(f"{'validate ' + label + ' (built once)':<44} {median:>10.1f} {best:>10.1f}")
        median, best = per_call_us(lambda d=document: checked_and_built_per_call(d), 20)
        print(f"{'validate ' + label + ' (built per call)':<44} {median:>10.1f} {best:>10.1f}")
    bad = {**seed_document(), "availability": {"hours_per_week": 99, "timezone": "Mars/Base"}}
    median, best = per_call_us(lambda: document_errors(bad), 200)
    print(f"{'reject a document with two errors':<44} {median:>10.1f} {best:>10.1f}")


if __name__ == "__main__":
    main()
