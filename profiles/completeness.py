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


# Work samples also live outside the profile (portfolio uploads). Apps above this one
# register a function user -> sample types here, so profiles never imports them.
def _sample_types(document: dict) -> set[str]:
    return {sample.get("type", "") for sample in document.get("work_samples", [])}


def profile_completeness(
    document: dict | None, *, other_sample_types: Iterable[str] = ()
) -> Completeness:
    """What the profile has and lacks; None (no profile yet) lacks everything.

    `other_sample_types`: types of the expert's work samples outside the document (their
    portfolio), which count as evidence too.
    """
    document = document or {}
    domains = document.get("domains", [])
    depths = document.get("domain_depth", {})
    availability = document.get("availability", {})
    types = _sample_types(document) | set(other_sample_types)
    checks = (
        (
            "basics",
            "Headline and domains",
            "Say who you are in one line and list the domains you can evaluate.",
            bool(document.get("headline")) and bool(domains),
        ),
        (
            "bio",
            "Plain-language bio",
            "Write a short bio in plain language that states your domain authority.",
            bool(document.get("bio")),
        ),
        (
            "credentials",
            "Credentials",
            "List the credentials behind your authority (e.g. CFA, RN, JD, PhD, SWE).",
            bool(document.get("credentials")),
        ),
        (
            "depth",
            "A depth for every domain",
            "Give each domain a depth from 1 (familiar) to 5 (authority).",
            bool(domains) and all(name in depths for name in domains),
        ),
        (
            "reasoning",
            "Evidence of reasoning quality",
            "Link or upload a rubric, benchmark, test plan or technical memo you wrote.",
            bool(types & REASONING_SAMPLE_TYPES),
        ),
        (
            "artifacts",
            "Domain artifacts",
            "Link or upload a report, dataset, code or other artifact from your domain.",
            bool(types & DOMAIN_ARTIFACT_TYPES),
        ),
        (
            "tools",
            "Tooling",
            "List the tools you use (e.g. Python, SQL, annotation frameworks).",
            bool(document.get("tools")),
        ),
        (
            "availability",
            "Hours and time zone",
            "Say how many hours a week you can work and in which time zone.",
            "hours_per_week" in availability and "timezone" in availability,
        ),
        (
            "topics_declined",
            "Topics you won't touch",
            "List the topics you will not work on.",
            bool(document.get("topics_declined")),
        ),
    )
    return Completeness(
        items=tuple(
            CompletenessItem(key=key, label=label, hint=hint, done=done)
            for key, label, hint, done in checks
        )
    )
