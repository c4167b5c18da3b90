"""The next concrete steps of a path, each on the page where it happens."""

from dataclasses import dataclass

from django.urls import reverse

from guide.income import GENERALIST_EXAMPLE, SPECIALIST_EXAMPLE, query_of
from guide.matrix import ALL_DOMAINS, RIGOROUS_DOMAINS, Answers, Path


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    detail: str
    url: str
    link_text: str
    # Public steps link for everyone; the others only for people who are logged in.
    public: bool = False


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


def steps_for(path: Path, answers: Answers) -> tuple[Step, ...]:
    """What to do next, in the order the path takes it; the income rhythm and submitting
    always come last."""
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
