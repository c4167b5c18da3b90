"""The article's generalist/specialist guidance for one set of answers to the decision
matrix (matrix.py): the path, why, the shape to aim for, the risk to mind and the next
steps (steps.py).

Career stage decides what to lead with (it is what the article's matrix is most definite
about); the two questions on how someone likes to work decide where to deepen or how to
broaden, and break the tie when no stage was given.
"""

from dataclasses import dataclass

from guide.matrix import (
    ALL_DOMAINS,
    HEADLINES,
    QUESTIONS,
    RIGOROUS_DOMAINS,
    Answers,
    Path,
    Question,
    path_for,
)
from guide.steps import Step, steps_for
from profiles.shape import Shape


@dataclass(frozen=True)
class Reason:
    question: Question
    text: str
    advice: str


@dataclass(frozen=True)
class Suggestion:
    path: Path
    headline: str
    summary: str
    target: Shape
    target_text: str
    reasons: tuple[Reason, ...]
    notes: tuple[str, ...]
    risk: str
    steps: tuple[Step, ...]


GENERALIST_RISK = (
    "The generalist risk is being seen as a jack of all trades without a clear edge: "
    "showcase one or two deep achievements."
)
SPECIALIST_RISK = (
    "The specialist risk is narrow demand if your domain slows: add cross-domain "
    "evaluation skills and communication."
)


def _summary(path: Path, answers: Answers) -> str:
    if path is Path.START_BROAD:
        return (
            "None of the four questions pulls you strongly either way, so follow the "
            "default sequence: build a generalist base in reasoning evaluation, "
            "prompt design and rubric writing, which has the fastest onboarding, and notice "
            "which domain you want to go deeper in within 60–90 days."
        )
    if path is Path.HYBRID:
        return (
            "You enjoy both orchestration and rigor, the hybrid profile that often "
            "performs best: build a generalist base in reasoning evaluation and rubric writing "
            "while you deepen one standards-driven domain within 60–90 days, and later add a "
            "second deep pillar."
        )
    if path is Path.GENERALIST_FIRST:
        where = (
            f"a standards-driven one ({RIGOROUS_DOMAINS}), where your taste for rigor pays"
            if answers.rigor
            else f"one you like and that shows market traction ({ALL_DOMAINS})"
        )
        return (
            "Build a generalist base in reasoning evaluation, prompt design and rubric writing, "
            f"then choose one domain to deepen within 60–90 days: {where}."
        )
    how = (
        "your enjoyment of orchestrating messy problems and writing clear instructions is the "
        "breadth a specialist needs, so put it into rubrics and evaluation design for your domain"
        if answers.orchestrate
        else "add cross-domain communication, AI literacy and evaluation design"
    )
    lead = (
        "Lead with your credentialed specialty"
        if answers.credentials
        else "Lead with the domain whose standards you know best"
    )
    return f"{lead} — compliance reviews, domain benchmarks, adversarial tests — then {how}."


def _notes(answers: Answers) -> tuple[str, ...]:
    notes = []
    if answers.early and answers.credentials:
        notes.append(
            "You said you are both early in your career and mid-career with credentials. "
            "We read that as credentials from another field and new to evaluation work: "
            "lead with the credentials, and build the generalist reasoning and writing base "
            "alongside them rather than after."
        )
    if answers.orchestrate and answers.rigor and (answers.early or answers.credentials):
        notes.append(
            "You enjoy both orchestration and rigor: your career stage decides what to lead "
            "with, and the other side becomes your second strength."
        )
    if answers.rigor and not answers.orchestrate and answers.early and not answers.credentials:
        notes.append(
            "You crave rigor but are early in your career: specialist work asks for visible "
            "proofs (credentials, standards, audits), so a generalist base comes first and "
            "your rigor decides which domain to deepen."
        )
    if answers.orchestrate and not answers.rigor and answers.credentials:
        notes.append(
            "You enjoy orchestration but hold credentials: lead with the credentials, which "
            "unlock the higher rate ceiling, and let orchestration make you T-shaped quickly."
        )
    return tuple(notes)


def _target(path: Path) -> tuple[Shape, str]:
    if path is Path.HYBRID:
        return (
            Shape.PI_SHAPED,
            "π-shaped: broad evaluation fluency with two deep pillars, reached through a "
            "T-shape first.",
        )
    if path is Path.SPECIALIST_FIRST:
        return (
            Shape.T_SHAPED,
            "T-shaped from the deep side: your specialty is the stem, cross-domain evaluation "
            "skills the bar.",
        )
    return (
        Shape.T_SHAPED,
        "T-shaped from the broad side: generalist evaluation skills are the bar, the domain "
        "you deepen is the stem.",
    )


def suggestion_for(answers: Answers) -> Suggestion:
    """The suggested path, why, and its next concrete steps, for any four answers."""
    path = path_for(answers)
    target, target_text = _target(path)
    reasons = tuple(
        Reason(question=q.question, text=q.text, advice=q.advice)
        for q in QUESTIONS
        if answers.said_yes(q.question)
    )
    if path is Path.HYBRID:
        risk = f"{GENERALIST_RISK} {SPECIALIST_RISK}"
    elif path is Path.SPECIALIST_FIRST:
        risk = SPECIALIST_RISK
    else:
        risk = GENERALIST_RISK
    return Suggestion(
        path=path,
        headline=HEADLINES[path],
        summary=_summary(path, answers),
        target=target,
        target_text=target_text,
        reasons=reasons,
        notes=_notes(answers),
        risk=risk,
        steps=steps_for(path, answers),
    )
