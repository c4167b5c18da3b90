"""Rules for the 60–90 day plan and for reviews, shared by forms and services."""

import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError

from onboarding.workflow import Decision
from rubrics.content import passes

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
        if any(not 0 <= index < len(behaviours) for index in flags.get(position, set())):
            problems[flags_field(position)] = ["Tick only behaviours listed for this rubric."]
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
    elif decision == Decision.APPROVE:
        for name, messages in approval_problems(
            instrument, scores=scores, flagged=flagged_behaviours(instrument, flags)
        ).items():
            problems.setdefault(name, []).extend(messages)
    if final and decision in (Decision.REQUEST_CHANGES, Decision.REJECT) and not comment.strip():
        problems.setdefault("comment", []).append(
            "Say why in the overall comment: the expert reads it to know what to change."
            if decision == Decision.REQUEST_CHANGES
            else "Say why in the overall comment: the expert reads it to understand the decision."
        )
    return problems


def failing_rubrics(
    instrument: dict, scores: Mapping[int, float | None]
) -> list[tuple[int, str, float, int]]:
    """(position, title, score, passing level) of every rubric scored below its passing level.
    A rubric without a passing level, or not scored yet, fails nothing."""
    failing = []
    for position, entry in enumerate(instrument.get("rubrics", [])):
        score, pass_score = scores.get(position), entry["rubric"].get("pass_score")
        if passes(score, pass_score) is False:
            failing.append((position, entry["title"], score, pass_score))
    return failing


def approval_problems(
    instrument: dict, *, scores: Mapping[int, float | None], flagged: list[str], scored: str = ""
) -> dict[str, list[str]]:
    """The decision policy: approval needs every rubric at or above its passing level and no
    disallowed behaviour ticked. Each failing rubric is named at its level, and the decision
    says why it is refused. `scored` says whose scores they are, when they are not the
    reviewer's own (e.g. "the reviews' median")."""
    problems: dict[str, list[str]] = {}
    failing = failing_rubrics(instrument, scores)
    for position, title, score, pass_score in failing:
        problems[level_field(position)] = [
            f"“{title}” is scored {_number(score)}{f' ({scored})' if scored else ''}, below its "
            f"passing level {pass_score}: approval needs at least {pass_score}."
        ]
    reasons = []
    if failing:
        reasons.append(
            "every rubric must reach its passing level ("
            + "; ".join(
                f"“{title}” scored {_number(score)}, passing level {pass_score}"
                for _position, title, score, pass_score in failing
            )
            + ")"
        )
    if flagged:
        who = "a reviewer ticked" if scored else "you ticked"
        reasons.append(f"{who} a disallowed behaviour ({'; '.join(flagged)})")
    if reasons:
        problems["decision"] = [
            f"This portfolio cannot be approved: {' and '.join(reasons)}. Request changes or "
            "reject it."
        ]
    return problems


def _number(score: float) -> str:
    return f"{score:g}"


def validate_review(instrument: dict, **review) -> None:
    problems = review_problems(instrument, **review)
    if problems:
        raise ValidationError(problems)


def flagged_behaviours(instrument: dict, flags: Mapping[int, set[int]]) -> list[str]:
    """The ticked disallowed behaviours, each with its rubric, as a reader sees them."""
    flagged = []
    for position, entry in enumerate(instrument.get("rubrics", [])):
        behaviours = entry["rubric"].get("disallow", [])
        flagged += [
            f"“{behaviours[i]}” ({entry['title']})"
            for i in sorted(flags.get(position, set()))
            if 0 <= i < len(behaviours)
        ]
    return flagged


@dataclass(frozen=True)
class ReviewMarks:
    """One submitted review's levels and ticked behaviours, by rubric position."""

    scores: Mapping[int, int | None]
    flags: Mapping[int, set[int]]


def median_scores(instrument: dict, reviews: list[ReviewMarks]) -> dict[int, float | None]:
    """Each rubric's median level over the reviews that scored it: the round's level when
    staff settle a disagreement."""
    medians: dict[int, float | None] = {}
    for position in range(len(instrument.get("rubrics", []))):
        given = [r.scores[position] for r in reviews if r.scores.get(position) is not None]
        medians[position] = statistics.median(given) if given else None
    return medians


def adjudication_approval_problems(instrument: dict, reviews: list[ReviewMarks]) -> list[str]:
    """Staff follow the reviewers' policy: approval needs each rubric's median level at or
    above its passing level, and no disallowed behaviour ticked by any reviewer."""
    flags: dict[int, set[int]] = {}
    for review in reviews:
        for position, ticked in review.flags.items():
            flags.setdefault(position, set()).update(ticked)
    problems = approval_problems(
        instrument,
        scores=median_scores(instrument, reviews),
        flagged=flagged_behaviours(instrument, flags),
        scored="the reviews' median",
    )
    return [message for messages in problems.values() for message in messages]


def validate_adjudication(
    *,
    decision: str,
    note: str,
    instrument: dict | None = None,
    reviews: list[ReviewMarks] | None = None,
) -> None:
    """`instrument` and `reviews` (the round's submitted ones) check an approval against the
    decision policy."""
    problems: dict[str, str | list[str]] = {}
    if decision not in Decision.values:
        problems["decision"] = "Choose a decision: approve, request changes or reject."
    elif decision == Decision.APPROVE and instrument is not None:
        refused = adjudication_approval_problems(instrument, reviews or [])
        if refused:
            problems["decision"] = refused
    if not note.strip():
        problems["note"] = (
            "Explain the decision: the expert reads it beside the reviews, and it settles a "
            "disagreement between reviewers."
        )
    elif len(note) > REVIEW_COMMENT_MAX:
        problems["note"] = f"Keep the note under {REVIEW_COMMENT_MAX:,} characters."
    if problems:
        raise ValidationError(problems)


PROOF_NOTE_MAX = 2000


def validate_decision_note(*, verify: bool, note: str) -> None:
    """Staff's note on a credential's proof: required to decline, since the expert reads it."""
    if len(note) > PROOF_NOTE_MAX:
        raise ValidationError(
            f"Keep the note under {PROOF_NOTE_MAX} characters (it has {len(note)}).", code="long"
        )
    if not verify and not note.strip():
        raise ValidationError(
            "Say why the proof is declined: the expert reads this note.", code="required"
        )
