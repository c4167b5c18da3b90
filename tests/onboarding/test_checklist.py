"""The onboarding checklist and pre-flight checks, derived from the data alone."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from onboarding.checklist import (
    blocking_problems,
    counted_work_samples,
    onboarding,
    outline_of_frozen,
    preflight_checks,
    round_opening,
)
from onboarding.models import DeepeningPlan, Round
from onboarding.plan import plan_progress
from onboarding.snapshots import freeze_portfolio
from onboarding.workflow import State
from portfolio import services
from portfolio.evidence import deep_domains_of
from portfolio.models import Benchmark, Evidence, WorkSample
from portfolio.outline import PortfolioOutline, portfolio_outline
from portfolio.services.evidence import evidence_kind_of
from profiles.demo import DEMO_EXTENSIONS
from profiles.models import Profile, ProfileDomain, User
from profiles.schema import seed_document
from tests.factories import (
    AdversarialCaseFactory,
    AdversarialTestPlanFactory,
    BenchmarkFactory,
    BenchmarkItemFactory,
    RubricFactory,
    UserFactory,
    WorkSampleFactory,
    make_profile,
)
from tests.onboarding.review_setup import ready_portfolio
from tests.portfolio.upload_examples import upload

pytestmark = pytest.mark.django_db


def steps_of(user, latest=None) -> dict:
    return {step.key: step for step in onboarding(freeze_portfolio(user), latest).steps}


def test_onboarding_for_a_new_expert_has_nothing_done(alice):
    checklist = onboarding(freeze_portfolio(alice), None)
    assert [step.done for step in checklist.steps] == [False] * 6
    assert (checklist.done_count, checklist.total, checklist.percent) == (0, 6, 0)
    assert checklist.next_step.key == "profile"
    assert checklist.next_step.url == "/profile/edit/"


def test_onboarding_profile_needs_schema_and_completeness(alice):
    make_profile(alice)
    step = steps_of(alice)["profile"]
    assert not step.done
    assert step.detail.startswith("1 of 9 parts filled in; still missing: plain-language bio")
    # Only a valid profile is asked for on submitting: the step says so rather than block.
    assert step.detail.endswith(
        "Your profile is valid, so it does not hold up submitting, "
        "but reviewers judge what it says."
    )
    assert "once the submit page finds your portfolio ready" in steps_of(alice)["submitted"].detail

    samples = [
        {"title": "Memo", "type": "memo", "link": "https://example.org/memo"},
        {"title": "Report", "type": "report", "link": "https://example.org/report"},
    ]
    make_profile(alice, **{**seed_document(), **DEMO_EXTENSIONS, "work_samples": samples})
    assert steps_of(alice)["profile"].done


def test_onboarding_profile_counts_portfolio_samples_as_evidence(alice, client):
    memo_only = [{"title": "Memo", "type": "memo", "link": "https://example.org/memo"}]
    make_profile(alice, **{**seed_document(), **DEMO_EXTENSIONS, "work_samples": memo_only})
    assert "domain artifacts" in steps_of(alice)["profile"].detail
    WorkSampleFactory(owner=alice, sample_type="report")
    assert steps_of(alice)["profile"].done
    # The profile page's meter agrees with the dashboard.
    client.force_login(alice)
    assert client.get("/profile/").context["completeness"].is_complete


@pytest.mark.parametrize("build", ["rubric", "benchmark", "test_plan"])
def test_onboarding_profile_counts_built_artifacts_as_reasoning_evidence(alice, client, build):
    report_only = [{"title": "Report", "type": "report", "link": "https://example.org/report"}]
    make_profile(alice, **{**seed_document(), **DEMO_EXTENSIONS, "work_samples": report_only})
    BenchmarkFactory(owner=alice, domain="finance")  # no items yet: it shows nothing
    RubricFactory(owner=UserFactory())  # someone else's
    assert "evidence of reasoning quality" in steps_of(alice)["profile"].detail
    client.force_login(alice)
    assert not client.get("/profile/").context["completeness"].is_complete
    # The checklist counts the rubric it asks for; the profile must not ask for it again.
    if build == "rubric":
        RubricFactory(owner=alice)
    elif build == "benchmark":
        BenchmarkItemFactory(benchmark=Benchmark.objects.get(owner=alice))
    else:
        AdversarialTestPlanFactory(owner=alice)
    assert steps_of(alice)["profile"].done
    assert portfolio_outline(alice) == outline_of_frozen(freeze_portfolio(alice))
    # The profile page's meter agrees with the dashboard.
    assert client.get("/profile/").context["completeness"].is_complete


def test_onboarding_counts_profile_links_as_the_portfolio_samples_they_are(alice):
    make_profile(
        alice,
        work_samples=[
            {"title": "Memo", "link": "https://example.org/memo"},
            {"title": "Profile link", "link": "https://example.org/other"},
        ],
    )
    # Importing the same document again finds the same two samples.
    make_profile(alice, work_samples=[{"title": "Memo", "link": "https://example.org/memo"}])
    counted = counted_work_samples(freeze_portfolio(alice))
    assert [(sample.title, sample.detail) for sample in counted] == [
        ("Memo", "link"),
        ("Profile link", "link"),
    ]
    step = steps_of(alice)["work_samples"]
    assert step.done
    assert "2 work samples count" in step.detail and "“Profile link” (link)" in step.detail


def test_onboarding_one_sample_is_not_enough(alice):
    WorkSampleFactory(owner=alice, title="Only one")
    step = steps_of(alice)["work_samples"]
    assert not step.done
    assert step.detail.startswith("Only 1 work sample so far")


def test_onboarding_many_samples_are_named_three_and_counted(alice):
    for n in range(1, 8):
        WorkSampleFactory(owner=alice, title=f"Sample {n}", url=f"https://example.org/{n}")
    step = steps_of(alice)["work_samples"]
    assert step.detail == (
        "7 work samples count: “Sample 1” (link); “Sample 2” (link); “Sample 3” (link); and 4 more."
    )


def test_onboarding_rubric_and_benchmark_steps(alice, staff):
    RubricFactory(owner=staff, kind="review")  # a review rubric is not the expert's
    BenchmarkFactory(owner=staff)
    steps = steps_of(alice)
    assert not steps["rubric"].done and not steps["benchmark"].done
    RubricFactory(owner=alice, title="Mine")
    pilot = BenchmarkFactory(owner=alice, title="Pilot", domain="finance")
    steps = steps_of(alice)
    assert steps["rubric"].done and steps["rubric"].detail == "1 rubric: “Mine”."
    # A benchmark counts once it has items: a title alone is no specialist artifact.
    assert not steps["benchmark"].done
    assert (
        steps["benchmark"].detail
        == "“Pilot” has no items yet: a benchmark counts once it has items."
    )
    BenchmarkFactory(owner=alice, title="Empty", domain="finance")
    BenchmarkItemFactory(benchmark=pilot)
    steps = steps_of(alice)
    assert steps["benchmark"].done and "“Pilot” (finance, 1 item)" in steps["benchmark"].detail
    assert steps["benchmark"].detail.startswith("1 benchmark with items")
    assert portfolio_outline(alice) == outline_of_frozen(freeze_portfolio(alice))


def test_onboarding_work_samples_count_one_a_work(alice):
    WorkSampleFactory(owner=alice, title="Memo", url="https://example.org/memo")
    WorkSampleFactory(owner=alice, title="Copy of Memo", url="https://example.org/memo")
    step = steps_of(alice)["work_samples"]
    assert not step.done
    assert step.detail == (
        "Only 1 work sample so far: “Memo” (link). 1 other sample shows the same link or "
        "file as one of these, so count once. Add one more."
    )
    assert portfolio_outline(alice) == outline_of_frozen(freeze_portfolio(alice))
    WorkSampleFactory(owner=alice, title="Report", url="https://example.org/report")
    assert steps_of(alice)["work_samples"].done


def test_onboarding_submitted_step_follows_the_latest_round(alice):
    round = Round(number=2, state=State.SUBMITTED, submitted_at=timezone.now())
    assert steps_of(alice, round)["submitted"].done
    round.state = State.WITHDRAWN
    assert not steps_of(alice, round)["submitted"].done
    round.state = State.CHANGES_REQUESTED
    step = steps_of(alice, round)["submitted"]
    assert not step.done and step.link_label == "Resubmit" and "round 3" in step.detail
    round.state = State.APPROVED
    assert steps_of(alice, round)["submitted"].done


def test_onboarding_next_step_is_the_first_undone(alice):
    ready_portfolio(alice)
    checklist = onboarding(freeze_portfolio(alice), None)
    assert checklist.done_count == 4  # the profile is valid but not complete
    assert checklist.next_step.key == "profile"


def test_preflight_blocks_until_all_four_are_there(alice):
    assert [check.ok for check in preflight_checks(freeze_portfolio(alice))] == [False] * 5
    problems = blocking_problems(freeze_portfolio(alice))
    assert problems[0] == "A valid skill profile: You have no profile yet."
    ready_portfolio(alice)
    assert blocking_problems(freeze_portfolio(alice)) == []


def test_preflight_refuses_a_profile_that_no_longer_passes_the_schema(alice):
    ready_portfolio(alice)
    frozen = freeze_portfolio(alice)
    frozen.snapshot["profile"]["availability"] = {"hours_per_week": 500}
    check = preflight_checks(frozen)[0]
    assert not check.ok
    assert "availability.hours_per_week" in check.detail


def test_preflight_refuses_an_empty_profile_document(alice):
    ready_portfolio(alice)
    frozen = freeze_portfolio(alice)
    frozen.snapshot["profile"] = {}
    check = preflight_checks(frozen)[0]
    assert not check.ok and "headline" in check.detail


def _round(state, *, decided_days_ago=None):
    now = timezone.now()
    decided = now - timedelta(days=decided_days_ago) if decided_days_ago is not None else None
    return Round(number=1, state=state, submitted_at=now, decided_at=decided)


@pytest.mark.parametrize(
    ("state", "allowed"),
    [
        (State.WITHDRAWN, True),
        (State.CHANGES_REQUESTED, True),
        (State.SUBMITTED, False),
        (State.IN_REVIEW, False),
        (State.ADJUDICATION, False),
        (State.APPROVED, False),
    ],
)
def test_round_opening_by_latest_state(state, allowed):
    assert round_opening(_round(state)).allowed is allowed


def test_round_opening_first_round_is_allowed():
    assert round_opening(None).allowed


def test_round_opening_after_a_rejection_waits(settings):
    settings.RESUBMIT_AFTER_REJECTION_DAYS = 30
    recent = round_opening(_round(State.REJECTED, decided_days_ago=10))
    assert not recent.allowed
    assert "You may submit a revised portfolio from" in recent.reason
    assert (recent.from_date - timezone.now()).days in (19, 20)
    assert round_opening(_round(State.REJECTED, decided_days_ago=31)).allowed


# --- The outline read from the database judges what a frozen portfolio does -----------------

SAMPLE_TYPES = ("benchmark", "rubric", "test_plan", "report", "memo", "code", "dataset", "other")
LONG_OBJECTIVE = "Judge whether each step of the answer follows from the last one, " * 3


def _random_profile(rng: random.Random, user) -> list[str]:
    """A profile of some kind, or none; returns the links it lists as work samples."""
    kind = rng.choice(["none", "small", "full", "links", "invalid"])
    if kind == "none":
        return []
    links = [f"https://example.org/shared/{i}" for i in range(rng.randint(0, 3))]
    samples = [
        {"title": f"Profile sample {i}", "type": rng.choice(SAMPLE_TYPES), "link": link}
        for i, link in enumerate(links)
    ]
    document = {"headline": "Evaluator", "domains": ["finance", "law"][: rng.randint(1, 2)]}
    if kind == "full":
        document = {**seed_document(), **DEMO_EXTENSIONS}
    if samples and kind != "small":
        document["work_samples"] = samples
    make_profile(user, **document)
    if kind == "invalid":
        # Stored before a rule it now breaks (and before documents were kept with their
        # rows): no domain at all.
        ProfileDomain.objects.filter(profile__user=user).delete()
        Profile.objects.filter(user=user).update(headline="Trailing space ", kept_document="")
    return links if "work_samples" in document else []


def _random_evidence(rng: random.Random, user) -> None:
    """Evidence for some deep domains (named in another capitalisation), and now and then a
    link kept for a domain the profile no longer has."""
    artifacts = [*Benchmark.objects.filter(owner=user), *WorkSample.objects.filter(owner=user)]
    if not artifacts:
        return
    for name, _depth in deep_domains_of(user):
        if rng.random() < 0.6:
            services.evidence_link(actor=user, domain=name.upper(), artifact=rng.choice(artifacts))
    if rng.random() < 0.3:
        artifact = rng.choice(artifacts)
        Evidence.objects.create(
            owner=user, domain="A domain since removed", **{evidence_kind_of(artifact): artifact}
        )


def _random_portfolio(rng: random.Random, user, others) -> None:
    shared = _random_profile(rng, user)
    for i in range(rng.randint(0, 4)):
        kind = rng.choice(SAMPLE_TYPES)
        if rng.random() < 0.3:
            body = f"# Notes {i}\n".encode()
            services.work_sample_create(
                actor=user, title=f"Upload {i}", sample_type=kind, upload=upload("n.md", body)
            )
        else:
            url = rng.choice([*shared, f"https://example.org/own/{i}"])
            WorkSampleFactory(owner=user, title=f"Sample {i}", sample_type=kind, url=url)
    for i in range(rng.randint(0, 5)):
        untitled = rng.random() < 0.3
        RubricFactory(
            owner=user,
            title="" if untitled else f"Rubric {i}",
            objective=LONG_OBJECTIVE if rng.random() < 0.5 else f"Objective {i}",
        )
    for i in range(rng.randint(0, 3)):
        benchmark = BenchmarkFactory(owner=user, title=f"Benchmark {i}", domain=f"domain {i}")
        for position in range(rng.choice([0, 1, 4, 12])):
            BenchmarkItemFactory(benchmark=benchmark, position=position)
    for _ in range(rng.randint(0, 2)):
        plan = AdversarialTestPlanFactory(owner=user)
        AdversarialCaseFactory(plan=plan, position=0)
    _random_evidence(rng, user)
    # Someone else's artifacts and review rubrics are not the expert's.
    RubricFactory(owner=others, kind=rng.choice(["artifact", "review"]))
    BenchmarkFactory(owner=others)
    WorkSampleFactory(owner=others)


LATEST_ROUNDS = [
    None,
    *(Round(number=2, state=state, submitted_at=timezone.now()) for state in State),
]


@pytest.mark.parametrize("seed", range(24))
def test_portfolio_outline_judges_as_the_frozen_portfolio_does(seed, django_assert_max_num_queries):
    rng = random.Random(seed)
    expert, other = UserFactory(), UserFactory()
    _random_portfolio(rng, expert, other)
    frozen = freeze_portfolio(expert)
    expert = User.objects.get(pk=expert.pk)  # as a request reads it, without cached relations
    # The profile, then the artifacts and the profile's lists in one query, however many
    # artifacts, items and links there are.
    with django_assert_max_num_queries(2):
        outline = portfolio_outline(expert)
    assert outline == outline_of_frozen(frozen)
    assert portfolio_outline(expert) == outline  # the profile's document kept this time
    assert preflight_checks(outline) == preflight_checks(frozen)
    assert counted_work_samples(outline) == counted_work_samples(frozen)
    for latest in LATEST_ROUNDS:
        assert onboarding(outline, latest) == onboarding(frozen, latest)


def test_portfolio_outline_of_a_new_expert(alice, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # the artifacts, the profile (there is none)
        outline = portfolio_outline(alice)
    assert outline == PortfolioOutline(
        profile=None,
        profile_problems=(),
        work_samples=(),
        rubric_count=0,
        rubric_titles=(),
        benchmark_count=0,
        first_benchmark=None,
    )
    assert onboarding(outline, None) == onboarding(freeze_portfolio(alice), None)


def _plan(domain: str, target_in_days: int) -> DeepeningPlan:
    today = timezone.localdate()
    return DeepeningPlan(domain=domain, set_on=today, target_date=today + timedelta(target_in_days))


@pytest.mark.parametrize(
    ("target_in_days", "days_left", "due_today", "overdue", "days_overdue"),
    [(70, 70, False, False, 0), (1, 1, False, False, 0), (0, 0, True, False, 0),
     (-3, -3, False, True, 3)],
)  # fmt: skip
def test_plan_progress_counts_the_days(target_in_days, days_left, due_today, overdue, days_overdue):
    progress = plan_progress(
        _plan("law", target_in_days), today=timezone.localdate(), domains=["law"]
    )
    assert (progress.days_left, progress.due_today, progress.overdue, progress.days_overdue) == (
        days_left,
        due_today,
        overdue,
        days_overdue,
    )
    assert not progress.domain_missing


def test_plan_progress_notices_a_domain_gone_from_the_profile():
    progress = plan_progress(_plan("law", 70), today=timezone.localdate(), domains=["finance"])
    assert progress.domain_missing


def test_plan_progress_without_a_plan():
    assert plan_progress(None, today=timezone.localdate(), domains=["law"]) is None
