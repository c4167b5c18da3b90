"""Word lists for seeding, by what they make: domains, people, artifacts and reviews.

The seed draws from them in a fixed order: editing or reordering a list changes what a seed
gives (tests/seeding/test_words_pinned.py says so).
"""

from seeding.words.artifacts import (
    ADVERSARIAL_ANSWERS,
    ADVERSARIAL_PROMPTS,
    ATTACKS,
    BENCHMARK_TITLES,
    CAVEATS,
    DISALLOWED,
    ITEM_PROMPTS,
    LOW_CRITERIA,
    METRICS,
    MIDDLE_CRITERIA,
    RATIONALES,
    REFERENCE_ANSWERS,
    RUBRIC_OBJECTIVES,
    RUBRIC_TITLES,
    SAMPLE_DESCRIPTIONS,
    SAMPLE_TITLES,
    SCALES,
    THREATS,
    TOP_CRITERIA,
)
from seeding.words.domains import (
    DOMAINS,
    Domain,
)
from seeding.words.people import (
    BIOS,
    CURRENCIES,
    DECLINED_TOPICS,
    FIRST_NAMES,
    GENERIC_TOOLS,
    HEADLINES,
    LAST_NAMES,
    STRENGTHS,
    TIME_ZONES,
)
from seeding.words.reviews import (
    ADJUDICATION_NOTES,
    REVIEW_COMMENTS,
)

__all__ = [
    "ADJUDICATION_NOTES",
    "ADVERSARIAL_ANSWERS",
    "ADVERSARIAL_PROMPTS",
    "ATTACKS",
    "BENCHMARK_TITLES",
    "BIOS",
    "CAVEATS",
    "CURRENCIES",
    "DECLINED_TOPICS",
    "DISALLOWED",
    "DOMAINS",
    "FIRST_NAMES",
    "GENERIC_TOOLS",
    "HEADLINES",
    "ITEM_PROMPTS",
    "LAST_NAMES",
    "LOW_CRITERIA",
    "METRICS",
    "MIDDLE_CRITERIA",
    "RATIONALES",
    "REFERENCE_ANSWERS",
    "REVIEW_COMMENTS",
    "RUBRIC_OBJECTIVES",
    "RUBRIC_TITLES",
    "SAMPLE_DESCRIPTIONS",
    "SAMPLE_TITLES",
    "SCALES",
    "STRENGTHS",
    "THREATS",
    "TIME_ZONES",
    "TOP_CRITERIA",
    "Domain",
]
