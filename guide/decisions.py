"""The article's generalist/specialist guidance: its comparison, its decision matrix and the
path that a set of answers to the matrix's four questions suggests.

Career stage decides what to lead with (it is what the article's matrix is most definite
about); the two questions on how someone likes to work decide where to deepen or how to
broaden, and break the tie when no stage was given.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.urls import reverse

from guide.income import GENERALIST_EXAMPLE, SPECIALIST_EXAMPLE, query_of
from profiles.shape import EXAMPLES, Shape, ShapeResult, shape_of


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


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    detail: str
    url: str
    link_text: str
    # Public steps link for everyone; the others only for people who are logged in.
    public: bool = False


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


RIGOROUS_DOMAINS = "finance, healthcare, legal, security or math"
ALL_DOMAINS = "finance, healthcare, legal, software engineering, security or math"

GENERALIST_RISK = (
    "The generalist risk is being seen as a jack of all trades without a clear edge: "
    "showcase one or two deep achievements."
)
SPECIALIST_RISK = (
    "The specialist risk is narrow demand if your domain slows: add cross-domain "
    "evaluation skills and communication."
)


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


def _summary(path: Path, answers: Answers) -> str:
    if path is Path.START_BROAD:
        return (
            "None of the four questions pulls you strongly either way, so follow the "
            "article's default sequence: build a generalist base in reasoning evaluation, "
            "prompt design and rubric writing, which has the fastest onboarding, and notice "
            "which domain you want to go deeper in within 60–90 days."
        )
    if path is Path.HYBRID:
        return (
            "You enjoy both orchestration and rigor, the hybrid profile the article says often "
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


def _profile_step(path: Path, answers: Answers) -> Step:
    if path is Path.SPECIALIST_FIRST:
        detail = (
            "Lead with your domain authority: put your credentials"
            + (" (CFA, RN, JD, PhD...)" if answers.credentials else " and standards you know")
            + " in a plain-language bio, mark your deep domain at expert depth, and list "
            "your availability and the topics you won't touch."
        )
    else:
        detail = (
            "Write a plain-language bio, list the domains you know with a depth for each, "
            "your tools and your availability (hours a week, time zone)."
        )
    return Step(
        "profile", "Complete your profile", detail, reverse("profile_edit"), "Edit your profile"
    )


def _rubric_step(path: Path) -> Step:
    if path is Path.SPECIALIST_FIRST:
        title = "Write a reasoning rubric to show evaluation design"
        detail = (
            "Your cross-domain artifact: an objective, a scale with explicit pass/fail and "
            "gradations, and disallowed behaviours, written so a non-expert could apply it."
        )
    else:
        title = "Write a reasoning rubric, your generalist artifact"
        detail = (
            "An objective, a scale with explicit pass/fail and gradations, and disallowed "
            "behaviours. If a non-expert can apply it, you are doing it right."
        )
    return Step("rubric", title, detail, reverse("rubric_new"), "Start a rubric")


def _benchmark_step(path: Path, answers: Answers) -> Step:
    if path is Path.SPECIALIST_FIRST:
        title = "Pilot a domain benchmark in your specialty"
        detail = (
            "Your specialist artifact: a measurable goal, 10–20 items with reference answers, "
            "documented sources and the tricky edge cases only practice teaches."
        )
    else:
        title = "Pilot a domain benchmark in the domain you deepen"
        detail = (
            "Your specialist artifact: a measurable goal and 10–20 items with reference "
            "answers, sources and adversarial cases. Calibrate, then scale."
        )
    return Step("benchmark", title, detail, reverse("benchmark_create"), "Start a benchmark")


def _plan_step(path: Path, answers: Answers) -> Step:
    if path is Path.SPECIALIST_FIRST:
        title = "Set your 60–90 day plan around your specialty"
        detail = (
            "Pick the domain you lead with and a target date 60–90 days ahead; spend the "
            "time adding reasoning evaluation across neighbouring domains."
        )
    elif path is Path.START_BROAD:
        title = "Choose one domain to deepen within 60–90 days"
        detail = (
            "As you write rubrics, notice which topics you enjoy most; pick one "
            f"({ALL_DOMAINS}) and set a target date."
        )
    else:
        domains = RIGOROUS_DOMAINS if answers.rigor or path is Path.HYBRID else ALL_DOMAINS
        title = "Choose one domain to deepen within 60–90 days"
        detail = f"Pick one ({domains}) and set a target date 60–90 days ahead."
    return Step("plan", title, detail, reverse("dashboard"), "Set your plan on the dashboard")


def _samples_step() -> Step:
    return Step(
        "samples",
        "Add two strong work samples",
        "Published posts, technical memos, reports or peer reviews that show your reasoning "
        "quality; 2–3 artifacts in all signal credibility.",
        reverse("work_sample_create"),
        "Add a work sample",
    )


def _test_plan_step() -> Step:
    return Step(
        "test_plan",
        "Write an adversarial test plan from your domain's adversaries",
        "Scope, threat model and cases (attack, expected safe behaviour, severity) drawn from "
        "how things go wrong in practice.",
        reverse("test_plan_create"),
        "Start a test plan",
    )


def _rhythm_step(path: Path) -> Step:
    if path is Path.SPECIALIST_FIRST:
        query = query_of(SPECIALIST_EXAMPLE.scenario)
    elif path is Path.HYBRID:
        query = query_of(GENERALIST_EXAMPLE.scenario, SPECIALIST_EXAMPLE.scenario)
    else:
        query = query_of(GENERALIST_EXAMPLE.scenario)
    return Step(
        "rhythm",
        "Plan a delivery rhythm of 10–20 hours a week",
        "A steady rhythm stabilises income and reputation; see what your rate and hours earn "
        "in a year.",
        f"{reverse('income_calculator')}?{query}",
        "Open the income calculator",
        public=True,
    )


def _submit_step() -> Step:
    return Step(
        "submit",
        "Submit your portfolio for review",
        "Reviewers score it against a published rubric; read their feedback, revise and resubmit.",
        reverse("submit"),
        "Go to submission",
    )


def _steps(path: Path, answers: Answers) -> tuple[Step, ...]:
    profile = _profile_step(path, answers)
    rubric = _rubric_step(path)
    benchmark = _benchmark_step(path, answers)
    plan = _plan_step(path, answers)
    samples = _samples_step()
    if path is Path.SPECIALIST_FIRST:
        ordered = [profile, benchmark]
        if answers.rigor:
            ordered.append(_test_plan_step())
        ordered += [rubric, samples, plan]
    elif path is Path.HYBRID:
        ordered = [profile, rubric, plan, benchmark, samples]
    else:
        ordered = [profile, rubric, samples, plan, benchmark]
    return (*ordered, _rhythm_step(path), _submit_step())


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
        steps=_steps(path, answers),
    )


# --- The article's comparison and the five shapes, as the landing page shows them -----


@dataclass(frozen=True)
class Comparison:
    dimension: str
    generalist: str
    specialist: str


COMPARISON = (
    Comparison("Ambiguity tolerance", "High", "Medium"),
    Comparison("Depth vs breadth", "Breadth with a depth spike", "Deep, narrow or regulated depth"),
    Comparison(
        "Typical tasks",
        "Reasoning evaluation, prompts, rubrics",
        "Compliance review, domain benchmarks",
    ),
    Comparison("Time to onboard", "Fast", "Medium to slow"),
    Comparison("Rate ceiling", "Medium to high", "High"),
    Comparison(
        "Risk of automation",
        "Lower with synthesis skills",
        "Lower if the domain is complex or regulated",
    ),
    Comparison(
        "Career resilience", "High, via cross-domain mobility", "High, via credentialed authority"
    ),
)

SHAPE_DESCRIPTIONS = {
    Shape.GENERALIST: (
        "Breadth across domains. Stitches systems and people together and shines where "
        "ambiguity is high: reasoning evaluation, prompt design, rubric writing."
    ),
    Shape.SPECIALIST: (
        "Owns depth. Essential where correctness, rigor and domain standards define quality: "
        "regulated reviews, ground-truth data, domain benchmarks."
    ),
    Shape.T_SHAPED: (
        "Breadth across domains with depth in one, such as broad AI literacy with deep "
        "finance. The article's recommended profile."
    ),
    Shape.PI_SHAPED: (
        "Breadth with two deep pillars, such as statistics and healthcare, or law and NLP."
    ),
    Shape.COMB_SHAPED: (
        "Several narrower depths, often seen in seasoned consultants and evaluators who have "
        "moved across domains."
    ),
}


@dataclass(frozen=True)
class ShapeCard:
    shape: Shape
    result: ShapeResult
    description: str
    figure_id: str


def shape_gallery() -> tuple[ShapeCard, ...]:
    """The five shapes, each drawn from its example profile."""
    return tuple(
        ShapeCard(
            shape=shape,
            result=shape_of(EXAMPLES[shape]),
            description=SHAPE_DESCRIPTIONS[shape],
            figure_id=f"shape-example-{shape.value.replace('_', '-')}",
        )
        for shape in EXAMPLES
    )
