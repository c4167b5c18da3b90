"""Planning one synthetic expert, a pure function of (seed, number): the account, the
skill-profile document and its rows, the artifacts, the work samples and perhaps a 60–90 day
plan, as unsaved rows whose parents are objects, so seeding/scale.py can insert them table
by table; and the story of what happens to their portfolio (rounds.py plans it)."""

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import models
from django.utils.text import slugify

from onboarding.models import DeepeningPlan
from onboarding.workflow import DRAFT, State
from portfolio.models import (
    AdversarialCase,
    AdversarialTestPlan,
    Benchmark,
    BenchmarkItem,
    Evidence,
    WorkSample,
)
from profiles.documents import profile_parts_from_document
from profiles.models import Profile, User
from profiles.shape import DEEP_DEPTH, Shape
from rubrics.content import RubricContent
from rubrics.models import Criterion, DisallowedBehaviour, Rubric, ScaleLevel
from seeding import words
from seeding.plan import artifacts
from seeding.plan.artifacts import cap

EXPERT_EMAIL = "scale-{}@example.com"
SUBMITTED_WITHIN_DAYS = 60

# DRAFT: no round yet, the portfolio still a draft.
RESUBMITTED = "resubmitted"  # round 1 changes requested, round 2 open
# What happened to each expert's portfolio, dealt in this order so that any 25 experts in a
# row hold every state (and rounds with two reviews): adjudication always has two.
STORIES = (
    State.SUBMITTED, State.APPROVED, RESUBMITTED, State.IN_REVIEW, State.SUBMITTED,
    State.CHANGES_REQUESTED, DRAFT, State.APPROVED, State.IN_REVIEW, RESUBMITTED,
    State.SUBMITTED, State.REJECTED, State.ADJUDICATION, State.APPROVED, State.IN_REVIEW,
    State.SUBMITTED, RESUBMITTED, State.WITHDRAWN, State.CHANGES_REQUESTED, State.APPROVED,
    State.IN_REVIEW, DRAFT, State.SUBMITTED, RESUBMITTED, State.REJECTED,
)  # fmt: skip
# Shape -> weight; each expert's domains and depths are drawn to make that shape.
SHAPES = {
    Shape.GENERALIST: 25,
    Shape.EMERGING: 5,
    Shape.SPECIALIST: 15,
    Shape.T_SHAPED: 30,
    Shape.PI_SHAPED: 15,
    Shape.COMB_SHAPED: 10,
}


def _unique(texts: Sequence[str], limit: int) -> list[str]:
    """The first `limit` texts, each once whatever its capitalisation."""
    seen, kept = set(), []
    for text in texts:
        if text.casefold() not in seen:
            seen.add(text.casefold())
            kept.append(text)
    return kept[:limit]


def _draw(rng: random.Random, values: tuple[int, ...], count: int) -> list[int]:
    return [rng.choice(values) for _ in range(count)]


def _depths(rng: random.Random, shape: Shape) -> list[int]:
    """Depths (deepest first) whose shape is `shape` by the rule of profiles/shape.py."""
    deep, working = (4, 5), (2, 3)
    familiar = [1] * rng.randint(0, 1)
    if shape == Shape.GENERALIST:
        depths = _draw(rng, working, rng.randint(3, 6)) + familiar
    elif shape == Shape.EMERGING:
        depths = _draw(rng, (1, 2, 3), rng.randint(1, 2)) + familiar
    elif shape == Shape.SPECIALIST:
        if rng.random() < 0.7:
            depths = _draw(rng, deep, 1) + _draw(rng, working, rng.randint(0, 1)) + familiar
        else:
            depths = _draw(rng, deep, 2) + familiar
    elif shape == Shape.T_SHAPED:
        depths = _draw(rng, deep, 1) + _draw(rng, working, rng.randint(2, 4)) + familiar
    elif shape == Shape.PI_SHAPED:
        depths = _draw(rng, deep, 2) + _draw(rng, working, rng.randint(1, 3)) + familiar
    else:
        depths = _draw(rng, deep, rng.randint(3, 4)) + _draw(rng, working, rng.randint(0, 2))
    return sorted(depths, reverse=True)


def _document(rng: random.Random, number: int) -> tuple[dict, list[words.Domain]]:
    """A valid skill-profile document in the order profiles.documents exports it."""
    depths = _depths(rng, rng.choices(list(SHAPES), weights=list(SHAPES.values()))[0])
    domains = rng.sample(words.DOMAINS, len(depths))
    main = domains[0]
    fill = {
        "Role": cap(main.role),
        "role": main.role,
        "Domain": cap(main.name),
        "domain": main.name,
        "domain2": domains[1].name if len(domains) > 1 else "",
        "years": rng.randint(3, 25),
        "topic": rng.choice(main.topics),
    }
    headlines = [h for h in words.HEADLINES if len(domains) > 1 or "{domain2}" not in h]
    document: dict = {"headline": rng.choice(headlines).format(**fill)}
    if rng.random() < 0.85:
        document["bio"] = cap(rng.choice(words.BIOS).format(**fill))
    document["domains"] = [domain.name for domain in domains]
    # A domain at depth 2 is sometimes left without one: it counts as 2 all the same.
    given = {
        domain.name: depth
        for domain, depth in zip(domains, depths, strict=True)
        if depth != 2 or rng.random() < 0.7
    }
    if given:
        document["domain_depth"] = given
    _add_skills(document, rng, domains, depths)
    _add_terms(document, rng, domains, number)
    return document, domains


