"""How complete a skill profile is, against the article's "What to include" list.

A pure function of the document, so the owner's page, the onboarding checklist and a
frozen submission all measure the same thing.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from common.progress import Progress

# Work samples that show reasoning quality (the article: "published posts, technical
# memos, rubrics, benchmarks") and those that are domain artifacts ("reports, peer
# review, standards familiarity").
REASONING_SAMPLE_TYPES = frozenset({"rubric", "benchmark", "test_plan", "memo"})
DOMAIN_ARTIFACT_TYPES = frozenset({"report", "dataset", "code", "other"})


@dataclass(frozen=True)
class CompletenessItem:
    key: str
    label: str
    hint: str
    done: bool


class Completeness(Progress[CompletenessItem]):
    """The parts of a profile, each filled in or not."""


# Work samples also live outside the profile (portfolio uploads), and so do the rubrics,
# benchmarks and test plans built there: callers pass their kinds as other_sample_types.
def _sample_types(document: dict) -> set[str]:
    return {sample.get("type", "") for sample in document.get("work_samples", [])}


# The article's list, in its order: key, label, and the hint shown while it is missing.
ITEMS = (
    (
        "basics",
        "Headline and domains",
        "Say who you are in one line and list the domains you can evaluate.",
    ),
    (
        "bio",
        "Plain-language bio",
        "Write a short bio in plain language that states your domain authority.",
    ),
    (
        "credentials",
        "Credentials",
        "List the credentials behind your authority (e.g. CFA, RN, JD, PhD, SWE).",
    ),
    (
        "depth",
        "A depth for every domain",
        "Give each domain a depth from 1 (familiar) to 5 (authority).",
    ),
    (
        "reasoning",
        "Evidence of reasoning quality",
        "Build a rubric, a benchmark or a test plan in your portfolio, or link or upload one "
        "you wrote, or a technical memo.",
    ),
    (
        "artifacts",
        "Domain artifacts",
        "Link or upload a report, dataset, code or other artifact from your domain.",
    ),
    (
        "tools",
        "Tooling",
        "List the tools you use (e.g. Python, SQL, annotation frameworks).",
    ),
    (
        "availability",
        "Hours and time zone",
        "Say how many hours a week you can work and in which time zone.",
    ),
    (
        "topics_declined",
        "Topics you won't touch",
        "List the topics you will not work on.",
    ),
)


def _done(document: dict, sample_types: set[str]) -> dict[str, bool]:
    domains = document.get("domains", [])
    depths = document.get("domain_depth", {})
    availability = document.get("availability", {})
    return {
        "basics": bool(document.get("headline")) and bool(domains),
        "bio": bool(document.get("bio")),
        "credentials": bool(document.get("credentials")),
        "depth": bool(domains) and all(name in depths for name in domains),
        "reasoning": bool(sample_types & REASONING_SAMPLE_TYPES),
        "artifacts": bool(sample_types & DOMAIN_ARTIFACT_TYPES),
        "tools": bool(document.get("tools")),
        "availability": "hours_per_week" in availability and "timezone" in availability,
        "topics_declined": bool(document.get("topics_declined")),
    }


def profile_completeness(
    document: dict | None, *, other_sample_types: Iterable[str] = ()
) -> Completeness:
    """What the profile has and lacks; None (no profile yet) lacks everything.

    `other_sample_types`: types of the expert's work samples outside the document (their
    portfolio), and the kinds of artifact they built there, which count as evidence too.
    """
    document = document or {}
    done = _done(document, _sample_types(document) | set(other_sample_types))
    return Completeness(
        items=tuple(
            CompletenessItem(key=key, label=label, hint=hint, done=done[key])
            for key, label, hint in ITEMS
        )
    )
