"""One expert's artifacts, planned: a rubric's content, a benchmark with its items and an
adversarial test plan with its cases, as unsaved rows drawn from the word lists."""

import random

from portfolio.integrity import prompt_key
from portfolio.models import AdversarialCase, AdversarialTestPlan, Benchmark, BenchmarkItem
from profiles.models import User
from rubrics.content import LevelContent, RubricContent
from seeding import words


def cap(text: str) -> str:
    """The first letter capitalised and the rest as written (str.title would lower "CFA")."""
    return text[:1].upper() + text[1:]


def rubric_content(rng: random.Random, domains: list[words.Domain]) -> RubricContent:
    domain = rng.choice(domains)
    fill = {"domain": domain.name, "Domain": cap(domain.name), "topic": rng.choice(domain.topics)}
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


def benchmark(
    rng: random.Random, user: User, domain: words.Domain
) -> tuple[Benchmark, list[BenchmarkItem]]:
    topic, topic2 = rng.sample(domain.topics, 2)
    fill = {
        "Domain": cap(domain.name),
        "domain": domain.name,
        "Topic": cap(topic),
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
        prompt = rng.choice(prompts).format(**text)
        items.append(
            BenchmarkItem(
                benchmark=benchmark,
                owner=user,
                position=position,
                prompt=prompt,
                prompt_key=prompt_key(prompt),
                reference_answer=rng.choice(answers).format(**text),
                rationale=rng.choice(words.RATIONALES),
                difficulty=rng.choice(("easy", "medium", "medium", "hard")),
                adversarial=adversarial,
                source=domain.sources.split(";")[0] if rng.random() < 0.5 else "",
            )
        )
    return benchmark, items


def test_plan(
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
        title=f"{cap(domain.name)} assistant: {threat_title.lower()}",
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