# The helpers below add their keys in the document's order and draw from `rng` in a fixed
# order: the same seed must keep giving the same experts.


def _add_skills(
    document: dict, rng: random.Random, domains: list[words.Domain], depths: list[int]
) -> None:
    """Strengths, credentials (from the domains known at depth 3 or more) and tools."""
    if rng.random() < 0.7:
        document["strengths"] = rng.sample(words.STRENGTHS, rng.randint(2, 4))
    if rng.random() < 0.85:
        qualified = [d for d, depth in zip(domains, depths, strict=True) if depth >= 3]
        qualified = qualified or [domains[0]]
        credentials = [c for d in qualified for c in d.credentials[: rng.randint(1, 2)]]
        document["credentials"] = _unique(credentials, rng.randint(1, 3))
    if rng.random() < 0.8:
        tools = [t for d in domains[:2] for t in d.tools]
        tools += rng.sample(words.GENERIC_TOOLS, rng.randint(1, 2))
        document["tools"] = _unique(tools, rng.randint(2, 5))


def _add_terms(
    document: dict, rng: random.Random, domains: list[words.Domain], number: int
) -> None:
    """Availability, declined topics, the rate, linked work samples and the visibility."""
    availability = {}
    if rng.random() < 0.85:
        availability["hours_per_week"] = rng.choice((5, 10, 10, 15, 20, 20, 25, 30, 40))
    if rng.random() < 0.8:
        availability["timezone"] = rng.choice(words.TIME_ZONES)
    if availability:
        document["availability"] = availability
    if rng.random() < 0.3:
        document["topics_declined"] = rng.sample(words.DECLINED_TOPICS, rng.randint(1, 2))
    if rng.random() < 0.75:
        amount = rng.randint(25, 150) + rng.choice((0, 0, 0, 0.5))
        document["hourly_rate"] = {"amount": amount, "currency": rng.choice(words.CURRENCIES)}
    if rng.random() < 0.6:
        document["work_samples"] = [
            {"title": title, "type": kind, "link": _link(number, title)}
            for title, kind in _sample_titles(rng, domains, rng.randint(1, 2))
        ]
    visibility = rng.random()
    if visibility < 0.45:
        document["visibility"] = "public"
    elif visibility < 0.8:
        document["visibility"] = "private"


def _sample_titles(rng: random.Random, domains: list[words.Domain], count: int) -> list:
    picked = []
    for template, kind in rng.sample(words.SAMPLE_TITLES, count):
        domain = rng.choice(domains)
        topic = rng.choice(domain.topics)
        title = template.format(
            Domain=cap(domain.name), domain=domain.name, Topic=cap(topic), topic=topic
        )
        picked.append((title, kind))
    return picked


def _link(number: int, title: str) -> str:
    return f"https://scale-{number}.example.org/{slugify(title)[:60]}"


@dataclass
class ExpertPlan:
    """One expert's account, profile and artifacts as unsaved rows, and what happened next."""

    number: int
    rng: random.Random
    user: User
    document: dict
    story: str
    rows: dict[type[models.Model], list[models.Model]]
    rubrics: list[tuple[Rubric, RubricContent]] = field(default_factory=list)
    benchmarks: list[tuple[Benchmark, list[BenchmarkItem]]] = field(default_factory=list)
    test_plans: list[tuple[AdversarialTestPlan, list[AdversarialCase]]] = field(
        default_factory=list
    )
    work_samples: list[WorkSample] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


def plan_expert(*, seed: int, number: int, password_hash: str, now: datetime) -> ExpertPlan:
    """Expert `number` of the seed, as unsaved rows; the same arguments give the same expert."""
    rng = random.Random(f"{seed}:{number}")  # noqa: S311 - test data, not secrets
    name = f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"
    user = User(
        email=EXPERT_EMAIL.format(number),
        name=name,
        password=password_hash,
        date_joined=now - timedelta(days=SUBMITTED_WITHIN_DAYS + rng.uniform(1, 400)),
    )
    story = STORIES[(number + seed) % len(STORIES)]
    document, domains = _document(rng, number)
    rows: dict[type[models.Model], list[models.Model]] = defaultdict(list)
    parts = profile_parts_from_document(document)
    profile = Profile(user=user, slug=f"{slugify(name)}-scale-{number}", **parts.fields)
    rows[Profile].append(profile)
    for model, children in parts.children.items():
        for child in children:
            child.profile = profile
        rows[model].extend(children)
    plan = ExpertPlan(number, rng, user, document, story, rows)
    # The document's work samples are portfolio work samples, as an import makes them.
    plan.work_samples += [
        WorkSample(
            owner=user, title=entry["title"], sample_type=entry.get("type", ""), url=entry["link"]
        )
        for entry in parts.work_samples
    ]
    # In this order: each draws from the expert's one random sequence.
    _plan_rubrics(plan, domains)
    _plan_benchmarks_and_test_plans(plan, domains)
    _plan_work_samples(plan, domains)
    _plan_deepening(plan, domains, now)
    _plan_evidence(plan)
    # ...and the document lists every linked sample, as an export (and a submission) reads it.
    document["work_samples"] = [
        {
            "title": sample.title,
            **({"type": sample.sample_type} if sample.sample_type else {}),
            "link": sample.url,
        }
        for sample in plan.work_samples
    ]
    return plan


