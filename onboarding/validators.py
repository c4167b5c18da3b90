"""Rules for the 60–90 day plan and for reviews, shared by forms and services."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError

from onboarding.workflow import Decision

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
