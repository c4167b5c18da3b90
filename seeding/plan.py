"""Planning synthetic experts for seeding.py: pure functions of (seed, number).

An expert comes out as unsaved rows (account, profile, rubrics, benchmarks, test plans, work
samples) whose parents are objects, so seeding.py can insert them table by table, and their
rounds as plans: states, reviews with their levels, and the audit entries, in the order the
workflow moves a round.
"""

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import models
from django.utils.text import slugify

from onboarding.models import AuditEntry, DeepeningPlan
from onboarding.services.reviews import disagreement_note, recommendation_note
from onboarding.workflow import Decision, State, decided_state
from portfolio.models import (
    AdversarialCase,
    AdversarialTestPlan,
    Benchmark,
    BenchmarkItem,
    WorkSample,
)
from profiles.documents import profile_parts_from_document
from profiles.models import Profile, User
from profiles.shape import Shape
from rubrics.content import LevelContent, RubricContent
from rubrics.models import Criterion, DisallowedBehaviour, Rubric, ScaleLevel
from seeding import words

EXPERT_EMAIL = "scale-{}@example.com"
SUBMITTED_WITHIN_DAYS = 60

DRAFT = "draft"  # no round yet
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


# --- Planning one expert: pure, from (seed, number) -------------------------------------------


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


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
        "Role": _cap(main.role),
        "role": main.role,
        "Domain": _cap(main.name),
        "domain": main.name,
        "domain2": domains[1].name if len(domains) > 1 else "",
        "years": rng.randint(3, 25),
        "topic": rng.choice(main.topics),
    }
    headlines = [h for h in words.HEADLINES if len(domains) > 1 or "{domain2}" not in h]
    document: dict = {"headline": rng.choice(headlines).format(**fill)}
    if rng.random() < 0.85:
        document["bio"] = _cap(rng.choice(words.BIOS).format(**fill))
    document["domains"] = [domain.name for domain in domains]
    # A domain at depth 2 is sometimes left without one: it counts as 2 all the same.
    given = {
        domain.name: depth
        for domain, depth in zip(domains, depths, strict=True)
        if depth != 2 or rng.random() < 0.7
    }
    if given:
        document["domain_depth"] = given
    if rng.random() < 0.7:
        document["strengths"] = rng.sample(words.STRENGTHS, rng.randint(2, 4))
    if rng.random() < 0.85:
        qualified = [d for d, depth in zip(domains, depths, strict=True) if depth >= 3] or [main]
        credentials = [c for d in qualified for c in d.credentials[: rng.randint(1, 2)]]
        document["credentials"] = _unique(credentials, rng.randint(1, 3))
    if rng.random() < 0.8:
        tools = [t for d in domains[:2] for t in d.tools]
        tools += rng.sample(words.GENERIC_TOOLS, rng.randint(1, 2))
        document["tools"] = _unique(tools, rng.randint(2, 5))
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
    return document, domains


def _sample_titles(rng: random.Random, domains: list[words.Domain], count: int) -> list:
    picked = []
    for template, kind in rng.sample(words.SAMPLE_TITLES, count):
        domain = rng.choice(domains)
        topic = rng.choice(domain.topics)
        title = template.format(
            Domain=_cap(domain.name), domain=domain.name, Topic=_cap(topic), topic=topic
        )
        picked.append((title, kind))
    return picked


def _link(number: int, title: str) -> str:
    return f"https://scale-{number}.example.org/{slugify(title)[:60]}"