def _plan_evidence(plan: ExpertPlan) -> None:
    """Every deep domain shows its benchmark, or else the first rubric (drawing nothing from
    the random sequence, so the rest of the expert stays as it was)."""
    depths = plan.document.get("domain_depth", {})
    benchmarks = {benchmark.domain.casefold(): benchmark for benchmark, _ in plan.benchmarks}
    for name in plan.document["domains"]:
        if depths.get(name, 0) < DEEP_DEPTH:
            continue
        benchmark = benchmarks.get(name.casefold())
        artifact = {"benchmark": benchmark} if benchmark else {"rubric": plan.rubrics[0][0]}
        plan.evidence.append(Evidence(owner=plan.user, domain=name, **artifact))
    plan.rows[Evidence] += plan.evidence


def _plan_rubrics(plan: ExpertPlan, domains: list[words.Domain]) -> None:
    """One portfolio rubric, sometimes two, with their levels, criteria and behaviours."""
    rng, rows = plan.rng, plan.rows
    for _ in range(1 if rng.random() < 0.8 else 2):
        content = artifacts.rubric_content(rng, domains)
        rubric = Rubric(
            owner=plan.user,
            kind=Rubric.Kind.ARTIFACT,
            title=content.title,
            objective=content.objective,
            pass_score=content.pass_score,
            sources=content.sources,
            level_scores=[level.score for level in content.levels],
        )
        rows[Rubric].append(rubric)
        for position, level_content in enumerate(content.levels):
            level = ScaleLevel(rubric=rubric, score=level_content.score, position=position)
            rows[ScaleLevel].append(level)
            rows[Criterion] += [
                Criterion(level=level, text=text, position=index)
                for index, text in enumerate(level_content.criteria)
            ]
        rows[DisallowedBehaviour] += [
            DisallowedBehaviour(rubric=rubric, text=text, position=index)
            for index, text in enumerate(content.disallowed)
        ]
        plan.rubrics.append((rubric, content))


def _plan_benchmarks_and_test_plans(plan: ExpertPlan, domains: list[words.Domain]) -> None:
    rng, rows = plan.rng, plan.rows
    # A submitted portfolio needs a benchmark; a draft may not have one yet.
    count = 1 if plan.story != DRAFT or rng.random() < 0.7 else 0
    if rng.random() < 0.1:
        count += 1
    for domain in domains[:count]:
        plan.benchmarks.append(artifacts.benchmark(rng, plan.user, domain))
    for _ in range(rng.choices((0, 1, 2), (15, 75, 10))[0]):
        plan.test_plans.append(artifacts.test_plan(rng, plan.user, rng.choice(domains[:2])))
    for benchmark, items in plan.benchmarks:
        rows[Benchmark].append(benchmark)
        rows[BenchmarkItem] += items
    for test_plan, cases in plan.test_plans:
        rows[AdversarialTestPlan].append(test_plan)
        rows[AdversarialCase] += cases


def _plan_work_samples(plan: ExpertPlan, domains: list[words.Domain]) -> None:
    """Two or three linked work samples."""
    rng = plan.rng
    for title, kind in _sample_titles(rng, domains, rng.randint(2, 3)):
        description = rng.choice(words.SAMPLE_DESCRIPTIONS).format(
            count=rng.randint(20, 400), topic=rng.choice(domains[0].topics), domain=domains[0].name
        )
        sample = WorkSample(
            owner=plan.user,
            title=title,
            sample_type=kind,
            description=description,
            url=_link(plan.number, title),
        )
        plan.work_samples.append(sample)
    plan.rows[WorkSample] += plan.work_samples  # with those of the document, first


def _plan_deepening(plan: ExpertPlan, domains: list[words.Domain], now: datetime) -> None:
    """A 60–90 day plan for about a third of the experts, set within the last month."""
    rng = plan.rng
    if rng.random() < 0.3:
        set_on = (now - timedelta(days=rng.randint(0, 30))).date()
        plan.rows[DeepeningPlan].append(
            DeepeningPlan(
                owner=plan.user,
                domain=domains[0].name,
                set_on=set_on,
                target_date=set_on + timedelta(days=rng.randint(60, 90)),
            )
        )
