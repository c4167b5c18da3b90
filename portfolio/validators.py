"""Rules for portfolio data, shared by models, forms and services.

File uploads have their own allow-list module: portfolio/uploads.py.
"""

from datetime import date, timedelta
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from portfolio.workflow import Decision

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


# --- Benchmarks -------------------------------------------------------------------------------
# A benchmark is written, read and graded by people: past a few hundred items it is a dataset
# to keep elsewhere. The editor and every import share these limits.
MAX_ITEMS = 500
ITEM_TEXT_MAX = 5000  # prompt, reference answer, rationale
ITEM_SOURCE_MAX = 500
BENCHMARK_TEXT_MAX = 5000  # description, sources
DIFFICULTIES = ("easy", "medium", "hard")

ITEM_FIELD_LABELS = {
    "prompt": "prompt",
    "reference_answer": "reference answer",
    "rationale": "rationale",
    "difficulty": "difficulty",
    "adversarial": "adversarial",
    "source": "source",
}


def validate_item_count(count: int) -> None:
    if count > MAX_ITEMS:
        raise ValidationError(
            f"A benchmark holds at most {MAX_ITEMS} items (this one would have {count:,}); "
            "split it into several benchmarks.",
            code="too_many_items",
        )


def text_problem(value: str, *, limit: int) -> str:
    """What is wrong with a text that will be stored, in words; empty when nothing is."""
    if "\x00" in value:
        return "contains a NUL character (\\0), which text cannot hold."
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # JSON can spell these (\ud800) although no real character is one.
        return "contains an invalid character (an unpaired surrogate such as \\ud800)."
    if len(value) > limit:
        return f"is {len(value):,} characters long; the limit is {limit:,}."
    return ""


def benchmark_item_problems(
    *,
    prompt: str,
    reference_answer: str,
    rationale: str,
    difficulty: str,
    source: str,
) -> dict[str, str]:
    """Every problem of one item, by field: what the editor, the imports and the services
    all check before an item is stored."""
    problems = {}
    for field, value, limit, required in (
        ("prompt", prompt, ITEM_TEXT_MAX, True),
        ("reference_answer", reference_answer, ITEM_TEXT_MAX, True),
        ("rationale", rationale, ITEM_TEXT_MAX, False),
        ("source", source, ITEM_SOURCE_MAX, False),
    ):
        if required and not value.strip():
            problems[field] = f"is empty; every item needs a {ITEM_FIELD_LABELS[field]}."
        elif problem := text_problem(value, limit=limit):
            problems[field] = problem
    if difficulty not in DIFFICULTIES:
        problems["difficulty"] = f"“{difficulty}” is not a difficulty; use easy, medium or hard."
    # In the order the fields have in a row of the editor or a file.
    return {field: problems[field] for field in ITEM_FIELD_LABELS if field in problems}


def validate_benchmark_text(value: str, *, field: str) -> None:
    """Description and sources: long text, within BENCHMARK_TEXT_MAX."""
    if problem := text_problem(value, limit=BENCHMARK_TEXT_MAX):
        raise ValidationError({field: f"This {problem}"}, code="benchmark_text")


def validate_benchmark_domain(domain: str, allowed: list[str]) -> None:
    """The benchmark's domain must be one the owner's profile names."""
    if not allowed:
        raise ValidationError(
            {
                "domain": "Your profile has no domains yet. Add the domains you work in to "
                "your profile, then choose one here."
            },
            code="no_domains",
        )
    if domain not in allowed:
        raise ValidationError(
            {"domain": f"Choose one of your profile's domains: {', '.join(allowed)}."},
            code="unknown_domain",
        )


# --- The 60–90 day plan -------------------------------------------------------------------

PLAN_MIN_DAYS, PLAN_MAX_DAYS = 60, 90


