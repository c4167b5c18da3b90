"""Real portfolios, review forms and reviews for the submission and review tests, built
through the services a person's clicks go through."""

from django.utils import timezone

from onboarding.confirmations import CONFIRMATIONS
from onboarding.models import ReviewForm, ReviewFormRubric, Round
from onboarding.services.reviews import ReviewInput, review_claim, review_save
from onboarding.services.submissions import submission_submit
from onboarding.workflow import Decision
from portfolio import services
from tests.factories import (
    AdversarialCaseFactory,
    AdversarialTestPlanFactory,
    BenchmarkFactory,
    BenchmarkItemFactory,
    RubricFactory,
    WorkSampleFactory,
    make_profile,
)
from tests.portfolio.upload_examples import upload

NOTES = b"# Grading notes\n\nThe model refused 9 of 10 attacks.\n"
ITEMS_CSV = b"prompt,answer\nWhat is 2+2?,4\nCapital of France?,Paris\n"


def review_form(staff, titles=("Reasoning quality", "Domain rigor")) -> ReviewForm:
    """An active form of review rubrics scored 5, 4, 3, 2, 1 (3 and up pass), each with one
    disallowed behaviour."""
    form = ReviewForm.objects.create(name="Portfolio review", is_active=True)
    for position, title in enumerate(titles):
        rubric = RubricFactory(
            owner=staff,
            kind="review",
            title=title,
            pass_score=3,
            levels=[(score, [f"{title}: level {score}"]) for score in (5, 4, 3, 2, 1)],
            disallowed=[f"{title}: fabricated sources"],
        )
        ReviewFormRubric.objects.create(form=form, rubric=rubric, position=position)
    return form


def ready_portfolio(user, *, domains=("finance", "statistics"), credentials=("CFA",)):
    """Everything a submission needs: a valid profile, a linked and an uploaded work sample,
    a rubric and a benchmark with items, linked as evidence for the deep domain."""
    make_profile(
        user,
        headline=f"{user.name}: evaluator of financial reasoning",
        domains=list(domains),
        domain_depth={domains[0]: 4},
        credentials=list(credentials),
    )
    WorkSampleFactory(owner=user, title="Risk memo", url="https://example.org/memo")
    uploaded = services.work_sample_create(
        actor=user,
        title="Grading notes",
        sample_type="report",
        upload=upload("notes.md", NOTES),
    )
    rubric = RubricFactory(owner=user, title="Reasoning rubric")
    benchmark = BenchmarkFactory(owner=user, title="Lease pilot", domain=domains[0])
    BenchmarkItemFactory(benchmark=benchmark, position=0)
    BenchmarkItemFactory(benchmark=benchmark, position=1, difficulty="hard", adversarial=True)
    evidence = services.evidence_link(actor=user, domain=domains[0], artifact=benchmark)
    return {"sample": uploaded, "rubric": rubric, "benchmark": benchmark, "evidence": evidence}


def grow_portfolio(user, *, times: int = 12) -> None:
    """Many more of every artifact, with many items, levels, criteria and cases: a page
    that lists or counts them must not need more queries for it."""
    for i in range(times):
        RubricFactory(
            owner=user,
            title=f"Extra rubric {i}",
            levels=[(score, [f"Criterion {score}a", f"Criterion {score}b"]) for score in range(6)],
            disallowed=["Fabricated citations", "Unsafe advice"],
        )
        benchmark = BenchmarkFactory(owner=user, title=f"Extra benchmark {i}")
        for position in range(15):
            BenchmarkItemFactory(benchmark=benchmark, position=position, adversarial=i % 2 == 0)
        WorkSampleFactory(owner=user, title=f"Extra sample {i}")
        plan = AdversarialTestPlanFactory(owner=user, title=f"Extra test plan {i}")
        for position in range(4):
            AdversarialCaseFactory(plan=plan, position=position)


def submitted_round(user, **portfolio) -> Round:
    ready_portfolio(user, **portfolio)
    return submission_submit(actor=user, confirmed=CONFIRMATIONS)


def scores_for(round: Round, score: int = 5, flags=None, comments=None) -> ReviewInput:
    count = len(round.instrument["rubrics"])
    return {
        "scores": dict.fromkeys(range(count), score),
        "flags": flags or {},
        "rubric_comments": comments or {},
    }


def review_input(round: Round, decision: str, *, score: int = 5, comment: str = "", **extra):
    values = scores_for(round, score)
    values.update(extra)
    if not comment and decision != Decision.APPROVE:
        comment = "Please add sources to the benchmark."
    return ReviewInput(decision=decision, comment=comment, **values)


def reviewed(round: Round, reviewer, decision: str = Decision.APPROVE, **kwargs):
    """`reviewer` claims the round and submits a complete review."""
    review = review_claim(actor=reviewer, round=round)
    review_save(
        actor=reviewer, review=review, data=review_input(round, decision, **kwargs), submit=True
    )
    round.refresh_from_db()
    return review


def user_change_form(user, **changes) -> dict:
    """What the admin's change form of the user posts as it stands, with `changes`."""
    joined = timezone.localtime(user.date_joined)
    return {
        "email": user.email,
        "name": user.name,
        "is_active": "on",
        "groups": list(user.groups.values_list("pk", flat=True)),
        "date_joined_0": joined.strftime("%Y-%m-%d"),
        "date_joined_1": joined.strftime("%H:%M:%S"),
        **changes,
    }
