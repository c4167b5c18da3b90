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
