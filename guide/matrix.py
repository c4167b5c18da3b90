"""The article's decision matrix: its four questions, a person's answers, and the path
they point to. Career stage decides what to lead with (it is what the matrix is most
definite about); how someone likes to work breaks the tie when no stage was given."""

from dataclasses import dataclass
from enum import StrEnum


class Question(StrEnum):
    ORCHESTRATE = "orchestrate"
    RIGOR = "rigor"
    EARLY_CAREER = "early"
    CREDENTIALS = "credentials"


@dataclass(frozen=True)
class QuestionText:
    question: Question
    text: str
    advice: str


# The decision matrix, as the article puts it.
QUESTIONS = (
    QuestionText(
        Question.ORCHESTRATE,
        "Do you enjoy orchestrating messy problems and writing clear instructions?",
        "Lean generalist, then deepen one domain you like.",
    ),
    QuestionText(
        Question.RIGOR,
        "Do you crave technical rigor and formal standards?",
        "Lean specialist, then add cross-domain communication.",
    ),
    QuestionText(
        Question.EARLY_CAREER,
        "Are you early in your career?",
        "Build generalist reasoning and writing first; then specialize based on interest "
        "and market traction.",
    ),
    QuestionText(
        Question.CREDENTIALS,
        "Are you mid-career with credentials (for example CFA, RN, JD, PhD)?",
        "Lead with your specialty; augment it with AI literacy and evaluation design.",
    ),
)
QUESTION_TEXT = {q.question: q for q in QUESTIONS}


@dataclass(frozen=True)
class Answers:
    orchestrate: bool
    rigor: bool
    early: bool
    credentials: bool

    def said_yes(self, question: Question) -> bool:
        return bool(getattr(self, question.value))


class Path(StrEnum):
    GENERALIST_FIRST = "generalist_first"
    SPECIALIST_FIRST = "specialist_first"
    HYBRID = "hybrid"
    START_BROAD = "start_broad"


HEADLINES = {
    Path.GENERALIST_FIRST: "Lean generalist, then deepen one domain",
    Path.SPECIALIST_FIRST: "Lead with your specialty, then broaden",
    Path.HYBRID: "Go hybrid: a generalist base with a deep pillar from the start",
    Path.START_BROAD: "Start broad, and let one domain pull you deeper",
}

RIGOROUS_DOMAINS = "finance, healthcare, legal, security or math"
ALL_DOMAINS = "finance, healthcare, legal, software engineering, security or math"


def path_for(answers: Answers) -> Path:
    """What to lead with: career stage first, then how someone likes to work."""
    if answers.credentials:
        # Credentials are the strongest signal the article names, even for someone
        # who also calls themselves early-career (a career changer).
        return Path.SPECIALIST_FIRST
    if answers.early:
        return Path.GENERALIST_FIRST
    if answers.orchestrate and answers.rigor:
        return Path.HYBRID
    if answers.rigor:
        return Path.SPECIALIST_FIRST
    if answers.orchestrate:
        return Path.GENERALIST_FIRST
    return Path.START_BROAD