def validate_plan_target(target: date, *, set_on: date) -> None:
    """The article's horizon for deepening one domain: 60 to 90 days from the day it is set."""
    earliest = set_on + timedelta(days=PLAN_MIN_DAYS)
    latest = set_on + timedelta(days=PLAN_MAX_DAYS)
    if not earliest <= target <= latest:
        raise ValidationError(
            f"Choose a date {PLAN_MIN_DAYS} to {PLAN_MAX_DAYS} days from {set_on:%-d %B %Y}: "
            f"between {earliest:%-d %B %Y} and {latest:%-d %B %Y}.",
            code="plan_horizon",
        )


# --- Reviews --------------------------------------------------------------------------------

REVIEW_COMMENT_MAX = 10_000


def level_field(position: int) -> str:
    return f"level_{position}"


def rubric_comment_field(position: int) -> str:
    return f"comment_{position}"


def flags_field(position: int) -> str:
    return f"flags_{position}"


def review_problems(
    instrument: dict,
    *,
    scores: dict[int, int | None],
    flags: dict[int, set[int]],
    decision: str,
    comment: str,
    rubric_comments: dict[int, str] | None = None,
    final: bool,
) -> dict[str, list[str]]:
    """What is wrong with a review, by form field. A draft (final=False) may be incomplete but
    never hold a level or a behaviour the rubric does not have."""
    problems: dict[str, list[str]] = {}
    rubrics = instrument.get("rubrics", [])
    flagged = []
    for position, entry in enumerate(rubrics):
        body = entry["rubric"]
        score = scores.get(position)
        known = {level["score"] for level in body["scale"]}
        if score is None:
            if final:
                problems[level_field(position)] = [f"Choose a level for “{entry['title']}”."]
        elif score not in known:
            problems[level_field(position)] = [
                f"“{entry['title']}” has no level scored {score}; choose one of its levels."
            ]
        behaviours = body.get("disallow", [])
        ticked = flags.get(position, set())
        if any(not 0 <= index < len(behaviours) for index in ticked):
            problems[flags_field(position)] = ["Tick only behaviours listed for this rubric."]
        flagged += [
            f"“{behaviours[i]}” ({entry['title']})"
            for i in sorted(ticked)
            if 0 <= i < len(behaviours)
        ]
        if len((rubric_comments or {}).get(position, "")) > REVIEW_COMMENT_MAX:
            problems[rubric_comment_field(position)] = [
                f"Keep the comment under {REVIEW_COMMENT_MAX:,} characters."
            ]
    if len(comment) > REVIEW_COMMENT_MAX:
        problems["comment"] = [f"Keep the comment under {REVIEW_COMMENT_MAX:,} characters."]
    if decision and decision not in Decision.values:
        problems["decision"] = ["Choose approve, request changes or reject."]
    elif final and not decision:
        problems["decision"] = ["Choose a decision: approve, request changes or reject."]
    elif decision == Decision.APPROVE and flagged:
        problems["decision"] = [
            f"You ticked a disallowed behaviour ({'; '.join(flagged)}), so this portfolio "
            "cannot be approved: request changes or reject it."
        ]
    if final and decision in (Decision.REQUEST_CHANGES, Decision.REJECT) and not comment.strip():
        problems.setdefault("comment", []).append(
            "Say why in the overall comment: the expert reads it to know what to change."
            if decision == Decision.REQUEST_CHANGES
            else "Say why in the overall comment: the expert reads it to understand the decision."
        )
    return problems


def validate_review(instrument: dict, **review) -> None:
    problems = review_problems(instrument, **review)
    if problems:
        raise ValidationError(problems)


def validate_adjudication(*, decision: str, note: str) -> None:
    problems = {}
    if decision not in Decision.values:
        problems["decision"] = "Choose a decision: approve, request changes or reject."
    if not note.strip():
        problems["note"] = (
            "Explain the decision: the expert reads it beside the reviews, and it settles a "
            "disagreement between reviewers."
        )
    elif len(note) > REVIEW_COMMENT_MAX:
        problems["note"] = f"Keep the note under {REVIEW_COMMENT_MAX:,} characters."
    if problems:
        raise ValidationError(problems)