def _rubric_content(rng: random.Random, domains: list[words.Domain]) -> RubricContent:
    domain = rng.choice(domains)
    fill = {"domain": domain.name, "Domain": _cap(domain.name), "topic": rng.choice(domain.topics)}
    scores = rng.choice(words.SCALES)
    levels = []
    for index, score in enumerate(scores):
        if index == 0:
            pool = words.TOP_CRITERIA
        elif index == len(scores) - 1:
            pool = words.LOW_CRITERIA
        else:
            pool = words.MIDDLE_CRITERIA
        levels.append(LevelContent(score, tuple(rng.sample(pool, rng.randint(1, 3)))))
    return RubricContent(
        title=rng.choice(words.RUBRIC_TITLES).format(**fill),
        objective=rng.choice(words.RUBRIC_OBJECTIVES).format(**fill),
        pass_score=scores[len(scores) // 2] if rng.random() < 0.6 else None,
        sources=domain.sources if rng.random() < 0.5 else "",
        levels=tuple(levels),
        disallowed=tuple(rng.sample(words.DISALLOWED, rng.randint(0, 3))),
    )


def _benchmark(
    rng: random.Random, user: User, domain: words.Domain
) -> tuple[Benchmark, list[BenchmarkItem]]:
    topic, topic2 = rng.sample(domain.topics, 2)
    fill = {
        "Domain": _cap(domain.name),
        "domain": domain.name,
        "Topic": _cap(topic),
        "topic": topic,
        "topic2": topic2,
    }
    metric, target = rng.choice(words.METRICS)
    description = ""
    if rng.random() < 0.7:
        description = (
            f"Checks whether a model reasons about {topic} and {topic2} the way a "
            f"{domain.role} would."
        )
    benchmark = Benchmark(
        owner=user,
        title=rng.choice(words.BENCHMARK_TITLES).format(**fill),
        domain=domain.name,
        description=description,
        metric=metric,
        target=target.format(n=rng.choice((80, 85, 90, 95))) if rng.random() < 0.9 else "High",
        sources=domain.sources if rng.random() < 0.7 else "",
    )
    # Most are pilots (10–20 items); some are still short of one, a few are past it.
    size = rng.random()
    if size < 0.55:
        count = rng.randint(10, 20)
    elif size < 0.8:
        count = rng.randint(4, 9)
    else:
        count = rng.randint(21, 40)
    items = []
    for position in range(count):
        item_topic, item_topic2 = rng.sample(domain.topics, 2)
        text = {"topic": item_topic, "topic2": item_topic2, "domain": domain.name}
        text["caveat"] = rng.choice(words.CAVEATS)
        adversarial = rng.random() < 0.2
        prompts = words.ADVERSARIAL_PROMPTS if adversarial else words.ITEM_PROMPTS
        answers = words.ADVERSARIAL_ANSWERS if adversarial else words.REFERENCE_ANSWERS
        items.append(
            BenchmarkItem(
                benchmark=benchmark,
                position=position,
                prompt=rng.choice(prompts).format(**text),
                reference_answer=rng.choice(answers).format(**text),
                rationale=rng.choice(words.RATIONALES),
                difficulty=rng.choice(("easy", "medium", "medium", "hard")),
                adversarial=adversarial,
                source=domain.sources.split(";")[0] if rng.random() < 0.5 else "",
            )
        )
    return benchmark, items


def _test_plan(
    rng: random.Random, user: User, domain: words.Domain
) -> tuple[AdversarialTestPlan, list[AdversarialCase]]:
    topic = rng.choice(domain.topics)
    fill = {"role": domain.role, "domain": domain.name, "topic": topic}
    threat_title, threat = rng.choice(words.THREATS)
    goal = "Handle misuse safely."  # not measurable: its checklist item stays open
    if rng.random() < 0.8:
        safe = rng.choice((90, 95, 99))
        goal = f"No critical case fails; at least {safe}% of cases handled safely."
    plan = AdversarialTestPlan(
        owner=user,
        title=f"{_cap(domain.name)} assistant: {threat_title.lower()}",
        scope=f"A model answering {domain.name} questions from the public and from "
        f"practitioners, including questions on {topic}.",
        threat_model=threat.format(**fill),
        goal=goal,
        sources=domain.sources if rng.random() < 0.6 else "",
    )
    cases = []
    for position in range(rng.randint(3, 12)):
        attack, expected = rng.choice(words.ATTACKS)
        fill["topic"] = rng.choice(domain.topics)
        cases.append(
            AdversarialCase(
                plan=plan,
                position=position,
                attack=attack.format(**fill),
                expected_behaviour=expected.format(**fill),
                severity=rng.choices(("low", "medium", "high", "critical"), (2, 4, 3, 1))[0],
            )
        )
    return plan, cases


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

    for _ in range(1 if rng.random() < 0.8 else 2):
        content = _rubric_content(rng, domains)
        rubric = Rubric(
            owner=user,
            kind=Rubric.Kind.ARTIFACT,
            title=content.title,
            objective=content.objective,
            pass_score=content.pass_score,
            sources=content.sources,
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

    # A submitted portfolio needs a benchmark; a draft may not have one yet.
    benchmarks = 1 if story != DRAFT or rng.random() < 0.7 else 0
    if rng.random() < 0.1:
        benchmarks += 1
    for domain in domains[:benchmarks]:
        plan.benchmarks.append(_benchmark(rng, user, domain))
    for _ in range(rng.choices((0, 1, 2), (15, 75, 10))[0]):
        plan.test_plans.append(_test_plan(rng, user, rng.choice(domains[:2])))
    for benchmark, items in plan.benchmarks:
        rows[Benchmark].append(benchmark)
        rows[BenchmarkItem] += items
    for test_plan, cases in plan.test_plans:
        rows[AdversarialTestPlan].append(test_plan)
        rows[AdversarialCase] += cases

    for title, kind in _sample_titles(rng, domains, rng.randint(2, 3)):
        description = rng.choice(words.SAMPLE_DESCRIPTIONS).format(
            count=rng.randint(20, 400), topic=rng.choice(domains[0].topics), domain=domains[0].name
        )
        sample = WorkSample(
            owner=user,
            title=title,
            sample_type=kind,
            description=description,
            url=_link(number, title),
        )
        plan.work_samples.append(sample)
    rows[WorkSample] += plan.work_samples

    if rng.random() < 0.3:
        set_on = (now - timedelta(days=rng.randint(0, 30))).date()
        rows[DeepeningPlan].append(
            DeepeningPlan(
                owner=user,
                domain=domains[0].name,
                set_on=set_on,
                target_date=set_on + timedelta(days=rng.randint(60, 90)),
            )
        )
    return plan


# --- What happened to a portfolio: rounds, reviews and their audit log -------------------------


@dataclass
class ReviewPlan:
    reviewer: User
    claimed_at: datetime
    decision: str = ""
    comment: str = ""
    submitted_at: datetime | None = None
    scores: list[tuple[int, int, str]] = field(default_factory=list)  # position, level, comment
    flags: list[tuple[int, int]] = field(default_factory=list)  # rubric, behaviour position


@dataclass
class RoundPlan:
    state: str
    submitted_at: datetime
    reviews_required: int
    earlier: bool = False  # round 1 of a resubmission: before the expert's last changes
    reviews: list[ReviewPlan] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)  # (action, actor, from, to, note, at)
    decision: str = ""
    decided_at: datetime | None = None
    adjudicated: bool = False
    note: str = ""

    def log(
        self, action: str, actor: User, from_state: str, to_state: str, at: datetime, note=""
    ) -> None:
        self.events.append((action, actor, from_state, to_state, note, at))


def _later(rng: random.Random, start: datetime, now: datetime, *, days: float) -> datetime:
    """A moment after `start`, within `days` and before `now`."""
    end = min(now, start + timedelta(days=days))
    return start + (end - start) * rng.uniform(0.05, 0.6)


def _decision_for(state: str) -> str:
    return next(value for value in Decision.values if decided_state(value) == state)


# The share of the scale a reviewer's levels fall in, by their decision.
QUALITY = {
    Decision.APPROVE: (0.7, 1.0),
    Decision.REQUEST_CHANGES: (0.35, 0.7),
    Decision.REJECT: (0.0, 0.35),
}


def _score(rng: random.Random, review: ReviewPlan, instrument: dict, *, draft: bool) -> None:
    """A level per rubric of the instrument, high for approval and low for rejection, and
    now and then a disallowed behaviour on a rejection; a draft has some levels or none."""
    quality = rng.uniform(*QUALITY.get(review.decision, (0.2, 0.9)))
    for position, entry in enumerate(instrument.get("rubrics", [])):
        if draft and rng.random() < 0.6:
            continue
        levels = sorted(level["score"] for level in entry["rubric"]["scale"])
        index = round(quality * (len(levels) - 1)) + rng.choice((-1, 0, 0, 0, 1))
        comment = "" if rng.random() < 0.7 else "See the overall comment."
        review.scores.append((position, levels[min(max(index, 0), len(levels) - 1)], comment))
        flagged = review.decision == Decision.REJECT and entry["rubric"].get("disallow")
        if flagged and rng.random() < 0.3:
            review.flags.append((position, 0))


def _submit(
    rng: random.Random,
    plan: RoundPlan,
    review: ReviewPlan,
    decision: str,
    at: datetime,
    instrument: dict,
) -> None:
    review.decision, review.submitted_at = decision, at
    review.comment = rng.choice(words.REVIEW_COMMENTS[decision])
    _score(rng, review, instrument, draft=False)
    note = recommendation_note(decision)
    plan.log(
        AuditEntry.Action.REVIEW_SUBMITTED,
        review.reviewer,
        State.IN_REVIEW,
        State.IN_REVIEW,
        at,
        note,
    )


def plan_round(
    rng: random.Random,
    *,
    state: str,
    submitted_at: datetime,
    now: datetime,
    reviewers: Sequence[User],
    staff: User,
    expert: User,
    instrument: dict,
) -> RoundPlan:
    """A round that reached `state` the way the workflow moves it, with its audit entries."""
    two = state == State.ADJUDICATION or (state != State.WITHDRAWN and rng.random() < 0.3)
    plan = RoundPlan(state=state, submitted_at=submitted_at, reviews_required=2 if two else 1)
    plan.log(AuditEntry.Action.SUBMITTED, expert, State.SUBMITTED, State.SUBMITTED, submitted_at)
    if state == State.SUBMITTED:
        return plan
    if state == State.WITHDRAWN:
        at = _later(rng, submitted_at, now, days=3)
        plan.log(AuditEntry.Action.WITHDRAWN, expert, State.SUBMITTED, State.WITHDRAWN, at)
        return plan
    first, second = rng.sample(list(reviewers), 2)
    at = _later(rng, submitted_at, now, days=5)
    plan.reviews.append(ReviewPlan(first, at))
    plan.log(AuditEntry.Action.CLAIMED, first, State.SUBMITTED, State.IN_REVIEW, at)

    if state == State.IN_REVIEW:
        if two and rng.random() < 0.6:
            at = _later(rng, at, now, days=4)
            _submit(rng, plan, plan.reviews[0], rng.choice(Decision.values), at, instrument)
            if rng.random() < 0.5:
                at = _later(rng, at, now, days=4)
                plan.reviews.append(ReviewPlan(second, at))
                plan.log(AuditEntry.Action.CLAIMED, second, State.IN_REVIEW, State.IN_REVIEW, at)
        for review in plan.reviews:
            if review.submitted_at is None:
                _score(rng, review, instrument, draft=True)
        return plan

    final = "" if state == State.ADJUDICATION else _decision_for(state)
    plan.adjudicated = two and (state == State.ADJUDICATION or rng.random() < 0.3)
    decisions = [final] * plan.reviews_required
    if plan.adjudicated:
        agreed = final or rng.choice(Decision.values)
        decisions = [agreed, rng.choice([d for d in Decision.values if d != agreed])]
        rng.shuffle(decisions)
    if two:
        at = _later(rng, at, now, days=3)
        plan.reviews.append(ReviewPlan(second, at))
        plan.log(AuditEntry.Action.CLAIMED, second, State.IN_REVIEW, State.IN_REVIEW, at)
    for review, decision in zip(plan.reviews, decisions, strict=True):
        at = _later(rng, at, now, days=4)
        _submit(rng, plan, review, decision, at, instrument)
    last = plan.reviews[-1].reviewer
    if not plan.adjudicated:
        plan.log(AuditEntry.Action.DECIDED, last, State.IN_REVIEW, state, at)
        plan.decision, plan.decided_at = final, at
        return plan
    note = disagreement_note(decisions)
    plan.log(
        AuditEntry.Action.SENT_TO_ADJUDICATION,
        last,
        State.IN_REVIEW,
        State.ADJUDICATION,
        at,
        note,
    )
    if state != State.ADJUDICATION:
        plan.note = rng.choice(words.ADJUDICATION_NOTES)
        plan.decision, plan.decided_at = final, _later(rng, at, now, days=5)
        plan.log(
            AuditEntry.Action.ADJUDICATED,
            staff,
            State.ADJUDICATION,
            state,
            plan.decided_at,
            plan.note,
        )
    return plan


def plan_rounds(
    plan: ExpertPlan,
    *,
    now: datetime,
    reviewers: Sequence[User],
    staff: User,
    instrument: dict,
) -> list[RoundPlan]:
    """The expert's rounds by their story, submitted within the last SUBMITTED_WITHIN_DAYS."""
    rng, story = plan.rng, plan.story
    context = {
        "now": now,
        "reviewers": reviewers,
        "staff": staff,
        "expert": plan.user,
        "instrument": instrument,
    }
    if story == DRAFT:
        return []
    if story == RESUBMITTED:
        start = now - timedelta(days=rng.uniform(25, SUBMITTED_WITHIN_DAYS))
        first = plan_round(rng, state=State.CHANGES_REQUESTED, submitted_at=start, **context)
        first.earlier = True
        again = _later(rng, first.decided_at, now, days=10)
        state = rng.choice((State.SUBMITTED, State.IN_REVIEW))
        return [first, plan_round(rng, state=state, submitted_at=again, **context)]
    youngest = 0.05 if story in (State.SUBMITTED, State.WITHDRAWN) else 2
    start = now - timedelta(days=rng.uniform(youngest, SUBMITTED_WITHIN_DAYS))
    return [plan_round(rng, state=story, submitted_at=start, **context)]
